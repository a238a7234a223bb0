#include "services/route/story_memory.h"

#include <algorithm>
#include <utility>

namespace newswire::route {
namespace {

bool Has(const std::vector<std::string>& list, absl::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

std::vector<std::string> StoryMemory::Lookup(absl::string_view story) const {
  std::vector<std::string> out;
  auto c = committed_.find(story);
  if (c != committed_.end()) out = c->second.subs;
  auto p = pending_.find(story);
  if (p != pending_.end()) {
    for (const std::string& s : p->second) {
      if (!Has(out, s)) out.push_back(s);
    }
  }
  return out;
}

bool StoryMemory::Remember(absl::string_view story,
                           absl::string_view subscription) {
  auto c = committed_.find(story);
  if (c != committed_.end() && Has(c->second.subs, subscription)) {
    // Known: only refresh its place in the LRU order at commit.
    pending_.try_emplace(story);
    return false;
  }
  std::vector<std::string>& p = pending_[story];
  if (Has(p, subscription)) return false;
  p.emplace_back(subscription);
  return true;
}

void StoryMemory::Put(const std::string& story, std::vector<std::string> subs) {
  auto it = committed_.find(story);
  if (it == committed_.end()) {
    lru_.push_front(story);
    committed_.emplace(story, Entry{std::move(subs), lru_.begin()});
  } else {
    for (std::string& s : subs) {
      if (!Has(it->second.subs, s)) it->second.subs.push_back(std::move(s));
    }
    lru_.splice(lru_.begin(), lru_, it->second.lru);
  }
}

void StoryMemory::Commit() {
  for (auto& [story, subs] : pending_) Put(story, std::move(subs));
  pending_.clear();
  while (committed_.size() > max_stories_) {
    committed_.erase(lru_.back());
    lru_.pop_back();
  }
}

void StoryMemory::Rollback() { pending_.clear(); }

void StoryMemory::Restore(absl::string_view story,
                          std::vector<std::string> subs) {
  std::string key(story);
  auto it = committed_.find(key);
  if (it != committed_.end()) {
    lru_.erase(it->second.lru);
    committed_.erase(it);
  }
  if (subs.empty()) return;
  lru_.push_front(key);
  committed_.emplace(key, Entry{std::move(subs), lru_.begin()});
  while (committed_.size() > max_stories_) {
    committed_.erase(lru_.back());
    lru_.pop_back();
  }
}

}  // namespace newswire::route
