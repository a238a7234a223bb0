#include "services/enrich/sentiment/trainer.h"

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
