#include "services/dedup/story_table.h"

#include "absl/strings/numbers.h"
#include "common/text/hash.h"

namespace newswire::dedup {
namespace {

bool ParseHexId(absl::string_view id, uint64_t* v) {
  if (id.size() != 16) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return absl::SimpleHexAtoi(id, v);
}

}  // namespace

uint32_t StoryTable::Create(absl::string_view id, uint64_t root_seq) {
  uint32_t s;
  if (!free_.empty()) {
    s = free_.back();
    free_.pop_back();
  } else {
    s = static_cast<uint32_t>(stories_.size());
    if (stories_.size() == stories_.capacity()) {
      // Grow by a quarter rather than doubling: this table is large.
      stories_.reserve(stories_.size() + stories_.size() / 4 + 256);
      free_.reserve(stories_.capacity());
    }
    stories_.emplace_back();
  }
  Story& st = stories_[s];
  if (!ParseHexId(id, &st.hex_id)) {
    st.other_id = std::make_unique<std::string>(id);
    other_id_bytes_ += sizeof(std::string) + st.other_id->capacity();
  }
  st.root_seq = root_seq;
  st.last_seq = root_seq;
  st.version = 1;
  return s;
}

void StoryTable::Free(uint32_t s) {
  Story& st = stories_[s];
  if (st.other_id) {
    other_id_bytes_ -= sizeof(std::string) + st.other_id->capacity();
  }
  st = Story();
  free_.push_back(s);
}

std::string StoryTable::Id(uint32_t s) const {
  const Story& st = stories_[s];
  return st.other_id ? *st.other_id : FingerprintHex(st.hex_id);
}

size_t StoryTable::bytes() const {
  return stories_.capacity() * sizeof(Story) +
         free_.capacity() * sizeof(uint32_t) + other_id_bytes_;
}

}  // namespace newswire::dedup
