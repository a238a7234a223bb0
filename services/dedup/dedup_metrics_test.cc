#include "services/dedup/dedup_metrics.h"

#include <string>

#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace newswire::dedup {
namespace {

TEST(DedupMetricsTest, ExportsVerdictsIndexAndEvictions) {
  prometheus::Registry registry;
  DedupMetrics metrics(registry);
  metrics.CountVerdict(v1::NEAR_DUPLICATE, 3);
  metrics.ObserveIndex(DedupStats{10, 2500, 4});
  metrics.ObserveIndex(DedupStats{9, 2400, 6});
  std::string text = prometheus::TextSerializer().Serialize(registry.Collect());
  EXPECT_NE(
      text.find("newswire_dedup_verdicts_total{verdict=\"near_duplicate\"} 3"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("newswire_dedup_index_documents 9"), std::string::npos);
  EXPECT_NE(text.find("newswire_dedup_index_bytes 2400"), std::string::npos);
  EXPECT_NE(text.find("newswire_dedup_evictions_total 6"), std::string::npos);
}

}  // namespace
}  // namespace newswire::dedup
