#include "services/enrich/ner/tokenizer.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::ner {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Words(absl::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) {
    out.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

// Tokens joined by spaces, with "|" before each sentence start but the first.
std::string Sentences(absl::string_view text) {
  std::string out;
  for (const Token& t : Tokenize(text)) {
    if (!out.empty()) out += t.sentence_start ? " | " : " ";
    out += std::string(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

TEST(TokenizerTest, AbbreviationsKeepTheirPeriod) {
  EXPECT_THAT(Words("The U.S. and U.N. met Sen. Lee on Nov. 3."),
              ElementsAre("The", "U.S.", "and", "U.N.", "met", "Sen.", "Lee",
                          "on", "Nov.", "3", "."));
}

TEST(TokenizerTest, LetterChainsAreOneToken) {
  EXPECT_THAT(Words("the U.S.A. and D.P.R.K. at 9 a.m. Mr.Smith"),
              ElementsAre("the", "U.S.A.", "and", "D.P.R.K.", "at", "9", "a.m.",
                          "Mr.", "Smith"));
}

TEST(TokenizerTest, HyphenatedNamesStayWhole) {
  EXPECT_THAT(Words("Kim Jong-un met Choe Ryong-hae."),
              ElementsAre("Kim", "Jong-un", "met", "Choe", "Ryong-hae", "."));
}

TEST(TokenizerTest, PossessivesAndContractionsSplit) {
  EXPECT_THAT(Words("Kim's aide said the North's army won't go."),
              ElementsAre("Kim", "'s", "aide", "said", "the", "North", "'s",
                          "army", "wo", "n't", "go", "."));
  EXPECT_THAT(Words("the ministers' talks with O'Brien"),
              ElementsAre("the", "ministers", "'", "talks", "with", "O'Brien"));
  // A curly apostrophe is an apostrophe.
  EXPECT_THAT(Words("Kim\xE2\x80\x99s"), ElementsAre("Kim", "\xE2\x80\x99s"));
}

TEST(TokenizerTest, QuotesDashesAndNumbers) {
  EXPECT_THAT(Words("\"No,\" he said -- 1,000.5 tonnes \xE2\x80\x94 today"),
              ElementsAre("\"", "No", ",", "\"", "he", "said", "--", "1,000.5",
                          "tonnes", "\xE2\x80\x94", "today"));
  EXPECT_THAT(Words("\xE2\x80\x9CYes\xE2\x80\x9D"),
              ElementsAre("\xE2\x80\x9C", "Yes", "\xE2\x80\x9D"));
}

TEST(TokenizerTest, SentencesSplitAtTerminatorsNotAbbreviations) {
  EXPECT_EQ(Sentences("Sen. Lee arrived. He left the U.S. on Monday. \"Go!\" "
                      "she said."),
            "Sen. Lee arrived . | He left the U.S. on Monday . | \" Go ! \" "
            "she said .");
}

TEST(TokenizerTest, DatelineIsItsOwnSentence) {
  EXPECT_EQ(Sentences("PYONGYANG, Nov 3 (Reuters) - North Korea fired."),
            "PYONGYANG , Nov 3 ( Reuters ) - | North Korea fired .");
  EXPECT_EQ(Sentences("SEOUL -- Talks resumed."), "SEOUL -- | Talks resumed .");
}

TEST(TokenizerTest, ParagraphBreakEndsASentence) {
  EXPECT_EQ(Sentences("Headline Without Period\n\nBody text here."),
            "Headline Without Period | Body text here .");
}

TEST(TokenizerTest, OffsetsPointIntoTheOriginalText) {
  const std::string text = "  Kim\xE2\x80\x99s  aide\n(U.N.)";
  for (const Token& t : Tokenize(text)) {
    ASSERT_LE(t.end, text.size());
    ASSERT_LT(t.begin, t.end);
    EXPECT_NE(text[t.begin], ' ');
  }
  EXPECT_THAT(Words(text),
              ElementsAre("Kim", "\xE2\x80\x99s", "aide", "(", "U.N.", ")"));
}

}  // namespace
}  // namespace newswire::ner
