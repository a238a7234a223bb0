#include "common/metrics/stream_metrics.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

#ifndef NEWSWIRE_VERSION
#define NEWSWIRE_VERSION "0.0.0"
#endif
#ifndef NEWSWIRE_GIT_REVISION
#define NEWSWIRE_GIT_REVISION "unknown"
#endif

namespace newswire {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

}  // namespace

// Per-record processing: 10 us .. 60 s. A record that takes seconds (a huge
// package, a stuck model) must land in a finite bucket above the 1 s alert
// threshold, or histogram_quantile cannot report it.
const prometheus::Histogram::BucketBoundaries& ProcessingBuckets() {
  static const auto* const kBuckets =
      new prometheus::Histogram::BucketBoundaries{
          1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 0.01, 0.05,
          0.1,  0.5,  1,    2.5,  5,    10,   30,   60};
  return *kBuckets;
}

// Received-to-published: 1 ms .. 10 min (a restart replays a window).
const prometheus::Histogram::BucketBoundaries& EndToEndBuckets() {
  static const auto* const kBuckets =
      new prometheus::Histogram::BucketBoundaries{
          0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1,
          2.5,   5,     10,   30,   60,  120,  300, 600};
  return *kBuckets;
}

void RegisterBuildInfo(prometheus::Registry& registry) {
  BuildGauge()
      .Name("newswire_build_info")
      .Help("Build metadata; the value is always 1.")
      .Register(registry)
      .Add({{"version", NEWSWIRE_VERSION}, {"revision", NEWSWIRE_GIT_REVISION}})
      .Set(1);
}

StreamMetrics::StreamMetrics(prometheus::Registry& registry, std::string stage)
    : stage_(std::move(stage)),
      consumed_(BuildCounter()
                    .Name("newswire_records_consumed_total")
                    .Help("Input records whose transaction committed.")
                    .Register(registry)),
      produced_(BuildCounter()
                    .Name("newswire_records_produced_total")
                    .Help("Records written in committed transactions.")
                    .Register(registry)),
      dead_lettered_(BuildCounter()
                         .Name("newswire_records_dead_lettered_total")
                         .Help("Records sent to the dead-letter topic in "
                               "committed transactions.")
                         .Register(registry)),
      processing_(BuildHistogram()
                      .Name("newswire_processing_duration_seconds")
                      .Help("Time to process one record.")
                      .Register(registry)
                      .Add({{"stage", stage_}}, ProcessingBuckets())),
      end_to_end_(BuildHistogram()
                      .Name("newswire_end_to_end_latency_seconds")
                      .Help("From the wire copy's received time to this "
                            "stage's committed output.")
                      .Register(registry)
                      .Add({{"stage", stage_}}, EndToEndBuckets())),
      commits_(BuildCounter()
                   .Name("newswire_transaction_commits_total")
                   .Help("Kafka transactions committed.")
                   .Register(registry)
                   .Add({{"stage", stage_}})),
      aborts_(
          BuildCounter()
              .Name("newswire_transaction_aborts_total")
              .Help("Kafka transactions aborted (and their input replayed).")
              .Register(registry)
              .Add({{"stage", stage_}})),
      rebalances_(BuildCounter()
                      .Name("newswire_rebalances_total")
                      .Help("Consumer group rebalance events by kind.")
                      .Register(registry)),
      lag_(BuildGauge()
               .Name("newswire_consumer_lag_records")
               .Help("Records between the committed offset and the end of "
                     "each assigned partition.")
               .Register(registry)),
      stable_stall_(
          BuildGauge()
              .Name("newswire_consumer_stable_offset_stall_seconds")
              .Help("Longest time a held input partition's last stable "
                    "offset has not moved while records lie beyond it (an "
                    "open, or hanging, upstream transaction)")
              .Register(registry)
              .Add({{"stage", stage_}})),
      in_flight_(BuildGauge()
                     .Name("newswire_in_flight_records")
                     .Help("Records processed in the open transaction.")
                     .Register(registry)
                     .Add({{"stage", stage_}})),
      last_processed_(BuildGauge()
                          .Name("newswire_last_processed_timestamp_seconds")
                          .Help("Unix time of the last record processed.")
                          .Register(registry)
                          .Add({{"stage", stage_}})) {
  // Create the zero-valued series up front so that dashboards and rate()
  // see them before the first event.
  for (const char* event : {"assign", "revoke", "lost"}) {
    rebalances_.Add({{"stage", stage_}, {"event", event}});
  }
}

void StreamMetrics::Consumed(absl::string_view topic, double n) {
  consumed_.Add({{"stage", stage_}, {"topic", std::string(topic)}})
      .Increment(n);
}

void StreamMetrics::Produced(absl::string_view topic, double n) {
  produced_.Add({{"stage", stage_}, {"topic", std::string(topic)}})
      .Increment(n);
}

void StreamMetrics::DeadLettered(absl::string_view reason, double n) {
  dead_lettered_.Add({{"stage", stage_}, {"reason", std::string(reason)}})
      .Increment(n);
}

void StreamMetrics::ObserveProcessing(double seconds) {
  processing_.Observe(seconds);
}

void StreamMetrics::ObserveEndToEnd(double seconds) {
  end_to_end_.Observe(seconds);
}

void StreamMetrics::TransactionCommitted() { commits_.Increment(); }
void StreamMetrics::TransactionAborted() { aborts_.Increment(); }

