#include "services/enrich/sentiment/sentiment_model.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "common/io/data_path.h"
#include "common/io/file.h"
#include "gtest/gtest.h"

namespace newswire::sentiment {
namespace {

// Tests run from the repository root, where the committed model lives.
class SentimentModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto m = SentimentModel::Load("");
    ASSERT_TRUE(m.ok()) << m.status();
    model_ = m->release();
  }
  static void TearDownTestSuite() { delete model_; }

  static double Doc(const std::string& body) {
    return model_->ScoreDocument("", body).score();
  }
  static v1::SentimentLabel DocLabel(const std::string& body) {
    return model_->ScoreDocument("", body).label();
  }
  // Sentiment toward the first occurrence of `target` in `text`.
  static v1::Sentiment Toward(const std::string& text,
                              const std::string& target) {
    const size_t at = text.find(target);
    EXPECT_NE(at, std::string::npos);
    return model_->ScoreTarget(text, at, at + target.size());
  }

  static const SentimentModel* model_;
};
const SentimentModel* SentimentModelTest::model_ = nullptr;

TEST_F(SentimentModelTest, CommittedModelIsFoundAndLoads) {
  absl::StatusOr<std::string> path = FindDataFile(kDefaultSentimentModel);
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_TRUE(SentimentModel::Load(*path).ok());
}

