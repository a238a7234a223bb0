#include "services/enrich/sentiment/tokens.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace newswire::sentiment {
namespace {

std::vector<std::string> Words(absl::string_view text,
                               const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    out.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

TEST(TokensTest, SplitsWordsPunctuationAndClitics) {
  const std::string text =
      "The U.S. didn't back Merkel's plan, officials said.";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  EXPECT_EQ(
      Words(text, tokens),
      (std::vector<std::string>{"The", "U.S.", "did", "n't", "back", "Merkel",
                                "'s", "plan", ",", "officials", "said", "."}));
  EXPECT_EQ(tokens[3].hash, HashWord("N'T"));
  EXPECT_TRUE(tokens[3].flags & kWord);
  EXPECT_TRUE(tokens[6].flags & kWord);  // 's
  EXPECT_TRUE(tokens[0].flags & kCapitalized);
  EXPECT_TRUE(tokens[8].flags & kClauseBreak);
  EXPECT_TRUE(tokens[11].flags & kSentenceEnd);
}

TEST(TokensTest, CurlyQuotesAndApostrophes) {
  const std::string text = "“We won’t go,” she said.";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  EXPECT_EQ(Words(text, tokens),
            (std::vector<std::string>{"“", "We", "wo", "n’t", "go", ",", "”",
                                      "she", "said", "."}));
  EXPECT_TRUE(tokens[0].flags & kQuote);
  EXPECT_TRUE(tokens[6].flags & kQuote);
  EXPECT_FALSE(tokens[3].flags & kQuote);
  EXPECT_EQ(tokens[3].hash, HashWord("n't"));
}

TEST(TokensTest, SentencesAreTheSharedSegmentation) {
  const std::string text =
      "Mr. Smith met U.S. envoys. \"Talks failed.\" Prices rose 3.5 percent.\n"
      "\nNew paragraph without stop\n\nNext";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<SentenceSpan> sentences;
  SplitSentences(tokens, &sentences);
  ASSERT_EQ(sentences.size(), 5u);
  EXPECT_EQ(text.substr(tokens[sentences[1].begin].begin,
                        tokens[sentences[1].end - 1].end -
                            tokens[sentences[1].begin].begin),
            "\"Talks failed.\"");
  EXPECT_EQ(text.substr(tokens[sentences[3].begin].begin, 3), "New");
}

TEST(TokensTest, TokenAtOrAfterFindsByteOffsets) {
  const std::string text = "Iran and Iraq";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  EXPECT_EQ(TokenAtOrAfter(tokens, 0), 0u);
  EXPECT_EQ(TokenAtOrAfter(tokens, 4), 1u);  // the space before "and"
  EXPECT_EQ(TokenAtOrAfter(tokens, 9), 2u);
  EXPECT_EQ(TokenAtOrAfter(tokens, 13), 3u);
}

TEST(TokensTest, StemsShareFeaturesAcrossInflections) {
  EXPECT_EQ(StemWord("Criticized"), "criticiz");
  EXPECT_EQ(StemWord("criticizes"), "criticiz");
  EXPECT_EQ(StemWord("sanctions"), "sanction");
  EXPECT_EQ(StemWord("bus"), "bus");  // too short to strip
  std::vector<Token> tokens;
  Tokenize("Sanctions hit", &tokens);
  EXPECT_EQ(tokens[0].stem, HashWord("sanction"));
  EXPECT_EQ(tokens[1].stem, tokens[1].hash);  // unchanged word
}

TEST(TokensTest, AnnotateKeepsTheSegmentation) {
  const std::string text = "Sen. Lee spoke. Shares fell.";
  const std::vector<text::Token> segments = text::Segment(text);
  std::vector<Token> tokens;
  AnnotateTokens(text, segments, &tokens);
  ASSERT_EQ(tokens.size(), segments.size());
  for (size_t k = 0; k < tokens.size(); ++k) {
    EXPECT_EQ(tokens[k].begin, segments[k].begin);
    EXPECT_EQ(tokens[k].end, segments[k].end);
    const bool last_of_sentence =
        k + 1 == segments.size() || segments[k + 1].sentence_start;
    EXPECT_EQ((tokens[k].flags & kSentenceEnd) != 0, last_of_sentence) << k;
  }
}

}  // namespace
}  // namespace newswire::sentiment
