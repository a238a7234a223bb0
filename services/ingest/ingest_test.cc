#include "services/ingest/ingest.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/reason.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/ingest/testing/fixtures.h"

namespace newswire::ingest {
namespace {

v1::RawWire Raw(absl::string_view payload, absl::string_view source = "test") {
  v1::RawWire raw;
  raw.set_payload(std::string(payload));
  raw.set_source(std::string(source));
  return raw;
}

TEST(IngestTest, PlainTextHeadlineParagraphsAndDefaults) {
  v1::RawWire raw =
      Raw("Storm hits coast\n\nFirst para\nwraps here, and the "
          "wind was strong.\n\nSecond para.");
  raw.mutable_received_time()->set_seconds(1795000000);
  auto a = IngestRaw(raw, IngestOptions());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->headline(), "Storm hits coast");
  EXPECT_EQ(a->body(),
            "First para wraps here, and the wind was strong.\n\nSecond para.");
  EXPECT_EQ(a->source(), "test");
  EXPECT_EQ(a->received_time().seconds(), 1795000000);
  EXPECT_EQ(a->id().size(), 16u);
  EXPECT_EQ(a->version(), 1);
  EXPECT_EQ(a->priority(), 5);
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_USABLE);
  EXPECT_EQ(a->language(), "en");
  EXPECT_EQ(a->format(), v1::WIRE_FORMAT_PLAIN_TEXT);
}

TEST(IngestTest, ContentHashIdWithoutGuid) {
  auto a = IngestRaw(Raw("H\n\nBody."), IngestOptions());
  auto b = IngestRaw(Raw("H\n\nBody."), IngestOptions());
  auto c = IngestRaw(Raw("H\n\nBody!"), IngestOptions());
  auto d = IngestRaw(Raw("H\n\nBody.", "other-feed"), IngestOptions());
  EXPECT_EQ(a->id(), b->id());
  EXPECT_NE(a->id(), c->id());
  EXPECT_NE(a->id(), d->id());
}

TEST(IngestTest, GuidAndVersionIdIgnoresContent) {
  auto item = [](int version, absl::string_view body) {
    return Raw(absl::StrCat("{\"uri\":\"urn:x:1\",\"version\":", version,
                            ",\"body_text\":\"", body, "\"}"));
  };
  auto v1a = IngestRaw(item(1, "Text one."), IngestOptions());
  auto v1b = IngestRaw(item(1, "Text one, retransmitted."), IngestOptions());
  auto v2 = IngestRaw(item(2, "Text two."), IngestOptions());
  ASSERT_TRUE(v1a.ok() && v1b.ok() && v2.ok());
  EXPECT_EQ(v1a->id(), v1b->id());
  EXPECT_NE(v1a->id(), v2->id());
  EXPECT_EQ(v2->provider_id(), "urn:x:1");
  EXPECT_EQ(v2->version(), 2);
  EXPECT_EQ(v2->headline(), "Text two.");  // from the first sentence
}

TEST(IngestTest, FormatHintWins) {
  v1::RawWire raw = Raw("{\"headline\": \"not parsed as json\"}");
  raw.set_format_hint(v1::WIRE_FORMAT_PLAIN_TEXT);
  auto a = IngestRaw(raw, IngestOptions());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->format(), v1::WIRE_FORMAT_PLAIN_TEXT);
  EXPECT_EQ(a->body(), "{\"headline\": \"not parsed as json\"}");
}

TEST(IngestTest, AnpaIsDecodedFromLatin1) {
  auto a = IngestRaw(Raw(testing::ReadFixture("good/anpa1312.txt")),
                     IngestOptions());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->headline(),
            "Glass museum reopens in Z\xC3\xBCrich after fire repairs");
}

TEST(IngestTest, Iptc7901IsUtf8WhenValidElseWindows1252) {
  const std::string utf8 =
      "\x01NWT0001 3 pol 0010\nCAFE\n\x02"
      "Caf\xC3\xA9 reopens\nText.\n\x03";
  auto a = IngestRaw(Raw(utf8), IngestOptions());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->headline(), "Caf\xC3\xA9 reopens");
  const std::string latin1 =
      "\x01NWT0001 3 pol 0010\nCAFE\n\x02"
      "Caf\xE9 \x93reopens\x94\nText."
      "\n\x03";
  a = IngestRaw(Raw(latin1), IngestOptions());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->headline(), "Caf\xC3\xA9 \xE2\x80\x9Creopens\xE2\x80\x9D");
}

TEST(IngestTest, XmlDeclaredLatin1IsDecoded) {
  auto a = IngestRaw(
      Raw("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf><body>"
          "<body.content><p>Caf\xE9 reopens in the town.</p></body.content>"
          "</body></nitf>"),
      IngestOptions());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->body(), "Caf\xC3\xA9 reopens in the town.");
}

TEST(IngestTest, KillWithoutTextIsKept) {
  auto a = IngestRaw(
      Raw("{\"uri\":\"urn:x:1\",\"version\":3,\"pubstatus\":\"canceled\"}"),
      IngestOptions());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_CANCELED);
}

