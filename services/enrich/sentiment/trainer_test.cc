#include "services/enrich/sentiment/trainer.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace newswire::sentiment {
namespace {

TEST(TrainerTest, CodePointOffsetsBecomeByteOffsets) {
  const std::string text = "“Merkel’s” plan";  // “ and ’ are 3 bytes each
  EXPECT_EQ(CodePointToByte(text, 0), 0u);
  EXPECT_EQ(CodePointToByte(text, 1), 3u);
  EXPECT_EQ(CodePointToByte(text, 7), 9u);   // the ’
  EXPECT_EQ(CodePointToByte(text, 8), 12u);  // the s
  EXPECT_EQ(CodePointToByte(text, 100), text.size());
}

TEST(TrainerTest, MacroF1AveragesPerClassF1) {
  const Scores s = ScorePredictions({0, 1, 2, 2}, {0, 1, 2, 1});
  EXPECT_DOUBLE_EQ(s.f1[0], 1.0);
  EXPECT_DOUBLE_EQ(s.f1[1], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.f1[2], 2.0 / 3.0);
  EXPECT_NEAR(s.macro_f1, 7.0 / 9.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.accuracy, 0.75);
}

TEST(TrainerTest, ReaderConvertsOffsetsAndPolarities) {
  const std::string path = ::testing::TempDir() + "/newsmtsc_test.jsonl";
  {
    std::ofstream out(path);
    out << R"({"sentence_normalized": "“Great,” said Ms. Müller about Obama.", )"
        << R"("targets": [{"from": 14, "to": 24, "polarity": 6.0}, )"
        << R"({"from": 31, "to": 36, "polarity": 4.0}]})"
        << "\n";
  }
  const Lexicon lex = Lexicon::BuiltIn();
  auto examples = ReadNewsMtsc(path, lex);
  ASSERT_TRUE(examples.ok()) << examples.status();
  ASSERT_EQ(examples->size(), 2u);
  EXPECT_EQ((*examples)[0].label, 2);
  EXPECT_EQ((*examples)[1].label, 1);
  // Code points 14..24 are "Ms. Müller": bytes 18..29 (“ ” are 3 bytes, ü 2).
  const std::string text = "“Great,” said Ms. Müller about Obama.";
  ASSERT_EQ(text.substr(18, 11), "Ms. Müller");
  FeatureVector expected;
  ASSERT_TRUE(ExtractTargetFeatures(lex, text, 18, 29, &expected));
  EXPECT_EQ((*examples)[0].features.ids, expected.ids);
  std::remove(path.c_str());
}

TEST(TrainerTest, ClassBiasesFixAnUnderpredictedClass) {
  // Positive targets score just below neutral; neutral ones clearly neutral.
  const std::vector<Logits> logits = {{0, 0.5f, 0.3f}, {0, 0.5f, 0.3f},
                                      {0, 0.5f, 0},    {0, 0.5f, 0},
                                      {0.9f, 0, 0},    {0.9f, 0, 0}};
  const std::vector<int> gold = {2, 2, 1, 1, 0, 0};
  const Logits bias = TuneClassBiases(logits, gold, 1.0f, 0.05f);
  // Any positive offset in (0.2, 0.5) is perfect; the smallest one wins, and
  // negative's offset stays 0 because nothing needs it.
  EXPECT_NEAR(bias[2], 0.25f, 1e-5);
  EXPECT_EQ(bias[0], 0.0f);
  EXPECT_EQ(bias[1], 0.0f);
}

TEST(TrainerTest, ClassBiasesLandInTheConstantFeature) {
  LinearModel w;
  Example ex;
  ex.features.dense[0] = 1.0f;  // the constant every target carries
  ex.features.ids = {7};
  EXPECT_EQ(Predict(w, {ex}), std::vector<int>{0});  // all-zero: a tie
  AddClassBiases({0, 0, 0.5f}, &w);
  EXPECT_EQ(Predict(w, {ex}), std::vector<int>{2});
}

// Examples with one private sparse feature each plus the constant.
std::vector<Example> PrivateFeatureData() {
  std::vector<Example> data;
  for (uint32_t i = 0; i < 8; ++i) {
    Example ex;
    ex.features.ids = {100 + i};
    ex.features.dense[0] = 1.0f;
    ex.label = i % 2 == 0 ? 0 : 2;
    data.push_back(ex);
  }
  return data;
}

TEST(TrainerTest, ClassWeightsTiltConflictingExamples) {
  // One negative and one positive example with the same features: plain
  // log loss leaves them near a tie (the visiting order tips it a little),
  // a heavier positive weight tips the model clearly.
  std::vector<Example> data(2);
  for (int k = 0; k < 2; ++k) {
    data[k].features.ids = {5};
    data[k].features.dense[0] = 1.0f;
    data[k].label = k == 0 ? 0 : 2;
  }
  TrainOptions plain;
  auto even = TrainAveraged(data, plain, 5, 1, false);
  TrainOptions tilted;
  tilted.class_weight = {1.0f, 1.0f, 3.0f};
  auto heavy = TrainAveraged(data, tilted, 5, 1, false);
  float even_logits[kNumClasses] = {0, 0, 0};
  float heavy_logits[kNumClasses] = {0, 0, 0};
  even->AddScores(data[0].features, even_logits);
  heavy->AddScores(data[0].features, heavy_logits);
  const float even_tilt = even_logits[2] - even_logits[0];
  const float heavy_tilt = heavy_logits[2] - heavy_logits[0];
  EXPECT_LT(std::fabs(even_tilt), 0.15f);
  EXPECT_GT(heavy_tilt, even_tilt + 0.2f) << even_tilt << " " << heavy_tilt;
  EXPECT_EQ(Predict(*heavy, {data[0]}), std::vector<int>{2});
}

TEST(TrainerTest, OneSeedAveragedIsTrainEpochsAverage) {
  const std::vector<Example> data = PrivateFeatureData();
  TrainOptions opt;
  auto weights = std::make_unique<LinearModel>();
  TrainState state;
  TrainEpochs(data, opt, 3, weights.get(), &state);
  auto averaged = TrainAveraged(data, opt, 3, 1, true);
  EXPECT_EQ(averaged->sparse(), state.average->sparse());
  EXPECT_EQ(averaged->dense(), state.average->dense());
  // Two seeds: another shuffle, so other weights.
  auto two = TrainAveraged(data, opt, 3, 2, true);
  EXPECT_NE(two->sparse(), averaged->sparse());
}

TEST(TrainerTest, OutOfFoldLogitsNeverSeeTheirOwnExample) {
  const std::vector<Example> data = PrivateFeatureData();
  TrainOptions opt;
  // In sample, each private feature learns its own label.
  auto in_sample = TrainAveraged(data, opt, 5, 1, true);
  EXPECT_EQ(Predict(*in_sample, data),
            (std::vector<int>{0, 2, 0, 2, 0, 2, 0, 2}));
  // Out of fold, a block's private features were never trained, so every
  // example of a block gets the same logits (from the constant alone).
  const std::vector<Logits> oof = OutOfFoldLogits(data, opt, 5, 1, true, 2);
  ASSERT_EQ(oof.size(), data.size());
  for (size_t i = 1; i < 4; ++i) EXPECT_EQ(oof[i], oof[0]);
  for (size_t i = 5; i < 8; ++i) EXPECT_EQ(oof[i], oof[4]);
}

TEST(TrainerTest, MissingFileIsNotFound) {
  auto r = ReadNewsMtsc("/nonexistent/newsmtsc.jsonl", Lexicon::BuiltIn());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
}

// Toy data: the verb after the target decides the label.
std::vector<Example> ToyData(const Lexicon& lex) {
  const char* names[] = {"Smith", "Jones", "Brown", "Lee", "Khan", "Silva"};
  const struct {
    const char* rest;
    int label;
  } frames[] = {{" was praised by voters.", 2},
                {" was condemned by voters.", 0},
                {" met voters on Tuesday.", 1}};
  std::vector<Example> out;
  for (const char* name : names) {
    for (const auto& f : frames) {
      Example ex;
      const std::string text = std::string(name) + f.rest;
      EXPECT_TRUE(ExtractTargetFeatures(lex, text, 0, std::string(name).size(),
                                        &ex.features));
      ex.label = f.label;
      out.push_back(ex);
    }
  }
  return out;
}

TEST(TrainerTest, TrainingIsDeterministicAndFitsToyData) {
  const Lexicon lex = Lexicon::BuiltIn();
  const std::vector<Example> data = ToyData(lex);
  TrainOptions opt;
  opt.learning_rate = 0.1f;
  std::string bytes[2];
  for (std::string& b : bytes) {
    auto w = std::make_unique<LinearModel>();
    TrainState state;
    TrainEpochs(data, opt, 5, w.get(), &state);
    std::vector<int> gold;
    for (const Example& ex : data) gold.push_back(ex.label);
    EXPECT_DOUBLE_EQ(ScorePredictions(gold, Predict(*w, data)).accuracy, 1.0);
    b = SerializeModel(*w, lex, 0.0f);
  }
  EXPECT_EQ(bytes[0], bytes[1]);
}

TEST(TrainerTest, ModelFileRoundTripsAndRejectsCorruption) {
  const Lexicon lex = Lexicon::BuiltIn();
  const std::vector<Example> data = ToyData(lex);
  auto w = std::make_unique<LinearModel>();
  TrainState state;
  TrainEpochs(data, TrainOptions(), 2, w.get(), &state);
  const std::string bytes = SerializeModel(*w, lex, 0.0f);

  auto back = std::make_unique<LinearModel>();
  Lexicon lex_back = Lexicon::BuiltIn();
  ASSERT_TRUE(ParseModel(bytes, back.get(), &lex_back).ok());
  EXPECT_EQ(Predict(*back, data), Predict(*w, data));
  EXPECT_EQ(SerializeModel(*back, lex_back, 0.0f), bytes);

  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x40;
  EXPECT_EQ(ParseModel(flipped, back.get(), &lex_back).code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(ParseModel(bytes.substr(0, 20), back.get(), &lex_back).code(),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace newswire::sentiment
