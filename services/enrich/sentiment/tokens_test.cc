#include "services/enrich/sentiment/tokenizer.h"

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

TEST(TokenizerTest, SplitsWordsPunctuationAndPossessives) {
  const std::string text =
      "The U.S. didn't back Merkel's plan, officials said.";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  EXPECT_EQ(
      Words(text, tokens),
      (std::vector<std::string>{"The", "U.S.", "didn't", "back", "Merkel", "'s",
                                "plan", ",", "officials", "said", "."}));
  EXPECT_EQ(tokens[2].hash, HashWord("DIDN'T"));
  EXPECT_TRUE(tokens[0].flags & kCapitalized);
  EXPECT_TRUE(tokens[7].flags & kClauseBreak);
}

TEST(TokenizerTest, CurlyQuotesAndApostrophes) {
  const std::string text = "“We won’t go,” she said.";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  EXPECT_EQ(Words(text, tokens),
            (std::vector<std::string>{"“", "We", "won’t", "go", ",", "”", "she",
                                      "said", "."}));
  EXPECT_TRUE(tokens[0].flags & kQuote);
  EXPECT_TRUE(tokens[5].flags & kQuote);
  EXPECT_EQ(tokens[2].hash, HashWord("won't"));
}

TEST(TokenizerTest, SentencesEndAtTerminalsNotAbbreviations) {
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

TEST(TokenizerTest, TokenAtOrAfterFindsByteOffsets) {
  const std::string text = "Iran and Iraq";
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  EXPECT_EQ(TokenAtOrAfter(tokens, 0), 0u);
  EXPECT_EQ(TokenAtOrAfter(tokens, 4), 1u);  // the space before "and"
  EXPECT_EQ(TokenAtOrAfter(tokens, 9), 2u);
  EXPECT_EQ(TokenAtOrAfter(tokens, 13), 3u);
}

TEST(TokenizerTest, StemsShareFeaturesAcrossInflections) {
  EXPECT_EQ(StemWord("Criticized"), "criticiz");
  EXPECT_EQ(StemWord("criticizes"), "criticiz");
  EXPECT_EQ(StemWord("sanctions"), "sanction");
  EXPECT_EQ(StemWord("bus"), "bus");  // too short to strip
  std::vector<Token> tokens;
  Tokenize("Sanctions hit", &tokens);
  EXPECT_EQ(tokens[0].stem, HashWord("sanction"));
  EXPECT_EQ(tokens[1].stem, tokens[1].hash);  // unchanged word
}

}  // namespace
}  // namespace newswire::sentiment