TEST(IngestTest, BadInputGetsReasons) {
  EXPECT_EQ(ReasonOf(IngestRaw(Raw(""), IngestOptions()).status()),
            "payload.empty");
  IngestOptions small;
  small.max_record_bytes = 4;
  absl::Status too_large = IngestRaw(Raw("too long"), small).status();
  EXPECT_EQ(ReasonOf(too_large), "payload.too_large");
  EXPECT_TRUE(absl::IsResourceExhausted(too_large));
  // The default limit is 4 MiB.
  EXPECT_EQ(ReasonOf(IngestRaw(Raw(std::string(4 * 1024 * 1024 + 1, 'a')),
                               IngestOptions())
                         .status()),
            "payload.too_large");
  absl::Status utf8 = IngestRaw(Raw("ab\xFFz"), IngestOptions()).status();
  EXPECT_EQ(ReasonOf(utf8), "text.invalid_utf8");
  EXPECT_NE(utf8.message().find("byte 2"), std::string::npos);
  EXPECT_EQ(
      ReasonOf(
          IngestRaw(Raw(std::string("a\0b", 3)), IngestOptions()).status()),
      "payload.binary");
  EXPECT_EQ(
      ReasonOf(
          IngestRaw(Raw("<html><p>x</p></html>"), IngestOptions()).status()),
      "format.unknown");
  v1::RawWire hinted = Raw("x");
  hinted.set_format_hint(static_cast<v1::WireFormat>(99));
  EXPECT_EQ(ReasonOf(IngestRaw(hinted, IngestOptions()).status()),
            "format.unknown");
  IngestOptions shallow;
  shallow.max_nesting_depth = 2;
  EXPECT_EQ(ReasonOf(IngestRaw(Raw("{\"a\":{\"b\":{}}}"), shallow).status()),
            "json.too_deep");
  // However deep the options allow, the readers stop at kMaxNestingDepth.
  IngestOptions unbounded;
  unbounded.max_nesting_depth = 1 << 30;
  const int n = kMaxNestingDepth + 1;
  std::string deep = "<nitf>";
  for (int i = 0; i < n; ++i) deep += "<p>";
  for (int i = 0; i < n; ++i) deep += "</p>";
  deep += "</nitf>";
  EXPECT_EQ(ReasonOf(IngestRaw(Raw(deep), unbounded).status()), "xml.too_deep");
}

// The k-th (0-based) <newsItem>...</newsItem> of `xml`, as its own document.
std::string NthNewsItem(const std::string& xml, int k) {
  size_t begin = 0;
  for (int i = 0; i <= k; ++i) {
    begin = xml.find("<newsItem ", i == 0 ? 0 : begin + 1);
    if (begin == std::string::npos) return "";
  }
  const std::string close = "</newsItem>";
  const size_t end = xml.find(close, begin);
  if (end == std::string::npos) return "";
  return xml.substr(begin, end + close.size() - begin);
}

TEST(IngestTest, NewsMessageYieldsEachItemAsIfStandalone) {
  const std::string xml = testing::ReadFixture("multi/newsml_g2_message.xml");
  v1::RawWire raw = Raw(xml, "feed-a");
  raw.mutable_received_time()->set_seconds(1795760000);
  absl::StatusOr<std::vector<v1::Article>> all =
      IngestRawAll(raw, IngestOptions());
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 3u);
  for (int k = 0; k < 3; ++k) {
    SCOPED_TRACE(k);
    const std::string item = NthNewsItem(xml, k);
    ASSERT_FALSE(item.empty());
    v1::RawWire single = Raw(item, "feed-a");
    single.mutable_received_time()->set_seconds(1795760000);
    absl::StatusOr<v1::Article> alone = IngestRaw(single, IngestOptions());
    ASSERT_TRUE(alone.ok()) << alone.status();
    std::string diff;
    google::protobuf::util::MessageDifferencer differencer;
    differencer.ReportDifferencesToString(&diff);
    EXPECT_TRUE(differencer.Compare(*alone, (*all)[k])) << diff;
    EXPECT_EQ((*all)[k].source(), "feed-a");
    EXPECT_EQ((*all)[k].received_time().seconds(), 1795760000);
    EXPECT_EQ((*all)[k].id().size(), 16u);
  }
  EXPECT_EQ((*all)[0].headline(),
            "Island ferry crews vote to strike over rosters");
  EXPECT_EQ((*all)[2].provider_id(),
            "urn:newsml:newswire.test:20261127:harbour-fish");
  EXPECT_NE((*all)[0].id(), (*all)[1].id());
  EXPECT_NE((*all)[1].id(), (*all)[2].id());
  EXPECT_NE((*all)[0].id(), (*all)[2].id());
}

TEST(IngestTest, SingleStoryFormatsYieldOneArticle) {
  absl::StatusOr<std::vector<v1::Article>> all =
      IngestRawAll(Raw("Headline\n\nBody text here."), IngestOptions());
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().headline(), "Headline");
  all = IngestRawAll(Raw(testing::ReadFixture("good/newsml_g2.xml")),
                     IngestOptions());
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), 1u);
}

TEST(IngestTest, OneBadItemFailsTheWholeMessageAndIsNamed) {
  absl::Status s =
      IngestRawAll(Raw(testing::ReadFixture(
                       "bad/article.no_text/newsml_g2_message_item2.xml")),
                   IngestOptions())
          .status();
  EXPECT_EQ(ReasonOf(s), "article.no_text");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(s.message(), "item 2 of 3: ")) << s;
}

TEST(IngestTest, ItemLimitComesFromOptions) {
  const v1::RawWire raw =
      Raw(testing::ReadFixture("multi/newsml_g2_message.xml"));
  IngestOptions options;
  options.max_articles_per_record = 2;
  EXPECT_EQ(ReasonOf(IngestRawAll(raw, options).status()),
            "newsml.too_many_items");
  options.max_articles_per_record = 3;
  absl::StatusOr<std::vector<v1::Article>> all = IngestRawAll(raw, options);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), 3u);
}

TEST(IngestTest, IngestRawRefusesARecordOfSeveralArticles) {
  absl::Status s =
      IngestRaw(Raw(testing::ReadFixture("multi/newsml_g2_message.xml")),
                IngestOptions())
          .status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(s), "ingest.several_articles");
}

}  // namespace
}  // namespace newswire::ingest
