// The stories of the dedup window: each has an id (its first article's id)
// and a version counter. Provider ids map to stories in the Deduplicator (a
// story may be known under several: one per feed and format that carried it).
//
// Stories are numbered by a dense index that is reused after Free(); ids of
// 16 lowercase hex digits (the ones ingest makes) are stored in 8 bytes.
//
// Example:
//   StoryTable stories;
//   uint32_t s = stories.Create("9f0c3a5e1b2d4c6f", /*root_seq=*/42);
//   stories[s].version++;
//   std::string id = stories.Id(s);
//   stories.Free(s);
//
// Thread-compatible.
#ifndef NEWSWIRE_SERVICES_DEDUP_STORY_TABLE_H_
#define NEWSWIRE_SERVICES_DEDUP_STORY_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::dedup {

struct Story {
  uint64_t hex_id = 0;
  std::unique_ptr<std::string> other_id;  // when the id is not 16 hex digits
  uint64_t root_seq = 0;                  // seq of the story's first document
  uint64_t last_seq = 0;                  // seq of its newest indexed document
  int32_t version = 0;                    // 1, 2, ...; 0 while free
};

class StoryTable {
 public:
  StoryTable() = default;
  StoryTable(const StoryTable&) = delete;
  StoryTable& operator=(const StoryTable&) = delete;

  // A new story at version 1 with last_seq = root_seq.
  uint32_t Create(absl::string_view id, uint64_t root_seq);
  // REQUIRES: in_use(s).
  void Free(uint32_t s);

  bool in_use(uint32_t s) const {
    return s < stories_.size() && stories_[s].version > 0;
  }
  Story& operator[](uint32_t s) { return stories_[s]; }
  const Story& operator[](uint32_t s) const { return stories_[s]; }
  std::string Id(uint32_t s) const;
  void Prefetch(uint32_t s) const {
    if (s < stories_.size()) __builtin_prefetch(&stories_[s]);
  }

  size_t live() const { return stories_.size() - free_.size(); }
  // Heap bytes held.
  size_t bytes() const;

 private:
  std::vector<Story> stories_;
  std::vector<uint32_t> free_;
  size_t other_id_bytes_ = 0;
};

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_STORY_TABLE_H_
