#include "common/text/segment.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::text {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Words(absl::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Segment(text)) {
    out.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

// Tokens joined by spaces, with "|" before each sentence start but the first.
std::string Sentences(absl::string_view text) {
  std::string out;
  for (const Token& t : Segment(text)) {
    if (!out.empty()) out += t.sentence_start ? " | " : " ";
    out += std::string(text.substr(t.begin, t.end - t.begin));
  }
  return out;
}

TEST(SegmentTest, AbbreviationsKeepTheirPeriod) {
  EXPECT_THAT(Words("The U.S. and U.N. met Sen. Lee on Nov. 3."),
              ElementsAre("The", "U.S.", "and", "U.N.", "met", "Sen.", "Lee",
                          "on", "Nov.", "3", "."));
}

TEST(SegmentTest, LetterChainsAreOneToken) {
  EXPECT_THAT(Words("the U.S.A. and D.P.R.K. at 9 a.m. Mr.Smith"),
              ElementsAre("the", "U.S.A.", "and", "D.P.R.K.", "at", "9", "a.m.",
                          "Mr.", "Smith"));
}

TEST(SegmentTest, HyphenatedNamesStayWhole) {
  EXPECT_THAT(Words("Kim Jong-un met Choe Ryong-hae."),
              ElementsAre("Kim", "Jong-un", "met", "Choe", "Ryong-hae", "."));
}

TEST(SegmentTest, PossessivesAndContractionsSplit) {
  EXPECT_THAT(Words("Kim's aide said the North's army won't go."),
              ElementsAre("Kim", "'s", "aide", "said", "the", "North", "'s",
                          "army", "wo", "n't", "go", "."));
  EXPECT_THAT(Words("the ministers' talks with O'Brien"),
              ElementsAre("the", "ministers", "'", "talks", "with", "O'Brien"));
  // A curly apostrophe is an apostrophe.
  EXPECT_THAT(Words("Kim\xE2\x80\x99s"), ElementsAre("Kim", "\xE2\x80\x99s"));
}

TEST(SegmentTest, QuotesDashesAndNumbers) {
  EXPECT_THAT(Words("\"No,\" he said -- 1,000.5 tonnes \xE2\x80\x94 today"),
              ElementsAre("\"", "No", ",", "\"", "he", "said", "--", "1,000.5",
                          "tonnes", "\xE2\x80\x94", "today"));
  EXPECT_THAT(Words("\xE2\x80\x9CYes\xE2\x80\x9D"),
              ElementsAre("\xE2\x80\x9C", "Yes", "\xE2\x80\x9D"));
}

TEST(SegmentTest, SentencesSplitAtTerminatorsNotAbbreviations) {
  EXPECT_EQ(Sentences("Sen. Lee arrived. He left the U.S. on Monday. \"Go!\" "
                      "she said."),
            "Sen. Lee arrived . | He left the U.S. on Monday . | \" Go ! \" "
            "she said .");
}

TEST(SegmentTest, DatelineIsItsOwnSentence) {
  EXPECT_EQ(Sentences("PYONGYANG, Nov 3 (Reuters) - North Korea fired."),
            "PYONGYANG , Nov 3 ( Reuters ) - | North Korea fired .");
  EXPECT_EQ(Sentences("SEOUL -- Talks resumed."), "SEOUL -- | Talks resumed .");
}

TEST(SegmentTest, ParagraphBreakEndsASentence) {
  EXPECT_EQ(Sentences("Headline Without Period\n\nBody text here."),
            "Headline Without Period | Body text here .");
}

TEST(SegmentTest, OffsetsPointIntoTheOriginalText) {
  const std::string text = "  Kim\xE2\x80\x99s  aide\n(U.N.)";
  for (const Token& t : Segment(text)) {
    ASSERT_LE(t.end, text.size());
    ASSERT_LT(t.begin, t.end);
    EXPECT_NE(text[t.begin], ' ');
  }
  EXPECT_THAT(Words(text),
              ElementsAre("Kim", "\xE2\x80\x99s", "aide", "(", "U.N.", ")"));
}

TEST(SegmentTest, OneAbbreviationList) {
  EXPECT_TRUE(IsKnownAbbreviation("sen"));
  EXPECT_TRUE(IsKnownAbbreviation("calif"));
  EXPECT_FALSE(IsKnownAbbreviation("said"));
  // "Inc." ends a sentence at a line break before a capital; "Sen." never.
  EXPECT_EQ(Sentences("He joined Acme Inc.\nShares rose."),
            "He joined Acme Inc. | Shares rose .");
  EXPECT_EQ(Sentences("He met Sen.\nLee there."), "He met Sen. Lee there .");
}

TEST(SegmentTest, FirstSentenceEnd) {
  const std::string text =
      "Officials in St. Albans said on Nov. 3 the bridge is safe. Traffic "
      "resumed.";
  EXPECT_EQ(text.substr(0, FirstSentenceEnd(text)),
            "Officials in St. Albans said on Nov. 3 the bridge is safe.");
  // A dateline stays with the sentence it opens.
  const std::string dated = "PARIS (AP) -- Talks resumed. They ended.";
  EXPECT_EQ(dated.substr(0, FirstSentenceEnd(dated)),
            "PARIS (AP) -- Talks resumed.");
  EXPECT_EQ(FirstSentenceEnd("no end here"), 11u);
  EXPECT_EQ(FirstSentenceEnd(""), 0u);
}

}  // namespace
}  // namespace newswire::text