void StreamMetrics::Rebalance(absl::string_view event) {
  rebalances_.Add({{"stage", stage_}, {"event", std::string(event)}})
      .Increment();
}

void StreamMetrics::SetLag(absl::string_view topic, int partition, double lag) {
  absl::MutexLock lock(&lag_mu_);
  prometheus::Gauge*& gauge =
      lag_series_[std::make_pair(std::string(topic), partition)];
  if (gauge == nullptr) {
    gauge = &lag_.Add({{"stage", stage_},
                       {"topic", std::string(topic)},
                       {"partition", absl::StrCat(partition)}});
  }
  gauge->Set(lag);
}

void StreamMetrics::ForgetLag(absl::string_view topic, int partition) {
  absl::MutexLock lock(&lag_mu_);
  auto it = lag_series_.find(std::make_pair(std::string(topic), partition));
  if (it == lag_series_.end()) return;
  lag_.Remove(it->second);
  lag_series_.erase(it);
  stable_.erase(std::make_pair(std::string(topic), partition));
}

double StreamMetrics::StableOffsetStallSeconds() const {
  return stable_stall_.Value();
}

double StreamMetrics::TotalLag() const {
  absl::MutexLock lock(&lag_mu_);
  double total = 0;
  for (const auto& [key, gauge] : lag_series_) total += gauge->Value();
  return total;
}

void StreamMetrics::SetInFlight(double n) { in_flight_.Set(n); }

void StreamMetrics::SetLastProcessed(double unix_seconds) {
  last_processed_.Set(unix_seconds);
}

void StreamMetrics::UpdateFromStatistics(absl::string_view json,
                                         absl::Time now) {
  google::protobuf::Struct stats;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  if (!google::protobuf::util::JsonStringToMessage(
           google::protobuf::StringPiece(json.data(), json.size()), &stats,
           options)
           .ok()) {
    return;
  }
  auto type_it = stats.fields().find("type");
  if (type_it != stats.fields().end() &&
      type_it->second.string_value() != "consumer") {
    return;
  }
  // Partitions given a lag below; every other series is stale.
  std::vector<std::pair<std::string, int>> seen;
  auto topics_it = stats.fields().find("topics");
  if (topics_it == stats.fields().end()) {
    ForgetLagExcept(seen, now);
    return;
  }
  for (const auto& [topic, topic_value] :
       topics_it->second.struct_value().fields()) {
    auto parts_it = topic_value.struct_value().fields().find("partitions");
    if (parts_it == topic_value.struct_value().fields().end()) continue;
    for (const auto& [partition, p] :
         parts_it->second.struct_value().fields()) {
      const auto& f = p.struct_value().fields();
      int id = std::atoi(partition.c_str());
      if (id < 0) continue;  // the internal "-1" UA partition
      auto consumer_lag = f.find("consumer_lag");
      auto fetch_state = f.find("fetch_state");
      if (consumer_lag == f.end()) continue;
      // Only partitions this consumer fetches have a meaningful lag; one
      // being unassigned ("stopping", "stopped") belongs to its next owner.
      if (fetch_state != f.end()) {
        const std::string& state = fetch_state->second.string_value();
        if (state == "none" || state == "stopping" || state == "stopped") {
          continue;
        }
      }
      // librdkafka's consumer_lag counts from its own committed offset,
      // which transactional commits (send_offsets_to_transaction) never
      // update. Measure from the read position instead, falling back to the
      // committed offset and then the low watermark.
      auto number = [&f](const char* key) {
        auto it = f.find(key);
        return it == f.end() ? -1.0 : it->second.number_value();
      };
      double end =
          number("ls_offset") >= 0 ? number("ls_offset") : number("hi_offset");
      double from = std::max(number("app_offset"), number("committed_offset"));
      if (from < 0) from = number("lo_offset");
      double lag = end >= 0 && from >= 0 ? std::max(0.0, end - from)
                                         : consumer_lag->second.number_value();
      if (lag >= 0) {
        SetLag(topic, id, lag);
        seen.emplace_back(topic, id);
        UpdateStableOffset(topic, id, number("ls_offset"), number("hi_offset"),
                           now);
      }
    }
  }
  ForgetLagExcept(seen, now);
}

void StreamMetrics::UpdateStableOffset(const std::string& topic, int partition,
                                       double stable, double high,
                                       absl::Time now) {
  absl::MutexLock lock(&lag_mu_);
  auto key = std::make_pair(topic, partition);
  if (stable < 0 || high <= stable) {
    stable_.erase(key);  // nothing held back
    return;
  }
  StableOffset& entry = stable_[key];
  if (entry.offset != stable) entry = {stable, now};
}

void StreamMetrics::ForgetLagExcept(
    const std::vector<std::pair<std::string, int>>& keep, absl::Time now) {
  absl::MutexLock lock(&lag_mu_);
  double stall = 0;
  for (auto it = stable_.begin(); it != stable_.end();) {
    if (std::find(keep.begin(), keep.end(), it->first) == keep.end()) {
      stable_.erase(it++);
      continue;
    }
    stall = std::max(stall, absl::ToDoubleSeconds(now - it->second.since));
    ++it;
  }
  stable_stall_.Set(stall);
  for (auto it = lag_series_.begin(); it != lag_series_.end();) {
    if (std::find(keep.begin(), keep.end(), it->first) != keep.end()) {
      ++it;
      continue;
    }
    lag_.Remove(it->second);
    lag_series_.erase(it++);
  }
}

}  // namespace newswire
