#include "services/enrich/sentiment/target_context.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace newswire::sentiment {
namespace {

// The target-context features of bytes [begin, end) of `text`, with
// "attacked" negative and "praised" positive.
std::vector<uint32_t> Features(const std::string& text, size_t begin,
                               size_t end) {
  Lexicon lex = Lexicon::BuiltIn();
  lex.SetValence(HashWord("attacked"), -0.5f);
  lex.SetValence(HashWord("praised"), 0.5f);
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<SentenceSpan> sentences;
  SplitSentences(tokens, &sentences);
  uint32_t tb = 0, te = 0;
  EXPECT_TRUE(TargetTokens(tokens, begin, end, &tb, &te));
  SentenceAnalysis a;
  AnalyzeSentence(lex, tokens, sentences.at(0), &a);
  FeatureVector f;
  TargetContextFeatures(a, tb, te, &f);
  return f.ids;
}

std::vector<uint32_t> FeaturesOf(const std::string& text,
                                 const std::string& target) {
  const size_t at = text.find(target);
  EXPECT_NE(at, std::string::npos);
  return Features(text, at, at + target.size());
}

TEST(TargetContextTest, NoSentimentWordGivesOneMarkerPerSide) {
  const auto a = FeaturesOf("Smith met Jones on Tuesday.", "Jones");
  const auto b = FeaturesOf("Brown visited Lee in Paris last week.", "Lee");
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(a, b);  // nothing but the two "no sentiment word" markers
}

TEST(TargetContextTest, SignOfTheNearestWordMatters) {
  const auto attacked = FeaturesOf("They attacked Smith.", "Smith");
  const auto praised = FeaturesOf("They praised Smith.", "Smith");
  // Left: stem and shape (nothing between); right: the marker.
  EXPECT_EQ(attacked.size(), 3u);
  EXPECT_EQ(praised.size(), 3u);
  EXPECT_NE(attacked[0], praised[0]);  // stem with sign
  EXPECT_NE(attacked[1], praised[1]);  // shape: sign
  EXPECT_EQ(attacked[2], praised[2]);  // no sentiment word on the right
}

TEST(TargetContextTest, SideOfTheNearestWordMatters) {
  const auto object = FeaturesOf("They attacked Smith.", "Smith");
  const auto subject = FeaturesOf("Smith attacked them.", "Smith");
  ASSERT_EQ(subject.size(), 3u);
  EXPECT_NE(object[0], subject[1]);  // left stem vs right stem
  EXPECT_NE(object[1], subject[2]);  // left shape vs right shape
}

TEST(TargetContextTest, WordsBetweenAreEmittedWithinReach) {
  const auto near = FeaturesOf("They attacked the new plan by Smith.", "Smith");
  // Stem, shape, "the" "new" "plan" "by", right marker.
  EXPECT_EQ(near.size(), 7u);
  const auto far = FeaturesOf(
      "They attacked the old and the new plans of the party led by Smith.",
      "Smith");
  // Eleven words away: stem, shape, right marker, nothing between.
  EXPECT_EQ(far.size(), 3u);
}

TEST(TargetContextTest, ClauseBoundaryChangesTheShape) {
  const auto same = FeaturesOf("They attacked Smith and Jones.", "Jones");
  const auto other = FeaturesOf("They attacked Smith; Jones left.", "Jones");
  ASSERT_GE(same.size(), 2u);
  ASSERT_GE(other.size(), 2u);
  EXPECT_EQ(same[0], other[0]);  // same word, same sign
  EXPECT_NE(same[1], other[1]);  // same distance bucket, other clause
}

}  // namespace
}  // namespace newswire::sentiment
