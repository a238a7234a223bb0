#include "services/ingest/ingest_handler.h"

#include <string>
#include <vector>

#include "common/metrics/counter_value.h"
#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"

namespace newswire::ingest {
namespace {

TEST(IngestHandlerTest, ParsesKeysByProviderIdAndCounts) {
  prometheus::Registry registry;
  IngestHandler handler(IngestOptions(), "wire.articles", registry);
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
  EXPECT_EQ(out[0].topic, "wire.articles");
  EXPECT_EQ(out[0].key, "urn:x:7");
  v1::Article article;
  ASSERT_TRUE(article.ParseFromString(out[0].value));
  EXPECT_EQ(article.headline(), "Head");
  EXPECT_EQ(article.received_time().seconds(), 1795000000);
  EXPECT_EQ(article.received_time().nanos(), 123000000);
  EXPECT_EQ(CounterValue(registry, "newswire_articles_parsed_total",
                         {{"format", "ninjs"}}),
            1);
}

TEST(IngestHandlerTest, FailuresCarryReasonAndAreCounted) {
  prometheus::Registry registry;
  IngestHandler handler(IngestOptions(), "wire.articles", registry);
  v1::RawWire raw;
  raw.set_payload("<!DOCTYPE nitf><nitf/>");
  std::string bytes = raw.SerializeAsString();
  kafka::InputRecord in;
  in.value = bytes;
  std::vector<kafka::OutputRecord> out;
  absl::Status s = handler.Handle(in, &out);
  EXPECT_EQ(ReasonOf(s), "xml.doctype_forbidden");
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(
      CounterValue(registry, "newswire_parse_failures_total",
                   {{"format", "nitf"}, {"reason", "xml.doctype_forbidden"}}),
      1);
  in.value = "\xFF\xFF not a protobuf";
  EXPECT_EQ(ReasonOf(handler.Handle(in, &out)), "raw.malformed_envelope");
  EXPECT_EQ(CounterValue(
                registry, "newswire_parse_failures_total",
                {{"format", "unknown"}, {"reason", "raw.malformed_envelope"}}),
            1);
}

}  // namespace
}  // namespace newswire::ingest
