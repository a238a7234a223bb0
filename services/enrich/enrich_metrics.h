// The enrich stage's own metrics (the loop's are in common/metrics).
//
//   newswire_entities_tagged_total{type} person|organization|location|misc
//   newswire_sentiment_articles_total{label}    negative|neutral|positive
//   newswire_sentiment_score                    histogram of document scores
//
// Like the loop's record counters, these describe delivered records: the
// handler tallies each enriched record in an EnrichTally and publishes the
// tally only when the transaction holding those records commits, so a
// transaction that aborts and is replayed counts its records once.
//
// Example:
//   EnrichMetrics metrics(*registry);
//   EnrichTally pending;
//   pending.Add(record);       // after Enricher::Enrich, per record
//   metrics.Publish(pending);  // in RecordHandler::OnCommit
//   pending.Clear();           // after publishing, and in OnAbort
//
// Thread-safety: Publish() may be called from any thread; an EnrichTally is
// thread-compatible.
#ifndef NEWSWIRE_SERVICES_ENRICH_ENRICH_METRICS_H_
#define NEWSWIRE_SERVICES_ENRICH_ENRICH_METRICS_H_

#include <array>
#include <cstdint>
#include <vector>

#include "newswire/v1/wire.pb.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace newswire::enrich {

// The enrich series' increments of records not yet committed.
struct EnrichTally {
  // Indexed by v1::EntityType / v1::SentimentLabel (0 = unspecified).
  std::array<int64_t, 5> entities{};
  std::array<int64_t, 4> labels{};
  std::vector<double> scores;

  // Adds the entities and the document sentiment of an enriched record.
  void Add(const v1::EnrichedArticle& record);
  void Clear();
  bool empty() const { return scores.empty(); }
};

class EnrichMetrics {
 public:
  // `registry` must outlive this object.
  explicit EnrichMetrics(prometheus::Registry& registry);
  EnrichMetrics(const EnrichMetrics&) = delete;
  EnrichMetrics& operator=(const EnrichMetrics&) = delete;

  // Adds `tally` (records of a committed transaction) to the series.
  void Publish(const EnrichTally& tally);

 private:
  // Indexed by v1::EntityType / v1::SentimentLabel (0 = unspecified).
  std::array<prometheus::Counter*, 5> entities_{};
  std::array<prometheus::Counter*, 4> labels_{};
  prometheus::Histogram* score_ = nullptr;
};

}  // namespace newswire::enrich

#endif  // NEWSWIRE_SERVICES_ENRICH_ENRICH_METRICS_H_
