// Evaluates a set of subscriptions against one wire.enriched record.
//
// SubscriptionMatcher compiles the subscriptions once and answers "which
// subscriptions does this record match" two ways:
//   - Match(): an index over entity ids/names and keywords finds the
//     candidate subscriptions from the record's own entities and words; only
//     those (plus subscriptions with neither entities nor keywords) get the
//     full check. This is what the service and the CLI use.
//   - MatchNaive(): the full check of every subscription in turn; the
//     reference the index is tested and benchmarked against.
// Both return the same set.
//
// Semantics (see subscription.h): every condition given must hold; a list
// holds if any element does. Entities match EntitySummary.canonical_id
// exactly or canonical_name case-insensitively (ASCII case folding).
// Keywords match whole words of the headline or the body, case-insensitively;
// a word is a run of ASCII letters and digits and non-ASCII bytes, so
// "nuclear" matches "Nuclear" and "nuclear-armed" but not "nuclearise"; a
// keyword of several words matches them consecutively ("interest rates").
//
// Example:
//   ASSIGN_OR_RETURN(auto matcher, SubscriptionMatcher::Create(subs));
//   RecordView view(record);
//   std::vector<int> hits;
//   matcher->Match(view, &hits);
//   for (int i : hits) Deliver(matcher->subscription(i).name);
//
// Thread-safety: immutable after Create; Match() is const and safe from many
// threads (each with its own RecordView).
#ifndef NEWSWIRE_SERVICES_ROUTE_MATCHER_H_
#define NEWSWIRE_SERVICES_ROUTE_MATCHER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"
#include "services/route/subscription.h"

namespace newswire::route {

// What the subscriptions look at in one record, computed on first use and
// shared by every subscription. `record` must outlive the view.
// Thread-compatible.
class RecordView {
 public:
  explicit RecordView(const v1::EnrichedArticle& record);
  RecordView(const RecordView&) = delete;
  RecordView& operator=(const RecordView&) = delete;

  const v1::EnrichedArticle& record() const { return record_; }
  // The summary entry whose canonical_id is `key`, or whose lower-cased
  // canonical_name is `key`; null if none.
  const v1::EntitySummary* FindEntity(absl::string_view key) const;
  // Distinct lower-cased words of headline and body.
  const absl::flat_hash_set<absl::string_view>& words() const;
  // True if the lower-cased words of `phrase`, given as " w1 w2 " (leading
  // and trailing space), occur consecutively in the headline or the body.
  bool HasPhrase(absl::string_view spaced_phrase) const;

 private:
  void Tokenize() const;

  const v1::EnrichedArticle& record_;
  absl::flat_hash_map<std::string, int> entities_;
  mutable bool tokenized_ = false;
  // " headline words \x01 body words ", lower-cased, single spaces.
  mutable std::string text_;
  mutable absl::flat_hash_set<absl::string_view> words_;
};

// Lower-cases ASCII letters of `text` and splits it into words (see above),
// appending them to `out` joined by single spaces.
void AppendNormalizedWords(absl::string_view text, std::string* out);

class SubscriptionMatcher {
 public:
  // Compiles `subscriptions` (already validated by ParseSubscriptions).
  static absl::StatusOr<std::unique_ptr<SubscriptionMatcher>> Create(
      std::vector<Subscription> subscriptions);

  int size() const { return static_cast<int>(subs_.size()); }
  const Subscription& subscription(int i) const { return subs_[i].spec; }
  // Index of the subscription called `name`, or -1.
  int Find(absl::string_view name) const;

  // Replaces *matched with the indices of the matching subscriptions, in
  // ascending order. Uses the index.
  void Match(const RecordView& view, std::vector<int>* matched) const;
  // Same result, checking every subscription in turn.
  void MatchNaive(const RecordView& view, std::vector<int>* matched) const;
  // The full check of subscription `i`.
  bool Matches(int i, const RecordView& view) const;

 private:
  struct Compiled {
    Subscription spec;
    // Each entity as written and lower-cased (ids are matched as written,
    // names lower-cased).
    std::vector<std::string> entity_keys;
    // " w1 w2 " per keyword.
    std::vector<std::string> phrases;
  };
  SubscriptionMatcher() = default;

  std::vector<Compiled> subs_;
  absl::flat_hash_map<std::string, int> by_name_;
  // Entity key -> subscriptions listing it.
  absl::flat_hash_map<std::string, std::vector<int>> entity_index_;
  // First word of a keyword -> subscriptions without entities listing it.
  absl::flat_hash_map<std::string, std::vector<int>> keyword_index_;
  // Subscriptions with neither entities nor keywords: always candidates.
  std::vector<int> always_;
};

}  // namespace newswire::route

#endif  // NEWSWIRE_SERVICES_ROUTE_MATCHER_H_
