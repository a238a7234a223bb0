// Which subscriptions each story was delivered to, so that later versions
// and kills of the story follow it there.
//
// Bounded: at most `max_stories` stories, least recently delivered evicted
// first (a story's entry is refreshed each time a version of it is
// delivered). A story evicted from memory is matched on its own conditions
// again.
//
// Transactional, like the Kafka transaction it lives in: Remember() records
// into a pending overlay that Lookup() already sees; Commit() folds it into
// the committed set (and evicts), Rollback() drops it, leaving the memory as
// at the last Commit().
//
// Compact: subscription names are stored once and each story keeps the
// 4-byte numbers of its subscriptions (a name table that grows only with
// the distinct subscription names ever seen, which the subscriptions file
// bounds).
//
// Partitioned: each story belongs to the input partition its records come
// from (wire.enriched is keyed by story id, so a story stays on one
// partition). When a partition moves to another instance, Forget() drops
// its stories here and the new owner Restore()s them from the state topic.
//
// Example:
//   StoryMemory memory(1000000);
//   memory.Remember("story-1", "korea-nuclear", /*partition=*/2);
//   memory.Commit();
//   std::vector<std::string> subs = memory.Lookup("story-1");
//   memory.Forget({2});   // partition 2 was revoked
//
// Thread-compatible.
#ifndef NEWSWIRE_SERVICES_ROUTE_STORY_MEMORY_H_
#define NEWSWIRE_SERVICES_ROUTE_STORY_MEMORY_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace newswire::route {

class StoryMemory {
 public:
  // REQUIRES: max_stories > 0.
  explicit StoryMemory(size_t max_stories) : max_stories_(max_stories) {}
  StoryMemory(const StoryMemory&) = delete;
  StoryMemory& operator=(const StoryMemory&) = delete;

  // Subscriptions `story` was delivered to (committed and pending), in the
  // order first delivered.
  std::vector<std::string> Lookup(absl::string_view story) const;

  // Records (pending) that `story`, of input partition `partition`, was
  // delivered to `subscription`. Returns true if that is new.
  bool Remember(absl::string_view story, absl::string_view subscription,
                int32_t partition = 0);

  void Commit();
  void Rollback();

  // Replaces the committed entry of `story` (state restore); an empty list
  // forgets it. Does not touch pending changes.
  void Restore(absl::string_view story, const std::vector<std::string>& subs,
               int32_t partition = 0);

  // Drops every story (committed or pending) of these partitions. Returns
  // how many committed stories were dropped.
  size_t Forget(const std::vector<int32_t>& partitions);

  // Committed stories.
  size_t size() const { return committed_.size(); }
  size_t max_stories() const { return max_stories_; }

 private:
  // A subscription's number in names_.
  using SubId = uint32_t;
  struct Entry {
    std::vector<SubId> subs;
    std::list<std::string>::iterator lru;
    int32_t partition = 0;
  };
  struct Pending {
    std::vector<SubId> subs;
    int32_t partition = 0;
  };
  SubId Intern(absl::string_view name);
  void Put(const std::string& story, Pending pending);
  void Evict();

  const size_t max_stories_;
  // Every subscription name seen, by number, and back.
  std::vector<std::string> names_;
  absl::flat_hash_map<std::string, SubId> ids_;
  // Most recently delivered first.
  std::list<std::string> lru_;
  absl::flat_hash_map<std::string, Entry> committed_;
  // Subscriptions added in the open transaction, by story.
  absl::flat_hash_map<std::string, Pending> pending_;
};

}  // namespace newswire::route

#endif  // NEWSWIRE_SERVICES_ROUTE_STORY_MEMORY_H_
