#include "services/ingest/plain_text_parser.h"

#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "services/ingest/testing/fixtures.h"

namespace newswire::ingest {
namespace {

TEST(PlainTextParserTest, TitleLineThenParagraphs) {
  absl::StatusOr<v1::Article> a = ParsePlainText(
      "\n\nStorm hits coast\n\nFirst para\nwraps here.\n\n"
      "Second para.\n");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->headline(), "Storm hits coast");
  EXPECT_EQ(a->body(), "First para wraps here.\n\nSecond para.");
  EXPECT_EQ(a->format(), v1::WIRE_FORMAT_PLAIN_TEXT);
}

TEST(PlainTextParserTest, ShortTitleWithoutBlankLine) {
  absl::StatusOr<v1::Article> a =
      ParsePlainText("Storm hits coast\nThe storm hit.\nIt rained.");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->headline(), "Storm hits coast");
  EXPECT_EQ(a->body(), "The storm hit.\n\nIt rained.");
}

TEST(PlainTextParserTest, NoTitleUsesFirstSentenceAndKeepsItInBody) {
  absl::StatusOr<v1::Article> a = ParsePlainText(
      "Officials in St. Albans said on Nov. 3 that the bridge is safe. "
      "Traffic resumed.");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->headline(),
            "Officials in St. Albans said on Nov. 3 that the bridge is safe.");
  EXPECT_EQ(a->body(),
            "Officials in St. Albans said on Nov. 3 that the bridge is safe. "
            "Traffic resumed.");
}

TEST(PlainTextParserTest, TrailingSourceLinesMoveToCredits) {
  absl::StatusOr<v1::Article> a = ParsePlainText(
      "Title\n\nBody text.\n\n(Reporting by Jo Bloggs; Editing by Al Roe)\n"
      "\n(From news reports)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->body(), "Body text.");
  ASSERT_EQ(a->credits_size(), 2);
  EXPECT_EQ(a->credits(0), "(Reporting by Jo Bloggs; Editing by Al Roe)");
  EXPECT_EQ(a->credits(1), "(From news reports)");
}

TEST(PlainTextParserTest, LongHeadlineCutAtWord) {
  std::string words;
  while (words.size() < 400) words += "word ";
  std::string h = FirstSentence(words);
  EXPECT_LE(h.size(), 200u);
  EXPECT_EQ(h.back(), 'd');
}

TEST(PlainTextParserTest, BlankInputIsEmpty) {
  EXPECT_EQ(ReasonOf(ParsePlainText("\n \n\t").status()), "payload.empty");
}

TEST(PlainTextParserTest, Fixture) {
  absl::StatusOr<v1::Article> a =
      ParsePlainText(testing::ReadFixture("good/plain_text.txt"));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->headline(),
            "Harbor council approves flood barrier after long debate");
  EXPECT_EQ(a->body().find("(From news reports)"), std::string::npos);
  ASSERT_EQ(a->credits_size(), 1);
  EXPECT_EQ(a->credits(0), "(From news reports)");
}

}  // namespace
}  // namespace newswire::ingest
