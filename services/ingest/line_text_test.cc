#include "services/ingest/line_text.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Paragraphs(absl::string_view text) {
  std::vector<absl::string_view> lines = SplitLines(text);
  return LinesToParagraphs(lines);
}

TEST(LineTextTest, SplitLinesHandlesCrLf) {
  EXPECT_THAT(SplitLines("a\r\nb\n\nc"), ElementsAre("a", "b", "", "c"));
  EXPECT_THAT(SplitLines("a\n"), ElementsAre("a"));
  EXPECT_TRUE(SplitLines("").empty());
}

TEST(LineTextTest, BlankLinesSeparateAndWrappedLinesJoin) {
  EXPECT_THAT(Paragraphs("one\nwraps\n\n\ntwo  words\n"),
              ElementsAre("one wraps", "two words"));
}

TEST(LineTextTest, IndentedLinesStartParagraphs) {
  EXPECT_THAT(Paragraphs("   one\nwraps\n\tTwo\n   three\n\nfour"),
              ElementsAre("one wraps", "Two", "three", "four"));
}

TEST(LineTextTest, OtherwiseEachLineIsAParagraph) {
  EXPECT_THAT(Paragraphs("one\ntwo\nthree"),
              ElementsAre("one", "two", "three"));
}

TEST(LineTextTest, TrailingSourceLinesTaken) {
  std::vector<std::string> p = {"Body.", "(Reporting by A; Editing by B)",
                                "(From news reports)"};
  EXPECT_THAT(
      TakeTrailingSourceLines(&p),
      ElementsAre("(Reporting by A; Editing by B)", "(From news reports)"));
  EXPECT_THAT(p, ElementsAre("Body."));
  std::vector<std::string> only = {"(Just a note)"};
  EXPECT_TRUE(TakeTrailingSourceLines(&only).empty());
  std::vector<std::string> middle = {"(Aside)", "Body."};
  EXPECT_TRUE(TakeTrailingSourceLines(&middle).empty());
  EXPECT_FALSE(IsSourceLine("(a) and (b)"));
}

}  // namespace
}  // namespace newswire::ingest
