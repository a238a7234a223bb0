#include "services/route/story_memory.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"

namespace newswire::route {
namespace {

template <typename T>
bool Has(const std::vector<T>& list, const T& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

StoryMemory::SubId StoryMemory::Intern(absl::string_view name) {
  auto [it, added] =
      ids_.try_emplace(std::string(name), static_cast<SubId>(names_.size()));
  if (added) names_.emplace_back(name);
  return it->second;
}

std::vector<std::string> StoryMemory::Lookup(absl::string_view story) const {
  std::vector<SubId> ids;
  auto c = committed_.find(story);
  if (c != committed_.end()) ids = c->second.subs;
  auto p = pending_.find(story);
  if (p != pending_.end()) {
    for (SubId s : p->second.subs) {
      if (!Has(ids, s)) ids.push_back(s);
    }
  }
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (SubId s : ids) out.push_back(names_[s]);
  return out;
}

bool StoryMemory::Remember(absl::string_view story,
                           absl::string_view subscription, int32_t partition) {
  const SubId id = Intern(subscription);
  auto c = committed_.find(story);
  if (c != committed_.end() && Has(c->second.subs, id)) {
    // Known: only refresh its place in the LRU order at commit.
    pending_.try_emplace(story).first->second.partition = partition;
    return false;
  }
  Pending& p = pending_[story];
  p.partition = partition;
  if (Has(p.subs, id)) return false;
  p.subs.push_back(id);
  return true;
}

void StoryMemory::Put(const std::string& story, Pending pending) {
  auto it = committed_.find(story);
  if (it == committed_.end()) {
    lru_.push_front(story);
    committed_.emplace(
        story, Entry{std::move(pending.subs), lru_.begin(), pending.partition});
  } else {
    for (SubId s : pending.subs) {
      if (!Has(it->second.subs, s)) it->second.subs.push_back(s);
    }
    it->second.partition = pending.partition;
    lru_.splice(lru_.begin(), lru_, it->second.lru);
  }
}

void StoryMemory::Evict() {
  while (committed_.size() > max_stories_) {
    committed_.erase(lru_.back());
    lru_.pop_back();
  }
}

void StoryMemory::Commit() {
  for (auto& [story, pending] : pending_) Put(story, std::move(pending));
  pending_.clear();
  Evict();
}

void StoryMemory::Rollback() { pending_.clear(); }

void StoryMemory::Restore(absl::string_view story,
                          const std::vector<std::string>& subs,
                          int32_t partition) {
  std::string key(story);
  auto it = committed_.find(key);
  if (it != committed_.end()) {
    lru_.erase(it->second.lru);
    committed_.erase(it);
  }
  if (subs.empty()) return;
  std::vector<SubId> ids;
  ids.reserve(subs.size());
  for (const std::string& s : subs) {
    const SubId id = Intern(s);
    if (!Has(ids, id)) ids.push_back(id);
  }
  lru_.push_front(key);
  committed_.emplace(key, Entry{std::move(ids), lru_.begin(), partition});
  Evict();
}

size_t StoryMemory::Forget(const std::vector<int32_t>& partitions) {
  const absl::flat_hash_set<int32_t> gone(partitions.begin(), partitions.end());
  absl::erase_if(pending_, [&](const auto& p) {
    return gone.contains(p.second.partition);
  });
  size_t dropped = 0;
  for (auto it = committed_.begin(); it != committed_.end();) {
    if (gone.contains(it->second.partition)) {
      lru_.erase(it->second.lru);
      committed_.erase(it++);
      ++dropped;
    } else {
      ++it;
    }
  }
  return dropped;
}

}  // namespace newswire::route
