#include "services/dedup/doc_store.h"

namespace newswire::dedup {

uint32_t DocStore::Append(uint64_t seq) {
  if (empty()) {
    // Drop the (now unused) chunk map and start over at `seq`.
    for (uint32_t c : chunks_) free_.push_back(c);
    chunks_.clear();
    head_ = tail_ = seq;
    first_chunk_ = seq >> kChunkBits;
  }
  const uint64_t chunk = (tail_ >> kChunkBits) - first_chunk_;
  if (chunk == chunks_.size()) {
    uint32_t c;
    if (!free_.empty()) {
      c = free_.back();
      free_.pop_back();
    } else {
      c = static_cast<uint32_t>(pool_.size());
      pool_.push_back(std::make_unique<Chunk>());
    }
    pool_[c]->first_seq = tail_ & ~static_cast<uint64_t>(kChunkDocs - 1);
    chunks_.push_back(c);
  }
  return SlotOf(tail_++);
}

void DocStore::PopTail() {
  --tail_;
  // Keep the chunk: the next Append reuses it.
}

void DocStore::PopHead() {
  ++head_;
  while (!chunks_.empty() && ((first_chunk_ + 1) << kChunkBits) <= head_) {
    free_.push_back(chunks_.front());
    chunks_.pop_front();
    ++first_chunk_;
  }
}

size_t DocStore::bytes() const {
  return pool_.size() * sizeof(Chunk) + pool_.capacity() * sizeof(void*) +
         free_.capacity() * sizeof(uint32_t) +
         chunks_.size() * sizeof(uint32_t);
}

}  // namespace newswire::dedup
