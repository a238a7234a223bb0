#include <string>

#include "common/metrics/counter_value.h"
#include "common/metrics/metrics_server.h"
#include "common/metrics/stream_metrics.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace newswire {
namespace {

std::string Scrape(prometheus::Registry& registry) {
  prometheus::TextSerializer serializer;
  return serializer.Serialize(registry.Collect());
}

TEST(StreamMetricsTest, ExportsNamedSeries) {
  prometheus::Registry registry;
  RegisterBuildInfo(registry);
  StreamMetrics metrics(registry, "dedup");
  metrics.Consumed("wire.articles", 3);
  metrics.DeadLettered("payload.empty");
  metrics.TransactionCommitted();
  std::string text = Scrape(registry);
  EXPECT_NE(text.find("newswire_records_consumed_total{stage=\"dedup\","
                      "topic=\"wire.articles\"} 3"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("newswire_records_dead_lettered_total{reason=\"payload."
                      "empty\",stage=\"dedup\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("newswire_transaction_commits_total{stage=\"dedup\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("newswire_build_info{"), std::string::npos);
  EXPECT_NE(text.find("newswire_rebalances_total{event=\"lost\""),
            std::string::npos);
}

TEST(StreamMetricsTest, ParsesConsumerLagFromStatistics) {
  prometheus::Registry registry;
  StreamMetrics metrics(registry, "enrich");
  // Partition 0: read position 58 of a last stable offset of 100 -> 42, even
  // though librdkafka's own consumer_lag (from its committed offset, which
  // transactions never update) says -1. Partition 2: nothing read yet, so
  // from the low watermark. Partition 1: no offsets known at all.
  metrics.UpdateFromStatistics(R"({"name":"c","topics":{"wire.unique":{
      "partitions":{"0":{"consumer_lag":-1,"fetch_state":"active",
                         "ls_offset":100,"hi_offset":103,"app_offset":58,
                         "committed_offset":-1001,"lo_offset":0},
                    "1":{"consumer_lag":-1,"fetch_state":"active"},
                    "2":{"consumer_lag":-1,"fetch_state":"active",
                         "ls_offset":30,"app_offset":-1001,
                         "committed_offset":-1001,"lo_offset":10},
                    "-1":{"consumer_lag":7}}}}})");
  std::string text = Scrape(registry);
  EXPECT_NE(text.find("newswire_consumer_lag_records{partition=\"0\",stage="
                      "\"enrich\",topic=\"wire.unique\"} 42"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("newswire_consumer_lag_records{partition=\"2\",stage="
                      "\"enrich\",topic=\"wire.unique\"} 20"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("partition=\"1\""), std::string::npos);
  EXPECT_EQ(text.find("partition=\"-1\""), std::string::npos);
  metrics.UpdateFromStatistics("not json");  // must not crash
}

TEST(CounterValueTest, ReadsTheSeriesWithExactlyTheseLabels) {
  prometheus::Registry registry;
  StreamMetrics metrics(registry, "dedup");
  metrics.Consumed("wire.articles", 3);
  metrics.Produced("wire.unique", 2);
  metrics.DeadLettered("payload.empty", 4);
  EXPECT_EQ(CounterValue(registry, "newswire_records_consumed_total",
                         {{"stage", "dedup"}, {"topic", "wire.articles"}}),
            3);
  EXPECT_EQ(CounterValue(registry, "newswire_records_dead_lettered_total",
                         {{"stage", "dedup"}, {"reason", "payload.empty"}}),
            4);
  // Another topic, a missing label, an unknown name, a gauge: no such counter.
  EXPECT_EQ(CounterValue(registry, "newswire_records_produced_total",
                         {{"stage", "dedup"}, {"topic", "wire.articles"}}),
            0);
  EXPECT_EQ(CounterValue(registry, "newswire_records_produced_total",
                         {{"stage", "dedup"}}),
            0);
  EXPECT_EQ(CounterValue(registry, "newswire_nothing_total", {}), 0);
  metrics.SetInFlight(5);
  EXPECT_EQ(CounterValue(registry, "newswire_in_flight_records",
                         {{"stage", "dedup"}}),
            0);
}

TEST(MetricsServerTest, BindsAndReportsPort) {
  auto registry = std::make_shared<prometheus::Registry>();
  auto server = MetricsServer::Start("127.0.0.1:0", registry);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_GT((*server)->port(), 0);
  EXPECT_FALSE((*server)->ready());
  (*server)->SetReady(true);
  EXPECT_TRUE((*server)->ready());
}

}  // namespace
}  // namespace newswire