TEST_F(SentimentModelTest, MissingAndCorruptFilesAreErrors) {
  // A missing file is an error naming it, never a fallback to rules only.
  absl::Status missing =
      SentimentModel::Load("/nonexistent/model.nwsm").status();
  EXPECT_EQ(missing.code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(absl::StrContains(missing.message(), "/nonexistent/model.nwsm"))
      << missing;
  absl::StatusOr<std::string> model =
      ReadFileToString(*FindDataFile(kDefaultSentimentModel));
  ASSERT_TRUE(model.ok()) << model.status();
  std::string bytes = *std::move(model);
  bytes[bytes.size() / 3] ^= 0x01;
  const std::string path = ::testing::TempDir() + "/corrupt.nwsm";
  std::ofstream(path, std::ios::binary) << bytes;
  EXPECT_EQ(SentimentModel::Load(path).status().code(),
            absl::StatusCode::kDataLoss);
  std::remove(path.c_str());
}

TEST_F(SentimentModelTest, NegationFlipsOrWeakensTone) {
  EXPECT_EQ(DocLabel("The virus is a threat."), v1::NEGATIVE);
  EXPECT_NE(DocLabel("The virus is not a threat."), v1::NEGATIVE);
  EXPECT_GT(Doc("The virus is not a threat."), Doc("The virus is a threat."));
  EXPECT_EQ(DocLabel("The company did not report any losses."), v1::POSITIVE);
}

TEST_F(SentimentModelTest, IntensifiersAndHedgesScaleTone) {
  const double sharply = Doc("Shares fell sharply.");
  const double plain = Doc("Shares fell.");
  const double slightly = Doc("Shares fell slightly.");
  EXPECT_LT(sharply, plain);
  EXPECT_LT(plain, slightly);
  EXPECT_LT(slightly, 0);
  EXPECT_GT(Doc("Profits rose very strongly."), Doc("Profits rose."));
}

TEST_F(SentimentModelTest, ContrastWeighsTheClauseAfterBut) {
  EXPECT_EQ(DocLabel("Sales were good but the outlook is terrible."),
            v1::NEGATIVE);
  EXPECT_EQ(DocLabel("The outlook is terrible but sales were good."),
            v1::POSITIVE);
  EXPECT_EQ(DocLabel("Although the outlook is terrible, sales were good."),
            v1::POSITIVE);
}

TEST_F(SentimentModelTest, NewsVocabulary) {
  EXPECT_EQ(DocLabel("Stocks plunge."), v1::NEGATIVE);
  EXPECT_EQ(DocLabel("Stocks surge."), v1::POSITIVE);
  EXPECT_EQ(DocLabel("Casualties mounted as new sanctions took effect."),
            v1::NEGATIVE);
  EXPECT_EQ(DocLabel("The ceasefire brought a breakthrough in the talks."),
            v1::POSITIVE);
  // General lexicons rate "shares" and "united" as positive; news does not.
  EXPECT_EQ(DocLabel("The United Nations holds shares in the fund."),
            v1::NEUTRAL);
}

TEST_F(SentimentModelTest, QuotedSpeechCountsAndHeadlineWeighs) {
  EXPECT_EQ(DocLabel("“This is a disaster,” he said."), v1::NEGATIVE);
  EXPECT_EQ(
      model_->ScoreDocument("Markets plunge", "Trading ended at noon.").label(),
      v1::NEGATIVE);
  const v1::Sentiment s = model_->ScoreDocument("", "Officials met on Monday.");
  EXPECT_EQ(s.label(), v1::NEUTRAL);
  EXPECT_GE(s.confidence(), 0.5);
  EXPECT_LE(s.confidence(), 1.0);
}

TEST_F(SentimentModelTest, TargetSentimentDependsOnTheTarget) {
  const std::string text =
      "The U.S. urged Pyongyang to give up its nuclear program.";
  EXPECT_NE(Toward(text, "Pyongyang").label(), v1::POSITIVE);
  const v1::Sentiment s = Toward(text, "Pyongyang");
  EXPECT_GE(s.score(), -1.0);
  EXPECT_LE(s.score(), 1.0);
  EXPECT_GT(s.confidence(), 0.0);
}

TEST_F(SentimentModelTest, TargetNamesCarryNoPrior) {
  // The target's own words are masked: only its context speaks.
  const v1::Sentiment trump =
      Toward("Trump met the delegation on Tuesday.", "Trump");
  const v1::Sentiment smith =
      Toward("Smith met the delegation on Tuesday.", "Smith");
  EXPECT_EQ(trump.score(), smith.score());
  EXPECT_EQ(trump.label(), smith.label());
}

TEST_F(SentimentModelTest, TwoTargetsInOneSentenceCanDiffer) {
  const std::string text =
      "Critics accused Clinton of lying, but Sanders won praise for his "
      "honesty.";
  EXPECT_EQ(Toward(text, "Clinton").label(), v1::NEGATIVE);
  EXPECT_EQ(Toward(text, "Sanders").label(), v1::POSITIVE);
  const std::string passive =
      "Obama was praised by voters, and Trump was blasted by critics.";
  EXPECT_GT(Toward(passive, "Obama").score(), Toward(passive, "Trump").score());
}

TEST_F(SentimentModelTest, EntitiesAggregateOverCanonicalId) {
  const std::string body =
      "Lawmakers praised Smith for the landmark deal. "
      "Critics attacked Smith over the scandal. "
      "Jones attended the meeting.";
  auto mention = [&](const std::string& text, size_t from,
                     const std::string& id) {
    v1::Entity e;
    const size_t at = body.find(text, from);
    e.set_text(text);
    e.set_begin(at);
    e.set_end(at + text.size());
    e.set_canonical_id(id);
    return e;
  };
  std::vector<v1::Entity> entities = {mention("Smith", 0, "Q1"),
                                      mention("Smith", 30, "Q1"),
                                      mention("Jones", 0, "Q2")};
  ASSERT_NE(entities[0].begin(), entities[1].begin());
  const double first =
      model_->ScoreTarget(body, entities[0].begin(), entities[0].end()).score();
  const double second =
      model_->ScoreTarget(body, entities[1].begin(), entities[1].end()).score();
  const double jones =
      model_->ScoreTarget(body, entities[2].begin(), entities[2].end()).score();
  model_->ScoreEntities(body, &entities);
  for (const v1::Entity& e : entities) ASSERT_TRUE(e.has_sentiment());
  // Both mentions of Q1 carry the mean of their per-mention scores.
  EXPECT_EQ(entities[0].sentiment().score(), entities[1].sentiment().score());
  EXPECT_EQ(entities[0].sentiment().label(), entities[1].sentiment().label());
  EXPECT_NEAR(entities[0].sentiment().score(), (first + second) / 2, 1e-5);
  EXPECT_NEAR(entities[2].sentiment().score(), jones, 1e-5);
  EXPECT_GT(first, second);  // praised vs attacked
}

TEST_F(SentimentModelTest, ArbitraryBytesAndBadOffsetsAreSafe) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    std::string body(rng() % 400, '\0');
    for (char& c : body) c = static_cast<char>(rng() % 256);
    std::vector<v1::Entity> entities(3);
    for (v1::Entity& e : entities) {
      e.set_begin(rng() % 500);
      e.set_end(rng() % 500);
      e.set_canonical_id(std::to_string(rng() % 2));
    }
    const v1::Sentiment doc = model_->ScoreDocument(body, body);
    EXPECT_GE(doc.score(), -1.0);
    EXPECT_LE(doc.score(), 1.0);
    model_->ScoreEntities(body, &entities);
    for (const v1::Entity& e : entities) {
      EXPECT_GE(e.sentiment().confidence(), 0.0);
      EXPECT_LE(e.sentiment().confidence(), 1.0);
    }
    const size_t begin = rng() % 500, end = rng() % 500;
    if (begin < end && end <= body.size()) {
      EXPECT_GE(model_->ScoreTarget(body, begin, end).confidence(), 0.0);
    }
  }
}

}  // namespace
}  // namespace newswire::sentiment
