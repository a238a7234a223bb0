#include "services/route/route_metrics.h"

#include "absl/container/flat_hash_set.h"

namespace newswire::route {

RouteMetrics::RouteMetrics(prometheus::Registry& registry)
    : deliveries_(prometheus::BuildCounter()
                      .Name("newswire_route_deliveries_total")
                      .Help("Records written to wire.sub.<subscription>")
                      .Register(registry)),
      follow_ups_(prometheus::BuildCounter()
                      .Name("newswire_route_follow_ups_total")
                      .Help("Deliveries made only because an earlier version "
                            "of the story went to that subscription")
                      .Register(registry)
                      .Add({})),
      unmatched_(prometheus::BuildCounter()
                     .Name("newswire_route_unmatched_total")
                     .Help("Records that matched no subscription")
                     .Register(registry)
                     .Add({})),
      subscriptions_(prometheus::BuildGauge()
                         .Name("newswire_route_subscriptions")
                         .Help("Subscriptions in force")
                         .Register(registry)
                         .Add({})),
      reloads_ok_(prometheus::BuildCounter()
                      .Name("newswire_route_reloads_total")
                      .Help("Subscription file reloads by result")
                      .Register(registry)
                      .Add({{"result", "ok"}})),
      reloads_error_(prometheus::BuildCounter()
                         .Name("newswire_route_reloads_total")
                         .Help("Subscription file reloads by result")
                         .Register(registry)
                         .Add({{"result", "error"}})),
      stories_(prometheus::BuildGauge()
                   .Name("newswire_route_stories_remembered")
                   .Help("Stories whose subscriptions are remembered for "
                         "their updates and kills")
                   .Register(registry)
                   .Add({})),
      state_loads_(prometheus::BuildCounter()
                       .Name("newswire_route_state_loads_total")
                       .Help("Partitions taken over whose follow-up memory "
                             "was loaded from the state topic")
                       .Register(registry)
                       .Add({})),
      state_load_seconds_(prometheus::BuildCounter()
                              .Name("newswire_route_state_load_seconds_total")
                              .Help("Time spent loading the follow-up memory "
                                    "of partitions taken over")
                              .Register(registry)
                              .Add({})) {}

void RouteMetrics::SetSubscriptions(const std::vector<std::string>& names) {
  absl::flat_hash_set<std::string> keep(names.begin(), names.end());
  for (auto it = by_name_.begin(); it != by_name_.end();) {
    if (!keep.contains(it->first)) {
      deliveries_.Remove(it->second);
      by_name_.erase(it++);
    } else {
      ++it;
    }
  }
  for (const std::string& n : names) {
    if (!by_name_.contains(n)) {
      by_name_[n] = &deliveries_.Add({{"subscription", n}});
    }
  }
  subscriptions_.Set(static_cast<double>(names.size()));
}

void RouteMetrics::Reloaded(bool ok) {
  (ok ? reloads_ok_ : reloads_error_).Increment();
}

void RouteMetrics::Pending(const RouteDecision& decision) {
  for (const std::string& n : decision.subscriptions) ++pending_[n];
  pending_follow_ups_ += decision.follow_ups;
  if (decision.subscriptions.empty()) ++pending_unmatched_;
}

void RouteMetrics::Commit(size_t stories_remembered) {
  for (const auto& [name, n] : pending_) {
    auto it = by_name_.find(name);
    if (it != by_name_.end()) it->second->Increment(static_cast<double>(n));
  }
  follow_ups_.Increment(static_cast<double>(pending_follow_ups_));
  unmatched_.Increment(static_cast<double>(pending_unmatched_));
  stories_.Set(static_cast<double>(stories_remembered));
  Abort();
}

void RouteMetrics::Abort() {
  pending_.clear();
  pending_follow_ups_ = 0;
  pending_unmatched_ = 0;
}

void RouteMetrics::StateLoaded(size_t partitions, double seconds,
                               size_t stories_remembered) {
  state_loads_.Increment(static_cast<double>(partitions));
  state_load_seconds_.Increment(seconds);
  SetStories(stories_remembered);
}

void RouteMetrics::SetStories(size_t stories_remembered) {
  stories_.Set(static_cast<double>(stories_remembered));
}

}  // namespace newswire::route
