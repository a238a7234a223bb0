// The route stage: which subscriptions receive a wire.enriched record.
//
// A record goes to every subscription whose conditions it matches
// (SubscriptionMatcher) and to every subscription that received an earlier
// version of the same story (StoryMemory, by DedupResult.story_id, else the
// article id) and still exists: updates and kills follow the story whatever
// they say. Each delivery is remembered, pending until Commit().
//
// One implementation behind newswire-route, `newswire process
// --subscriptions`, the tests and benchmarks/route.
//
// Example:
//   ASSIGN_OR_RETURN(auto matcher, SubscriptionMatcher::Create(subs));
//   Router router(std::move(matcher), /*max_stories=*/1000000);
//   RouteDecision d = router.Route(record);
//   for (const std::string& name : d.subscriptions) Deliver(name, record);
//   router.Commit();   // or Rollback() if the deliveries were not written
//
// Thread-compatible.
#ifndef NEWSWIRE_SERVICES_ROUTE_ROUTER_H_
#define NEWSWIRE_SERVICES_ROUTE_ROUTER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"
#include "services/route/matcher.h"
#include "services/route/story_memory.h"

namespace newswire::route {

struct RouteDecision {
  // The story the record belongs to.
  std::string story;
  // Subscriptions to deliver to: first the ones whose conditions match (in
  // file order), then the ones that only follow the story.
  std::vector<std::string> subscriptions;
  // How many of `subscriptions` only follow the story.
  int follow_ups = 0;
  // The story was delivered to a subscription it had not reached before:
  // the new set (StoryMemory::Lookup) must be persisted.
  bool memory_changed = false;
};

class Router {
 public:
  // REQUIRES: matcher != nullptr, max_stories > 0.
  Router(std::unique_ptr<const SubscriptionMatcher> matcher,
         size_t max_stories);
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Installs a new subscription set (a reload). Memory is kept by name: a
  // subscription kept across the reload still receives its stories'
  // updates; one removed no longer receives anything.
  void SetMatcher(std::unique_ptr<const SubscriptionMatcher> matcher);
  const SubscriptionMatcher& matcher() const { return *matcher_; }

  // Routes `record`, read from input partition `partition` (the memory
  // keeps each story under its partition; see StoryMemory).
  RouteDecision Route(const v1::EnrichedArticle& record, int32_t partition = 0);

  void Commit() { memory_.Commit(); }
  void Rollback() { memory_.Rollback(); }

  StoryMemory& memory() { return memory_; }

  // The state record value for a story's subscriptions ("a,b,c") and back.
  static std::string EncodeState(const std::vector<std::string>& subs);
  static std::vector<std::string> DecodeState(absl::string_view value);

 private:
  std::unique_ptr<const SubscriptionMatcher> matcher_;
  StoryMemory memory_;
  std::vector<int> hits_;  // scratch
};

}  // namespace newswire::route

#endif  // NEWSWIRE_SERVICES_ROUTE_ROUTER_H_
