// The route stage's own metrics (the loop's are in common/metrics).
//
//   newswire_route_deliveries_total{subscription}  records written to
//       wire.sub.<subscription>. The label is bounded by the subscriptions
//       file (one series per configured subscription; a subscription
//       removed by a reload has its series removed too).
//   newswire_route_follow_ups_total      deliveries made only because the
//                                        story went there before
//   newswire_route_unmatched_total       records that went nowhere
//   newswire_route_subscriptions         subscriptions in force
//   newswire_route_reloads_total{result} ok|error
//   newswire_route_stories_remembered    stories in the follow-up memory
//   newswire_route_state_loads_total     partitions taken over whose
//                                        memory was loaded from the state
//                                        topic
//   newswire_route_state_load_seconds_total  time spent loading it
//
// Delivery counters move when the transaction commits (Commit()), so a
// replayed batch counts once.
//
// Example:
//   RouteMetrics metrics(*registry);
//   metrics.Pending(decision);   // in Handle
//   metrics.Commit();            // in OnCommit
//
// Thread-compatible (the loop thread only).
#ifndef NEWSWIRE_SERVICES_ROUTE_ROUTE_METRICS_H_
#define NEWSWIRE_SERVICES_ROUTE_ROUTE_METRICS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"
#include "services/route/router.h"

namespace newswire::route {

class RouteMetrics {
 public:
  // `registry` must outlive this object.
  explicit RouteMetrics(prometheus::Registry& registry);
  RouteMetrics(const RouteMetrics&) = delete;
  RouteMetrics& operator=(const RouteMetrics&) = delete;

  // The subscription set now in force (at start and after each reload).
  void SetSubscriptions(const std::vector<std::string>& names);
  void Reloaded(bool ok);
  // Counts a routing decision of the open transaction.
  void Pending(const RouteDecision& decision);
  // The open transaction committed / aborted.
  void Commit(size_t stories_remembered);
  void Abort();
  // The memory of `partitions` newly assigned partitions was loaded in
  // `seconds`; or partitions were revoked. Either way the memory now holds
  // `stories_remembered` stories.
  void StateLoaded(size_t partitions, double seconds,
                   size_t stories_remembered);
  void SetStories(size_t stories_remembered);

 private:
  prometheus::Family<prometheus::Counter>& deliveries_;
  prometheus::Counter& follow_ups_;
  prometheus::Counter& unmatched_;
  prometheus::Gauge& subscriptions_;
  prometheus::Counter& reloads_ok_;
  prometheus::Counter& reloads_error_;
  prometheus::Gauge& stories_;
  prometheus::Counter& state_loads_;
  prometheus::Counter& state_load_seconds_;
  absl::flat_hash_map<std::string, prometheus::Counter*> by_name_;
  absl::flat_hash_map<std::string, int64_t> pending_;
  int64_t pending_follow_ups_ = 0;
  int64_t pending_unmatched_ = 0;
};

}  // namespace newswire::route

#endif  // NEWSWIRE_SERVICES_ROUTE_ROUTE_METRICS_H_
