#include "services/route/route_handler.h"

#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/status/reason.h"
#include "common/time/proto_time.h"

namespace newswire::route {

std::vector<std::string> SubscriptionNames(const SubscriptionMatcher& matcher) {
  std::vector<std::string> names;
  names.reserve(matcher.size());
  for (int i = 0; i < matcher.size(); ++i) {
    names.push_back(matcher.subscription(i).name);
  }
  return names;
}

RouteHandler::RouteHandler(Router* router, SubscriptionFile* file,
                           RouteTopics topics, RouteMetrics* metrics)
    : router_(router),
      file_(file),
      topics_(std::move(topics)),
      metrics_(metrics) {
  if (metrics_ != nullptr) {
    metrics_->SetSubscriptions(SubscriptionNames(router_->matcher()));
  }
}

bool RouteHandler::MaybeReload(absl::Time now) {
  if (file_ == nullptr) return false;
  auto next = file_->Poll(now);
  if (!next.has_value()) return false;
  absl::StatusOr<std::unique_ptr<SubscriptionMatcher>> matcher =
      next->ok() ? SubscriptionMatcher::Create(**std::move(next))
                 : absl::StatusOr<std::unique_ptr<SubscriptionMatcher>>(
                       next->status());
  if (matcher.ok() && ensure_topics_) {
    absl::Status s = ensure_topics_(SubscriptionNames(**matcher));
    if (!s.ok()) {
      file_->Forget();
      matcher = s;
    }
  }
  if (!matcher.ok()) {
    NW_LOG(ERROR,
           "reloading subscriptions: %s; keeping the previous %d "
           "subscription(s)",
           matcher.status().message(), router_->matcher().size());
    if (metrics_ != nullptr) metrics_->Reloaded(false);
    return false;
  }
  NW_LOG(INFO, "reloaded %s: %d subscription(s) (was %d)", file_->path(),
         (*matcher)->size(), router_->matcher().size());
  router_->SetMatcher(*std::move(matcher));
  if (metrics_ != nullptr) {
    metrics_->Reloaded(true);
    metrics_->SetSubscriptions(SubscriptionNames(router_->matcher()));
  }
  return true;
}

absl::Status RouteHandler::Handle(const kafka::InputRecord& in,
                                  std::vector<kafka::OutputRecord>* out) {
  MaybeReload(absl::Now());
  v1::EnrichedArticle record;
  if (!record.ParseFromArray(in.value.data(),
                             static_cast<int>(in.value.size())) ||
      !record.has_article() || record.article().id().empty()) {
    return InvalidRecord("enriched.malformed",
                         "record is not an EnrichedArticle with an article");
  }
  RouteDecision d = router_->Route(record, in.partition);
  if (metrics_ != nullptr) metrics_->Pending(d);
  absl::Time source_time = absl::InfinitePast();
  if (record.article().has_received_time()) {
    source_time = FromProtoTime(record.article().received_time());
  }
  for (const std::string& name : d.subscriptions) {
    kafka::OutputRecord o;
    o.topic = topics_.sub_prefix + name;
    o.key = std::string(in.key);
    o.value = std::string(in.value);
    o.source_time = source_time;
    o.headers.emplace_back(kSubscriptionHeader, name);
    out->push_back(std::move(o));
  }
  if (d.memory_changed) {
    kafka::OutputRecord state;
    state.topic = topics_.state;
    state.key = d.story;
    state.value = Router::EncodeState(router_->memory().Lookup(d.story));
    // State partition i holds the stories of input partition i: the
    // partition's next owner loads exactly that (OnAssigned).
    state.partition = in.partition;
    out->push_back(std::move(state));
  }
  return absl::OkStatus();
}

void RouteHandler::OnCommit() {
  router_->Commit();
  if (metrics_ != nullptr) metrics_->Commit(router_->memory().size());
}

void RouteHandler::OnAbort() {
  router_->Rollback();
  if (metrics_ != nullptr) metrics_->Abort();
}

absl::Status RouteHandler::OnAssigned(const std::vector<int32_t>& partitions) {
  if (!state_loader_) return absl::OkStatus();
  const absl::Time start = absl::Now();
  // Whatever is left of an earlier ownership may be stale: the state topic
  // has the whole story.
  router_->memory().Forget(partitions);
  int64_t records = 0;
  absl::Status s = state_loader_(partitions, [&](const kafka::OwnedRecord& r) {
    ++records;
    RestoreState(r.key, r.value, r.partition);
    return absl::OkStatus();
  });
  if (!s.ok()) {
    router_->memory().Forget(partitions);
    return s;
  }
  const absl::Duration took = absl::Now() - start;
  NW_LOG(INFO,
         "loaded the follow-up memory of %d partition(s) from %s: %d state "
         "records in %s; %d stories remembered",
         partitions.size(), topics_.state, records, absl::FormatDuration(took),
         router_->memory().size());
  if (metrics_ != nullptr) {
    metrics_->StateLoaded(partitions.size(), absl::ToDoubleSeconds(took),
                          router_->memory().size());
  }
  return absl::OkStatus();
}

void RouteHandler::OnRevoked(const std::vector<int32_t>& partitions) {
  const size_t dropped = router_->memory().Forget(partitions);
  NW_LOG(INFO,
         "forgot %d stories of %d revoked partition(s); %d stories remembered",
         dropped, partitions.size(), router_->memory().size());
  if (metrics_ != nullptr) metrics_->SetStories(router_->memory().size());
}

void RouteHandler::RestoreState(absl::string_view key, absl::string_view value,
                                int32_t partition) {
  router_->memory().Restore(key, Router::DecodeState(value), partition);
}

}  // namespace newswire::route
