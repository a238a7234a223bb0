#include "common/metrics/counter_value.h"

#include "prometheus/metric_type.h"

namespace newswire {

double CounterValue(const prometheus::Registry& registry,
                    absl::string_view name,
                    const std::map<std::string, std::string>& labels) {
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != name || family.type != prometheus::MetricType::Counter) {
      continue;
    }
    for (const prometheus::ClientMetric& metric : family.metric) {
      if (metric.label.size() != labels.size()) continue;
      bool same = true;
      for (const prometheus::ClientMetric::Label& label : metric.label) {
        auto it = labels.find(label.name);
        if (it == labels.end() || it->second != label.value) {
          same = false;
          break;
        }
      }
      if (same) return metric.counter.value;
    }
  }
  return 0;
}

}  // namespace newswire
