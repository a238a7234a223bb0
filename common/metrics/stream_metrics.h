// The metrics every newswire service exports about its Kafka loop.
//
// One StreamMetrics per service process, created on the service's registry.
// Stage-specific metrics (dedup verdicts, entities by type, ...) live next to
// their stage, not here. Names follow Prometheus conventions: prefix
// newswire_, base units, _total for counters, and only low-cardinality labels
// (stage, topic, partition, reason code) — never an article id or headline.
//
// Series:
//   newswire_build_info{version,revision} 1
//   newswire_records_consumed_total{stage,topic}
//   newswire_records_produced_total{stage,topic}
//   newswire_records_dead_lettered_total{stage,reason}
//   newswire_processing_duration_seconds{stage}            histogram
//   newswire_end_to_end_latency_seconds{stage}             histogram
//   newswire_transaction_commits_total{stage}
//   newswire_transaction_aborts_total{stage}
//   newswire_rebalances_total{stage,event}                 assign|revoke|lost
//   newswire_consumer_lag_records{stage,topic,partition}   gauge, only for
//                                                          partitions held
//   newswire_consumer_stable_offset_stall_seconds{stage}   gauge, see below
//   newswire_in_flight_records{stage}                      gauge
//   newswire_last_processed_timestamp_seconds{stage}       gauge
//
// The records_* counters describe delivered records: StreamProcessor adds to
// them only once the transaction holding those records has committed, so a
// transaction that aborts and is replayed is counted once (so is the
// end-to-end latency, observed at commit). The processing-time histogram and
// the in-flight and last-processed gauges describe work done, replays
// included.
//
// A lag series exists only while this consumer holds its partition: it is
// removed when the partition is revoked or lost (ForgetLag, called by
// StreamProcessor on rebalance) and when librdkafka's statistics stop
// listing the partition as fetched, so sums over the family describe the
// current assignment and never a partition another instance now owns.
//
// The stable-offset stall is the longest time, over the partitions held,
// that a partition's last stable offset (what a read_committed consumer may
// read up to) has not moved while records lie beyond it. An upstream
// transaction holds it for at most its timeout; far longer means a hanging
// transaction (one the broker will never complete, e.g. its markers lost),
// which a restart of this service cannot cure and which lag does not show:
// lag counts only up to the stable offset.
//
// Thread-safety: all methods are safe to call from any thread.
#ifndef NEWSWIRE_COMMON_METRICS_STREAM_METRICS_H_
#define NEWSWIRE_COMMON_METRICS_STREAM_METRICS_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace newswire {

// Registers newswire_build_info on `registry`.
void RegisterBuildInfo(prometheus::Registry& registry);

// The finite bucket boundaries (seconds) of the two latency histograms. Both
// reach past 60 s so that the latency alerts' thresholds fall inside a
// bucket; tests/observability/test_static.py checks that the promtool rule
// tests feed exactly these boundaries.
const prometheus::Histogram::BucketBoundaries& ProcessingBuckets();
const prometheus::Histogram::BucketBoundaries& EndToEndBuckets();

class StreamMetrics {
 public:
  // `stage` is "ingest", "dedup" or "enrich". `registry` must outlive this.
  StreamMetrics(prometheus::Registry& registry, std::string stage);

  StreamMetrics(const StreamMetrics&) = delete;
  StreamMetrics& operator=(const StreamMetrics&) = delete;

  void Consumed(absl::string_view topic, double n = 1);
  void Produced(absl::string_view topic, double n = 1);
  void DeadLettered(absl::string_view reason, double n = 1);
  void ObserveProcessing(double seconds);
  void ObserveEndToEnd(double seconds);
  void TransactionCommitted();
  void TransactionAborted();
  void Rebalance(absl::string_view event);
  // Sets the lag gauge of one held partition, creating its series.
  void SetLag(absl::string_view topic, int partition, double lag);
  // Removes the lag series of a partition this consumer no longer holds.
  // No-op for a partition without a series.
  void ForgetLag(absl::string_view topic, int partition);
  // Sum of the lag gauges of the partitions currently held (0 with none).
  double TotalLag() const;
  void SetInFlight(double n);
  void SetLastProcessed(double unix_seconds);

  // Updates consumer lag gauges and the stable-offset stall from a
  // librdkafka consumer statistics JSON document (statistics.interval.ms),
  // taken at `now`, and removes the series of partitions it no longer lists
  // as fetched. Ignores documents it cannot parse and those of other client
  // types.
  void UpdateFromStatistics(absl::string_view json,
                            absl::Time now = absl::Now());
  // The stable-offset stall last exported, in seconds (0 with none).
  double StableOffsetStallSeconds() const;

  const std::string& stage() const { return stage_; }

 private:
  // Removes every lag series whose (topic, partition) is not in `keep`, and
  // exports the stable-offset stall of those kept as of `now`.
  void ForgetLagExcept(const std::vector<std::pair<std::string, int>>& keep,
                       absl::Time now);
  // Notes a partition's last stable and high offsets from statistics.
  void UpdateStableOffset(const std::string& topic, int partition,
                          double stable, double high, absl::Time now);

  const std::string stage_;
  prometheus::Family<prometheus::Counter>& consumed_;
  prometheus::Family<prometheus::Counter>& produced_;
  prometheus::Family<prometheus::Counter>& dead_lettered_;
  prometheus::Histogram& processing_;
  prometheus::Histogram& end_to_end_;
  prometheus::Counter& commits_;
  prometheus::Counter& aborts_;
  prometheus::Family<prometheus::Counter>& rebalances_;
  prometheus::Family<prometheus::Gauge>& lag_;
  // The lag series that exist, by (topic, partition).
  mutable absl::Mutex lag_mu_;
  absl::flat_hash_map<std::pair<std::string, int>, prometheus::Gauge*>
      lag_series_ ABSL_GUARDED_BY(lag_mu_);
  // Per held partition: its last stable offset and since when it has not
  // moved with records beyond it.
  struct StableOffset {
    double offset = -1;
    absl::Time since;
  };
  absl::flat_hash_map<std::pair<std::string, int>, StableOffset> stable_
      ABSL_GUARDED_BY(lag_mu_);
  prometheus::Gauge& stable_stall_;
  prometheus::Gauge& in_flight_;
  prometheus::Gauge& last_processed_;
};

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_METRICS_STREAM_METRICS_H_
