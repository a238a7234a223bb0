#include "services/ingest/ingest.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/status/reason.h"
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

}  // namespace
}  // namespace newswire::ingest
