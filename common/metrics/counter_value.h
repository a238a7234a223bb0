// Reads the current value of one counter series out of a registry, for tests
// and summaries that check what a process has counted.
//
// Example:
//   double consumed = CounterValue(registry, "newswire_records_consumed_total",
//                                  {{"stage", "dedup"}, {"topic", "in"}});
//
// `labels` must name every label of the series. A series that does not exist
// (never incremented, or not a counter) reads as 0. Thread-safety: as safe as
// prometheus::Registry::Collect(), i.e. callable from any thread.
#ifndef NEWSWIRE_COMMON_METRICS_COUNTER_VALUE_H_
#define NEWSWIRE_COMMON_METRICS_COUNTER_VALUE_H_

#include <map>
#include <string>

#include "absl/strings/string_view.h"
#include "prometheus/registry.h"

namespace newswire {

double CounterValue(const prometheus::Registry& registry,
                    absl::string_view name,
                    const std::map<std::string, std::string>& labels);

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_METRICS_COUNTER_VALUE_H_
