// Kafka adapter for the route stage: wire.enriched -> wire.sub.<name>, one
// copy of the record per subscription it goes to (see router.h), same key
// and value as consumed, with header "newswire-subscription: <name>".
//
// When a story reaches a subscription for the first time, the story's full
// subscription list is written to the compacted state topic (key: story id,
// value: "a,b,c") in the same transaction, to the state partition with the
// number of the input partition the record came from. The follow-up memory
// follows partition ownership: OnAssigned() loads the memory of exactly
// the assigned partitions from their state partitions (through
// `state_loader`) before any of their records is handled, OnRevoked()
// drops it. So whichever replica owns a partition, it knows every delivery
// committed for its stories. OnAbort() rolls the memory back to the last
// commit.
//
// Reloads: before each record, at most once per the file's poll interval,
// the subscriptions file is checked (SubscriptionFile::Poll). A valid new
// set is applied between records on the loop thread, after `ensure_topics`
// (if set) has created its wire.sub.* topics; an invalid file or a failed
// topic creation is logged and the previous set stays in force.
//
// Example:
//   RouteHandler handler(&router, file.get(), topics, &metrics);
//   handler.set_ensure_topics([&](const std::vector<std::string>& names) {
//     return EnsureTopics(config, SubscriptionTopics(topics, names));
//   });
//   handler.set_state_loader([&](const std::vector<int32_t>& partitions,
//                                const RouteHandler::StateSink& sink) {
//     return ReadPartitionsToEnd(config, topics.state, partitions, sink);
//   });
//   RunStreamService("route", "wire.enriched", &handler, registry, hooks);
//
// Thread-compatible; used by one StreamProcessor.
#ifndef NEWSWIRE_SERVICES_ROUTE_ROUTE_HANDLER_H_
#define NEWSWIRE_SERVICES_ROUTE_ROUTE_HANDLER_H_

#include <functional>
#include <string>
#include <vector>

#include "common/kafka/stream_processor.h"
#include "services/route/route_metrics.h"
#include "services/route/router.h"
#include "services/route/subscription_file.h"

namespace newswire::route {

// The header naming the subscription on each wire.sub.* record.
inline constexpr char kSubscriptionHeader[] = "newswire-subscription";

struct RouteTopics {
  // Topic of subscription `name` is sub_prefix + name.
  std::string sub_prefix = "wire.sub.";
  std::string state = "wire.route-state";
};

class RouteHandler : public kafka::RecordHandler {
 public:
  // `router`, `file` and `metrics` must outlive the handler; `file` and
  // `metrics` may be null (no reloads / no metrics).
  RouteHandler(Router* router, SubscriptionFile* file, RouteTopics topics,
               RouteMetrics* metrics = nullptr);

  // Called with the names of a reloaded set before it is applied; a non-OK
  // status keeps the previous set (and the file is read again next poll).
  void set_ensure_topics(
      std::function<absl::Status(const std::vector<std::string>&)> fn) {
    ensure_topics_ = std::move(fn);
  }

  // Passes each committed record of the given state partitions, from the
  // beginning to the end as of the call, to the sink. The record's
  // partition is the input partition its story belongs to.
  using StateSink = std::function<absl::Status(const kafka::OwnedRecord&)>;
  using StateLoader = std::function<absl::Status(
      const std::vector<int32_t>& partitions, const StateSink& sink)>;
  // Without a loader (the CLI, benchmarks) nothing is loaded on assignment.
  void set_state_loader(StateLoader fn) { state_loader_ = std::move(fn); }

  // Errors: "enriched.malformed" when the record is not an EnrichedArticle
  // with an article.
  absl::Status Handle(const kafka::InputRecord& in,
                      std::vector<kafka::OutputRecord>* out) override;
  void OnCommit() override;
  void OnAbort() override;
  // Loads the memory of `partitions` (replacing what was there); the
  // loader's error if it fails.
  absl::Status OnAssigned(const std::vector<int32_t>& partitions) override;
  // Forgets the stories of `partitions`.
  void OnRevoked(const std::vector<int32_t>& partitions) override;

  // Applies one state topic record (key story id, value "a,b,c"; an empty
  // value forgets the story) of input partition `partition`.
  void RestoreState(absl::string_view key, absl::string_view value,
                    int32_t partition = 0);

  // Checks the subscriptions file now (as Handle does between records).
  // Returns true if a new set was applied.
  bool MaybeReload(absl::Time now);

 private:
  Router* const router_;
  SubscriptionFile* const file_;
  const RouteTopics topics_;
  RouteMetrics* const metrics_;
  std::function<absl::Status(const std::vector<std::string>&)> ensure_topics_;
  StateLoader state_loader_;
};

// The names of the subscriptions of `matcher`, in file order.
std::vector<std::string> SubscriptionNames(const SubscriptionMatcher& matcher);

}  // namespace newswire::route

#endif  // NEWSWIRE_SERVICES_ROUTE_ROUTE_HANDLER_H_
