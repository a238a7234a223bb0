#include "services/ingest/newsml_g2_parser.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "services/ingest/testing/fixtures.h"

namespace newswire::ingest {
namespace {

constexpr int kMaxItems = 1000;

// The one Article of a single-item document.
absl::StatusOr<v1::Article> ParseOne(absl::string_view xml) {
  absl::StatusOr<std::vector<v1::Article>> all =
      ParseNewsMlG2(xml, XmlLimits(), kMaxItems);
  if (!all.ok()) return all.status();
  EXPECT_EQ(all->size(), 1u);
  if (all->empty()) return absl::InternalError("no article");
  return all->front();
}

TEST(NewsMlG2ParserTest, FixtureFields) {
  absl::StatusOr<v1::Article> a =
      ParseOne(testing::ReadFixture("good/newsml_g2.xml"));
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
  absl::StatusOr<v1::Article> a =
      ParseOne(testing::ReadFixture("good/newsml_g2_canceled.xml"));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(a->version(), 4);
  EXPECT_TRUE(a->body().empty());
}

TEST(NewsMlG2ParserTest, NewsMessageWithInlineNitfAndInlineData) {
  absl::StatusOr<v1::Article> a =
      ParseOne(testing::ReadFixture("good/newsml_g2_nitf_body.xml"));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->headline(), "Bridge reopens to light traffic");  // G2 wins
  EXPECT_EQ(a->byline(), "By Ana Ruiz");                        // from NITF
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_WITHHELD);
  a = ParseOne(
      "<newsItem guid=\"g\" version=\"x\"><contentSet><inlineData "
      "contenttype=\"text/plain\">Line one\nwraps.\n\nLine two.</inlineData>"
      "</contentSet></newsItem>");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->body(), "Line one wraps.\n\nLine two.");
  EXPECT_EQ(a->version(), 0);  // not a number
}

TEST(NewsMlG2ParserTest, EveryNewsItemOfAMessageInDocumentOrder) {
  absl::StatusOr<std::vector<v1::Article>> all =
      ParseNewsMlG2(testing::ReadFixture("multi/newsml_g2_message.xml"),
                    XmlLimits(), kMaxItems);
  ASSERT_TRUE(all.ok()) << all.status();
  // The packageItem carries no story and is not an article.
  ASSERT_EQ(all->size(), 3u);
  const v1::Article& ferry = (*all)[0];
  EXPECT_EQ(ferry.provider_id(),
            "urn:newsml:newswire.test:20261127:ferry-strike");
  EXPECT_EQ(ferry.version(), 2);
  EXPECT_EQ(ferry.headline(), "Island ferry crews vote to strike over rosters");
  EXPECT_EQ(ferry.byline(), "By Tomas Lindqvist");
  EXPECT_EQ(ferry.slugline(), "FERRY-STRIKE");
  EXPECT_EQ(ferry.located(), "Port Aldon");
  EXPECT_EQ(ferry.priority(), 3);
  ASSERT_EQ(ferry.signals_size(), 1);
  EXPECT_EQ(ferry.signals(0), "update");
  EXPECT_EQ(ferry.body(),
            "PORT ALDON, Nov. 27 (NTA) \u2014 Crews on the three island ferry "
            "routes voted on Thursday to strike for 48 hours next week.\n\n"
            "The operator said it would run a reduced timetable and urged "
            "passengers to check sailings online.");

  const v1::Article& library = (*all)[1];
  EXPECT_EQ(library.provider_id(),
            "urn:newsml:newswire.test:20261127:library-reopens");
  EXPECT_EQ(library.version(), 1);
  EXPECT_EQ(library.headline(), "Old town library reopens after roof repairs");
  EXPECT_EQ(library.priority(), 6);
  EXPECT_EQ(library.body(),
            "The old town library reopened on Thursday after eight months of "
            "repairs to its slate roof.\n\nOpening hours are unchanged.");
  EXPECT_TRUE(library.byline().empty());  // nothing leaks from item 1
  EXPECT_EQ(library.signals_size(), 0);

  const v1::Article& fish = (*all)[2];
  EXPECT_EQ(fish.provider_id(),
            "urn:newsml:newswire.test:20261127:harbour-fish");
  EXPECT_EQ(fish.version(), 4);
  EXPECT_EQ(fish.headline(),
            "Harbour fish market posts record autumn landings");
  EXPECT_EQ(fish.byline(), "By Mei Okafor");
  EXPECT_EQ(fish.pub_status(), v1::PUB_STATUS_WITHHELD);
  EXPECT_EQ(fish.editor_note(), "Hold until the council confirms the figures");
  EXPECT_EQ(fish.body(),
            "Boats landed more cod and haddock at the harbour market this "
            "autumn than in any season on record.\n\nPrices held steady, "
            "traders said.");
  for (const v1::Article& a : *all) {
    EXPECT_EQ(a.format(), v1::WIRE_FORMAT_NEWSML_G2);
    EXPECT_EQ(a.language(), "en");
    EXPECT_NE(a.headline(), "Morning regional package");
  }
}

