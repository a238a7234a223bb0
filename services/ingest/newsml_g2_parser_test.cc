#include "services/ingest/newsml_g2_parser.h"

#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "services/ingest/testing/fixtures.h"

namespace newswire::ingest {
namespace {

TEST(NewsMlG2ParserTest, FixtureFields) {
  absl::StatusOr<v1::Article> a =
      ParseNewsMlG2(testing::ReadFixture("good/newsml_g2.xml"), XmlLimits());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->provider_id(), "urn:newsml:newswire.test:20261123:wind-farm");
  EXPECT_EQ(a->version(), 3);
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_USABLE);
  ASSERT_EQ(a->signals_size(), 1);
  EXPECT_EQ(a->signals(0), "correction");
  EXPECT_EQ(a->priority(), 2);
  EXPECT_EQ(a->language(), "en");
  EXPECT_EQ(a->located(), "Westmark");
  EXPECT_EQ(a->body().find("ignored"), std::string::npos);  // <head><title>
}

TEST(NewsMlG2ParserTest, CanceledWithoutBody) {
  absl::StatusOr<v1::Article> a = ParseNewsMlG2(
      testing::ReadFixture("good/newsml_g2_canceled.xml"), XmlLimits());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(a->version(), 4);
  EXPECT_TRUE(a->body().empty());
}

TEST(NewsMlG2ParserTest, NewsMessageWithInlineNitfAndInlineData) {
  absl::StatusOr<v1::Article> a = ParseNewsMlG2(
      testing::ReadFixture("good/newsml_g2_nitf_body.xml"), XmlLimits());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->headline(), "Bridge reopens to light traffic");  // G2 wins
  EXPECT_EQ(a->byline(), "By Ana Ruiz");                        // from NITF
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_WITHHELD);
  a = ParseNewsMlG2(
      "<newsItem guid=\"g\" version=\"x\"><contentSet><inlineData "
      "contenttype=\"text/plain\">Line one\nwraps.\n\nLine two.</inlineData>"
      "</contentSet></newsItem>",
      XmlLimits());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->body(), "Line one wraps.\n\nLine two.");
  EXPECT_EQ(a->version(), 0);  // not a number
}

TEST(NewsMlG2ParserTest, Errors) {
  EXPECT_EQ(ReasonOf(ParseNewsMlG2("<newsMessage/>", XmlLimits()).status()),
            "newsml.no_news_item");
  EXPECT_EQ(ReasonOf(ParseNewsMlG2("<newsItem>", XmlLimits()).status()),
            "xml.truncated");
}

}  // namespace
}  // namespace newswire::ingest
