#include "services/route/router.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace newswire::route {

Router::Router(std::unique_ptr<const SubscriptionMatcher> matcher,
               size_t max_stories)
    : matcher_(std::move(matcher)), memory_(max_stories) {}

void Router::SetMatcher(std::unique_ptr<const SubscriptionMatcher> matcher) {
  matcher_ = std::move(matcher);
}

RouteDecision Router::Route(const v1::EnrichedArticle& record,
                            int32_t partition) {
  RouteDecision d;
  d.story = !record.dedup().story_id().empty() ? record.dedup().story_id()
                                               : record.article().id();
  RecordView view(record);
  matcher_->Match(view, &hits_);
  d.subscriptions.reserve(hits_.size());
  for (int i : hits_) d.subscriptions.push_back(matcher_->subscription(i).name);
  const size_t matched = d.subscriptions.size();
  for (std::string& name : memory_.Lookup(d.story)) {
    if (matcher_->Find(name) < 0) continue;  // removed by a reload
    if (std::find(d.subscriptions.begin(), d.subscriptions.begin() + matched,
                  name) != d.subscriptions.begin() + matched) {
      continue;
    }
    d.subscriptions.push_back(std::move(name));
    ++d.follow_ups;
  }
  for (const std::string& name : d.subscriptions) {
    if (memory_.Remember(d.story, name, partition)) d.memory_changed = true;
  }
  return d;
}

std::string Router::EncodeState(const std::vector<std::string>& subs) {
  return absl::StrJoin(subs, ",");
}

std::vector<std::string> Router::DecodeState(absl::string_view value) {
  return absl::StrSplit(value, ',', absl::SkipEmpty());
}

}  // namespace newswire::route