TEST(NewsMlG2ParserTest, ItemsAnywhereBelowTheRootButNotInsideAnItem) {
  // One item outside itemSet; one newsItem quoted inside another's content.
  absl::StatusOr<std::vector<v1::Article>> all = ParseNewsMlG2(
      "<newsMessage><itemSet><newsItem guid=\"a\"><contentMeta><headline>A"
      "</headline></contentMeta><contentSet><inlineXML><div><newsItem "
      "guid=\"quoted\"/></div></inlineXML></contentSet></newsItem></itemSet>"
      "<newsItem guid=\"b\"><contentMeta><headline>B</headline></contentMeta>"
      "</newsItem></newsMessage>",
      XmlLimits(), kMaxItems);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].provider_id(), "a");
  EXPECT_EQ((*all)[1].provider_id(), "b");
  EXPECT_EQ((*all)[1].headline(), "B");
}

std::string MessageWithItems(int n) {
  std::string xml = "<newsMessage><itemSet>";
  for (int i = 1; i <= n; ++i) {
    absl::StrAppend(&xml, "<newsItem guid=\"g", i,
                    "\"><contentMeta><headline>Story ", i,
                    "</headline></contentMeta></newsItem>");
  }
  return xml + "</itemSet></newsMessage>";
}

TEST(NewsMlG2ParserTest, ItemLimit) {
  const std::string five = MessageWithItems(5);
  absl::StatusOr<std::vector<v1::Article>> all =
      ParseNewsMlG2(five, XmlLimits(), 5);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 5u);
  EXPECT_EQ((*all)[4].headline(), "Story 5");
  absl::Status over = ParseNewsMlG2(five, XmlLimits(), 4).status();
  EXPECT_EQ(ReasonOf(over), "newsml.too_many_items");
  EXPECT_NE(over.message().find("more than 4"), absl::string_view::npos)
      << over;
  // A limit below 1 still lets a single item through.
  EXPECT_TRUE(ParseNewsMlG2(MessageWithItems(1), XmlLimits(), 0).ok());
  EXPECT_EQ(
      ReasonOf(ParseNewsMlG2(MessageWithItems(2), XmlLimits(), 0).status()),
      "newsml.too_many_items");
  // The default limit holds a thousand items.
  all = ParseNewsMlG2(MessageWithItems(1000), XmlLimits(), kMaxItems);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), 1000u);
  EXPECT_EQ(
      ReasonOf(ParseNewsMlG2(MessageWithItems(1001), XmlLimits(), kMaxItems)
                   .status()),
      "newsml.too_many_items");
}

TEST(NewsMlG2ParserTest, Errors) {
  EXPECT_EQ(
      ReasonOf(
          ParseNewsMlG2("<newsMessage/>", XmlLimits(), kMaxItems).status()),
      "newsml.no_news_item");
  // A package of packageItems only has no story either.
  EXPECT_EQ(ReasonOf(ParseNewsMlG2("<newsMessage><itemSet><packageItem "
                                   "guid=\"p\"/></itemSet></newsMessage>",
                                   XmlLimits(), kMaxItems)
                         .status()),
            "newsml.no_news_item");
  EXPECT_EQ(
      ReasonOf(ParseNewsMlG2("<newsItem>", XmlLimits(), kMaxItems).status()),
      "xml.truncated");
}

}  // namespace
}  // namespace newswire::ingest
