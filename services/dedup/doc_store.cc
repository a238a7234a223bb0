#include "services/dedup/doc_store.h"

#include "services/dedup/huge_pages.h"

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
      c = NewChunk();
    }
    first_seq_[c] = tail_ & ~static_cast<uint64_t>(kChunkDocs - 1);
    chunks_.push_back(c);
  }
  return SlotOf(tail_++);
}

DocStore::~DocStore() {
  for (const auto& [block, bytes] : blocks_) FreeHuge(block, bytes);
}

uint32_t DocStore::NewChunk() {
  const auto c = static_cast<uint32_t>(pool_.size());
  const size_t n = pool_.size() < kSlabFrom ? 1 : kSlabChunks;
  static_assert(kSlabChunks * sizeof(Chunk) % (size_t{2} << 20) == 0,
                "a slab is whole huge pages");
  void* block = AllocateHuge(n * sizeof(Chunk));
  blocks_.emplace_back(block, n * sizeof(Chunk));
  for (size_t i = 0; i < n; ++i) {
    pool_.push_back(static_cast<Chunk*>(block) + i);
    first_seq_.push_back(0);
  }
  // Hand out the lowest first; the rest are free.
  for (size_t i = n - 1; i >= 1; --i) free_.push_back(c + i);
  return c;
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
  return pool_.size() * sizeof(Chunk) +
         pool_.capacity() * (sizeof(void*) + sizeof(uint64_t)) +
         blocks_.capacity() * sizeof(blocks_[0]) +
         free_.capacity() * sizeof(uint32_t) +
         chunks_.size() * sizeof(uint32_t);
}

}  // namespace newswire::dedup
