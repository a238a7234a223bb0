#include "services/dedup/dedup_metrics.h"

#include "prometheus/family.h"

namespace newswire::dedup {

DedupMetrics::DedupMetrics(prometheus::Registry& registry) {
  auto& verdicts = prometheus::BuildCounter()
                       .Name("newswire_dedup_verdicts_total")
                       .Help("Articles by dedup verdict.")
                       .Register(registry);
  unique_ = &verdicts.Add({{"verdict", "unique"}});
  exact_ = &verdicts.Add({{"verdict", "exact_duplicate"}});
  near_ = &verdicts.Add({{"verdict", "near_duplicate"}});
  update_ = &verdicts.Add({{"verdict", "update"}});
  documents_ = &prometheus::BuildGauge()
                    .Name("newswire_dedup_index_documents")
                    .Help("Documents in the dedup index window.")
                    .Register(registry)
                    .Add({});
  bytes_ = &prometheus::BuildGauge()
                .Name("newswire_dedup_index_bytes")
                .Help("Heap bytes held by the dedup index.")
                .Register(registry)
                .Add({});
  evictions_ = &prometheus::BuildCounter()
                    .Name("newswire_dedup_evictions_total")
                    .Help(
                        "Documents evicted from the dedup index (window or "
                        "size bound).")
                    .Register(registry)
                    .Add({});
}

void DedupMetrics::CountVerdict(v1::Verdict verdict, double n) {
  switch (verdict) {
    case v1::UNIQUE:
      unique_->Increment(n);
      break;
    case v1::EXACT_DUPLICATE:
      exact_->Increment(n);
      break;
    case v1::NEAR_DUPLICATE:
      near_->Increment(n);
      break;
    case v1::UPDATE:
      update_->Increment(n);
      break;
    default:
      break;
  }
}

void DedupMetrics::ObserveIndex(const DedupStats& stats) {
  documents_->Set(static_cast<double>(stats.documents));
  bytes_->Set(static_cast<double>(stats.bytes));
  if (stats.evictions > evictions_seen_) {
    evictions_->Increment(
        static_cast<double>(stats.evictions - evictions_seen_));
    evictions_seen_ = stats.evictions;
  }
}

}  // namespace newswire::dedup
