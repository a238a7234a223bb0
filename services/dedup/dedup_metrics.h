// The dedup stage's own Prometheus series (the Kafka loop's are in
// common/metrics/stream_metrics.h):
//
//   newswire_dedup_verdicts_total{verdict="unique|exact_duplicate|
//                                 near_duplicate|update"}   counter
//   newswire_dedup_index_documents                        gauge
//   newswire_dedup_index_bytes                            gauge
//   newswire_dedup_evictions_total                        counter
//
// Example:
//   auto registry = std::make_shared<prometheus::Registry>();
//   DedupMetrics metrics(*registry);
//   metrics.CountVerdict(v1::UNIQUE);
//   metrics.ObserveIndex(dedup->stats());
//
// `registry` must outlive the probe. Thread-safe (prometheus-cpp metrics
// are atomic).
#ifndef NEWSWIRE_SERVICES_DEDUP_DEDUP_METRICS_H_
#define NEWSWIRE_SERVICES_DEDUP_DEDUP_METRICS_H_

#include <cstdint>

#include "newswire/v1/wire.pb.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/dedup/deduplicator.h"

namespace newswire::dedup {

class DedupMetrics {
 public:
  explicit DedupMetrics(prometheus::Registry& registry);
  DedupMetrics(const DedupMetrics&) = delete;
  DedupMetrics& operator=(const DedupMetrics&) = delete;

  void CountVerdict(v1::Verdict verdict, double n = 1);
  // Sets the index gauges and advances the eviction counter to
  // stats.evictions (a cumulative count).
  void ObserveIndex(const DedupStats& stats);

 private:
  prometheus::Counter* unique_;
  prometheus::Counter* exact_;
  prometheus::Counter* near_;
  prometheus::Counter* update_;
  prometheus::Gauge* documents_;
  prometheus::Gauge* bytes_;
  prometheus::Counter* evictions_;
  int64_t evictions_seen_ = 0;
};

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_DEDUP_METRICS_H_
