#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
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

TEST(StreamMetricsTest, ForgetLagRemovesTheSeriesOfARevokedPartition) {
  prometheus::Registry registry;
  StreamMetrics metrics(registry, "dedup");
  metrics.SetLag("wire.articles", 0, 5);
  metrics.SetLag("wire.articles", 1, 7);
  EXPECT_EQ(metrics.TotalLag(), 12);
  metrics.ForgetLag("wire.articles", 1);
  metrics.ForgetLag("wire.articles", 9);  // never held: no-op
  std::string text = Scrape(registry);
  EXPECT_NE(text.find("newswire_consumer_lag_records{partition=\"0\""),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("partition=\"1\""), std::string::npos) << text;
  EXPECT_EQ(metrics.TotalLag(), 5);
  // Assigned again later: the series comes back.
  metrics.SetLag("wire.articles", 1, 3);
  EXPECT_EQ(metrics.TotalLag(), 8);
  EXPECT_NE(Scrape(registry).find("partition=\"1\""), std::string::npos);
}

TEST(StreamMetricsTest, StatisticsThatStopListingAPartitionRemoveItsSeries) {
  prometheus::Registry registry;
  StreamMetrics metrics(registry, "enrich");
  // Partition 2 is being unassigned: its lag is its next owner's to report.
  metrics.UpdateFromStatistics(R"({"type":"consumer","topics":{"t":{
      "partitions":{"0":{"consumer_lag":4,"fetch_state":"active"},
                    "1":{"consumer_lag":6,"fetch_state":"active"},
                    "2":{"consumer_lag":9,"fetch_state":"stopping"}}}}})");
  EXPECT_EQ(metrics.TotalLag(), 10);
  // Partition 1 moved to another instance; partition 0 is still fetched.
  metrics.UpdateFromStatistics(R"({"type":"consumer","topics":{"t":{
      "partitions":{"0":{"consumer_lag":2,"fetch_state":"active"}}}}})");
  std::string text = Scrape(registry);
  EXPECT_EQ(text.find("partition=\"1\""), std::string::npos) << text;
  EXPECT_EQ(metrics.TotalLag(), 2);
  // Listed but no longer fetched (fetch_state none): gone too.
  metrics.UpdateFromStatistics(R"({"type":"consumer","topics":{"t":{
      "partitions":{"0":{"consumer_lag":2,"fetch_state":"none"}}}}})");
  EXPECT_EQ(Scrape(registry).find("newswire_consumer_lag_records{"),
            std::string::npos);
  // A producer's statistics say nothing about consumer lag.
  metrics.SetLag("t", 3, 1);
  metrics.UpdateFromStatistics(R"({"type":"producer","topics":{}})");
  EXPECT_EQ(metrics.TotalLag(), 1);
}

TEST(StreamMetricsTest, StableOffsetStallMeasuresAStuckStableOffset) {
  prometheus::Registry registry;
  StreamMetrics metrics(registry, "enrich");
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  auto stats = [](int stable, int high) {
    return absl::StrCat(
        R"({"type":"consumer","topics":{"t":{"partitions":{)",
        R"("0":{"consumer_lag":0,"fetch_state":"active","ls_offset":)", stable,
        R"(,"hi_offset":)", high, R"(,"app_offset":)", stable,
        R"(},"1":{"consumer_lag":0,"fetch_state":"active","ls_offset":7,)",
        R"("hi_offset":7,"app_offset":7}}}}})");
  };
  // Records beyond the stable offset, which then does not move: the stall
  // grows with time although lag (counted to the stable offset) stays 0.
  metrics.UpdateFromStatistics(stats(50, 60), t0);
  EXPECT_EQ(metrics.StableOffsetStallSeconds(), 0);
  metrics.UpdateFromStatistics(stats(50, 65), t0 + absl::Seconds(30));
  EXPECT_EQ(metrics.StableOffsetStallSeconds(), 30);
  EXPECT_EQ(metrics.TotalLag(), 0);
  EXPECT_NE(
      Scrape(registry).find(
          "newswire_consumer_stable_offset_stall_seconds{stage=\"enrich\"}"
          " 30"),
      std::string::npos);
  // The transaction completes: the stable offset moves, the clock restarts.
  metrics.UpdateFromStatistics(stats(62, 66), t0 + absl::Seconds(40));
  EXPECT_EQ(metrics.StableOffsetStallSeconds(), 0);
  metrics.UpdateFromStatistics(stats(62, 66), t0 + absl::Seconds(45));
  EXPECT_EQ(metrics.StableOffsetStallSeconds(), 5);
  // Nothing beyond the stable offset: no stall.
  metrics.UpdateFromStatistics(stats(66, 66), t0 + absl::Seconds(50));
  EXPECT_EQ(metrics.StableOffsetStallSeconds(), 0);
  // A revoked partition takes its stall with it.
  metrics.UpdateFromStatistics(stats(70, 80), t0 + absl::Seconds(60));
  metrics.UpdateFromStatistics(stats(70, 80), t0 + absl::Seconds(90));
  EXPECT_EQ(metrics.StableOffsetStallSeconds(), 30);
  metrics.UpdateFromStatistics(
      R"({"type":"consumer","topics":{"t":{"partitions":{}}}})",
      t0 + absl::Seconds(95));
  EXPECT_EQ(metrics.StableOffsetStallSeconds(), 0);
}

TEST(StreamMetricsTest, LatencyHistogramsHaveFiniteBucketsUpToAMinute) {
  EXPECT_GE(ProcessingBuckets().back(), 60);
  EXPECT_GE(EndToEndBuckets().back(), 60);
  EXPECT_TRUE(
      std::is_sorted(ProcessingBuckets().begin(), ProcessingBuckets().end()));
  EXPECT_TRUE(
      std::is_sorted(EndToEndBuckets().begin(), EndToEndBuckets().end()));
  prometheus::Registry registry;
  StreamMetrics metrics(registry, "dedup");
  // A 4 s record lands below le="5", so a p99 above the 1 s alert threshold
  // is measurable.
  metrics.ObserveProcessing(4);
  std::string text = Scrape(registry);
  EXPECT_NE(
      text.find("newswire_processing_duration_seconds_bucket{stage=\"dedup\","
                "le=\"5\"} 1"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("newswire_processing_duration_seconds_bucket{stage=\"dedup\","
                "le=\"2.5\"} 0"),
      std::string::npos)
      << text;
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
