// The enrich stage's own metrics (the loop's are in common/metrics).
//
//   newswire_entities_tagged_total{type} person|organization|location|misc
//   newswire_sentiment_articles_total{label}    negative|neutral|positive
//   newswire_sentiment_score                    histogram of document scores
//
// Example:
//   EnrichMetrics metrics(*registry);
//   metrics.Observe(record);  // after Enricher::Enrich
//
// Thread-safety: Observe() may be called from any thread.
#ifndef NEWSWIRE_SERVICES_ENRICH_ENRICH_METRICS_H_
#define NEWSWIRE_SERVICES_ENRICH_ENRICH_METRICS_H_

#include <array>

#include "newswire/v1/wire.pb.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace newswire::enrich {

class EnrichMetrics {
 public:
  // `registry` must outlive this object.
  explicit EnrichMetrics(prometheus::Registry& registry);
  EnrichMetrics(const EnrichMetrics&) = delete;
  EnrichMetrics& operator=(const EnrichMetrics&) = delete;

  // Counts the entities and the document sentiment of an enriched record.
  void Observe(const v1::EnrichedArticle& record);

 private:
  // Indexed by v1::EntityType / v1::SentimentLabel (0 = unspecified).
  std::array<prometheus::Counter*, 5> entities_{};
  std::array<prometheus::Counter*, 4> labels_{};
  prometheus::Histogram* score_ = nullptr;
};

}  // namespace newswire::enrich

#endif  // NEWSWIRE_SERVICES_ENRICH_ENRICH_METRICS_H_
