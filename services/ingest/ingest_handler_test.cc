#include "services/ingest/ingest_handler.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/kafka/topics.h"
#include "common/metrics/counter_value.h"
#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"

namespace newswire::ingest {
namespace {

TEST(IngestHandlerTest, ParsesKeysByProviderIdAndCounts) {
  prometheus::Registry registry;
  IngestHandler handler(IngestOptions(), kafka::kArticlesTopic, registry);
  v1::RawWire raw;
  raw.set_payload("{\"uri\":\"urn:x:7\",\"headline\":\"Head\"}");
  raw.set_source("s");
  std::string bytes = raw.SerializeAsString();
  kafka::InputRecord in;
  in.value = bytes;
  in.timestamp_ms = 1795000000123;
  std::vector<kafka::OutputRecord> out;
  ASSERT_TRUE(handler.Handle(in, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].topic, kafka::kArticlesTopic);
  EXPECT_EQ(out[0].key, "urn:x:7");
  v1::Article article;
  ASSERT_TRUE(article.ParseFromString(out[0].value));
  EXPECT_EQ(article.headline(), "Head");
  EXPECT_EQ(article.received_time().seconds(), 1795000000);
  EXPECT_EQ(article.received_time().nanos(), 123000000);
  // Counted once the transaction commits.
  EXPECT_EQ(CounterValue(registry, "newswire_articles_parsed_total",
                         {{"format", "ninjs"}}),
            0);
  handler.OnCommit();
  EXPECT_EQ(CounterValue(registry, "newswire_articles_parsed_total",
                         {{"format", "ninjs"}}),
            1);
}

TEST(IngestHandlerTest, FailuresCarryReasonAndAreCounted) {
  prometheus::Registry registry;
  IngestHandler handler(IngestOptions(), kafka::kArticlesTopic, registry);
  v1::RawWire raw;
  raw.set_payload("<!DOCTYPE nitf><nitf/>");
  std::string bytes = raw.SerializeAsString();
  kafka::InputRecord in;
  in.value = bytes;
  std::vector<kafka::OutputRecord> out;
  absl::Status s = handler.Handle(in, &out);
  EXPECT_EQ(ReasonOf(s), "xml.doctype_forbidden");
  EXPECT_TRUE(out.empty());
  handler.OnCommit();
  EXPECT_EQ(
      CounterValue(registry, "newswire_parse_failures_total",
                   {{"format", "nitf"}, {"reason", "xml.doctype_forbidden"}}),
      1);
  in.value = "\xFF\xFF not a protobuf";
  EXPECT_EQ(ReasonOf(handler.Handle(in, &out)), "raw.malformed_envelope");
  handler.OnCommit();
  EXPECT_EQ(CounterValue(
                registry, "newswire_parse_failures_total",
                {{"format", "unknown"}, {"reason", "raw.malformed_envelope"}}),
            1);
}

// A newsMessage of three newsItems; the one named `empty_guid` has no text.
std::string NewsMessage(absl::string_view empty_guid = "") {
  std::string xml = "<newsMessage><itemSet>";
  for (absl::string_view guid : {"urn:x:a", "urn:x:b", "urn:x:c"}) {
    absl::StrAppend(&xml, "<newsItem guid=\"", guid, "\" version=\"1\">");
    if (guid != empty_guid) {
      absl::StrAppend(&xml, "<contentMeta><headline>Story ", guid,
                      "</headline></contentMeta><contentSet><inlineData>",
                      "The body of ", guid, ".</inlineData></contentSet>");
    }
    xml += "</newsItem>";
  }
  return xml + "</itemSet></newsMessage>";
}

// Hands `raw` to `handler` as one record of the input topic.
absl::Status HandleRaw(IngestHandler& handler, const v1::RawWire& raw,
                       std::vector<kafka::OutputRecord>* out) {
  const std::string bytes = raw.SerializeAsString();
  kafka::InputRecord in;
  in.value = bytes;
  in.timestamp_ms = 1795000000000;
  return handler.Handle(in, out);
}

v1::RawWire RawOf(std::string payload) {
  v1::RawWire raw;
  raw.set_payload(std::move(payload));
  raw.set_source("s");
  return raw;
}

double ArticlesParsed(const prometheus::Registry& registry) {
  return CounterValue(registry, "newswire_articles_parsed_total",
                      {{"format", "newsml_g2"}});
}

TEST(IngestHandlerTest, OneOutputPerNewsItemOfAMessage) {
  prometheus::Registry registry;
  IngestHandler handler(IngestOptions(), kafka::kArticlesTopic, registry);
  std::vector<kafka::OutputRecord> out;
  ASSERT_TRUE(HandleRaw(handler, RawOf(NewsMessage()), &out).ok());
  ASSERT_EQ(out.size(), 3u);
  const char* const kGuids[] = {"urn:x:a", "urn:x:b", "urn:x:c"};
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(out[i].topic, kafka::kArticlesTopic);
    EXPECT_EQ(out[i].key, kGuids[i]);
    v1::Article article;
    ASSERT_TRUE(article.ParseFromString(out[i].value));
    EXPECT_EQ(article.provider_id(), kGuids[i]);
    EXPECT_EQ(article.headline(), absl::StrCat("Story ", kGuids[i]));
    EXPECT_EQ(article.received_time().seconds(), 1795000000);
  }
  // Articles are counted one by one, not the record.
  handler.OnCommit();
  EXPECT_EQ(ArticlesParsed(registry), 3);
}

TEST(IngestHandlerTest, ABadItemDeadLettersTheWholeMessage) {
  prometheus::Registry registry;
  IngestHandler handler(IngestOptions(), kafka::kArticlesTopic, registry);
  std::vector<kafka::OutputRecord> out;
  absl::Status s = HandleRaw(handler, RawOf(NewsMessage("urn:x:b")), &out);
  EXPECT_EQ(ReasonOf(s), "article.no_text");
  EXPECT_TRUE(absl::StartsWith(s.message(), "item 2 of 3: ")) << s;
  EXPECT_TRUE(out.empty());  // not even item 1
  handler.OnCommit();
  EXPECT_EQ(
      CounterValue(registry, "newswire_parse_failures_total",
                   {{"format", "newsml_g2"}, {"reason", "article.no_text"}}),
      1);
  EXPECT_EQ(ArticlesParsed(registry), 0);
}

TEST(IngestHandlerTest, AnAbortedTransactionCountsNothing) {
  prometheus::Registry registry;
  IngestHandler handler(IngestOptions(), kafka::kArticlesTopic, registry);
  std::vector<kafka::OutputRecord> out;
  ASSERT_TRUE(HandleRaw(handler, RawOf(NewsMessage()), &out).ok());
  ASSERT_FALSE(HandleRaw(handler, RawOf("<newsMessage/>"), &out).ok());
  handler.OnAbort();
  EXPECT_EQ(ArticlesParsed(registry), 0);
  // The replay commits: counted once, not twice.
  out.clear();
  ASSERT_TRUE(HandleRaw(handler, RawOf(NewsMessage()), &out).ok());
  handler.OnCommit();
  EXPECT_EQ(ArticlesParsed(registry), 3);
  EXPECT_EQ(CounterValue(
                registry, "newswire_parse_failures_total",
                {{"format", "newsml_g2"}, {"reason", "newsml.no_news_item"}}),
            0);
}

}  // namespace
}  // namespace newswire::ingest
