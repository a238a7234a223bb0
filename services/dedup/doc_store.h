// Storage for the indexed documents of the dedup window, in arrival order.
//
// Documents are numbered by a sequence number (seq) and stored in chunks of
// kChunkDocs from a pool; a document's slot (chunk * kChunkDocs + offset)
// never changes while it is stored, so the band index can refer to it by
// slot. Chunks are returned to the pool when the head passes them, so memory
// follows the window size without copying.
//
// Example:
//   DocStore store;
//   uint32_t slot = store.Append(seq);
//   std::copy_n(sig, kSignatureSize, store.signature(slot));
//   store.meta(slot).story = 7;
//   store.PopHead();  // oldest first
//
// Thread-compatible.
#ifndef NEWSWIRE_SERVICES_DEDUP_DOC_STORE_H_
#define NEWSWIRE_SERVICES_DEDUP_DOC_STORE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <utility>
#include <vector>

#include "services/dedup/text_features.h"

namespace newswire::dedup {

// What the index keeps about one document besides its signature (32 bytes).
struct DocMeta {
  std::array<uint64_t, 2> key_bits;
  uint32_t exact_hash;  // low half; the ExactIndex key
  uint32_t time;        // seconds since the epoch, clamped to 32 bits
  uint32_t story;       // index into the story table
  uint32_t features;
};

class DocStore {
 public:
  static constexpr uint32_t kChunkBits = 10;
  static constexpr uint32_t kChunkDocs = 1u << kChunkBits;

  DocStore() = default;
  ~DocStore();
  DocStore(const DocStore&) = delete;
  DocStore& operator=(const DocStore&) = delete;

  // Stores a new document at the tail; `seq` must be tail() unless the
  // store is empty, in which case it becomes head() and tail(). Returns its
  // slot; its signature and meta are for the caller to fill.
  uint32_t Append(uint64_t seq);
  // Forgets the newest document. REQUIRES: !empty().
  void PopTail();
  // Forgets the oldest document. REQUIRES: !empty().
  void PopHead();

  bool empty() const { return head_ == tail_; }
  uint64_t head() const { return head_; }  // oldest stored seq
  uint64_t tail() const { return tail_; }  // one past the newest
  uint64_t size() const { return tail_ - head_; }

  // REQUIRES: head() <= seq < tail().
  uint32_t SlotOf(uint64_t seq) const {
    const uint64_t chunk = (seq >> kChunkBits) - first_chunk_;
    return (chunks_[chunk] << kChunkBits) |
           static_cast<uint32_t>(seq & (kChunkDocs - 1));
  }
  // The seq stored in `slot`. REQUIRES: slot is in use.
  uint64_t SeqOf(uint32_t slot) const {
    return first_seq_[slot >> kChunkBits] + (slot & (kChunkDocs - 1));
  }
  const uint8_t* signature(uint32_t slot) const {
    return pool_[slot >> kChunkBits]->signatures +
           static_cast<size_t>(slot & (kChunkDocs - 1)) * kSignatureSize;
  }
  uint8_t* signature(uint32_t slot) {
    return pool_[slot >> kChunkBits]->signatures +
           static_cast<size_t>(slot & (kChunkDocs - 1)) * kSignatureSize;
  }
  const DocMeta& meta(uint32_t slot) const {
    return pool_[slot >> kChunkBits]->meta[slot & (kChunkDocs - 1)];
  }
  DocMeta& meta(uint32_t slot) {
    return pool_[slot >> kChunkBits]->meta[slot & (kChunkDocs - 1)];
  }

  // Slots are below pool_chunks() << kChunkBits; SeqOf() of a slot in a
  // chunk not in use is meaningless.
  uint32_t pool_chunks() const { return static_cast<uint32_t>(pool_.size()); }

  // Heap bytes held.
  size_t bytes() const;

 private:
  // 96 KiB: small enough that a small window wastes little on its partly
  // filled first and last chunks; 64 fill 3 huge pages exactly.
  struct Chunk {
    uint8_t signatures[kChunkDocs * kSignatureSize];
    DocMeta meta[kChunkDocs];
  };
  // Past this many chunks (256k documents) new chunks come 64 at a time in
  // a slab on transparent huge pages (huge_pages.h): candidate signatures
  // are read at random.
  static constexpr size_t kSlabFrom = 256;
  static constexpr size_t kSlabChunks = 64;
  // Adds chunks to the pool (and all but one to free_); returns the one.
  uint32_t NewChunk();

  std::vector<Chunk*> pool_;
  std::vector<uint64_t> first_seq_;  // per pool chunk
  // What pool_ was allocated in (owned), with the sizes.
  std::vector<std::pair<void*, size_t>> blocks_;
  std::vector<uint32_t> free_;
  // Pool chunk of each chunk number from first_chunk_ on.
  std::deque<uint32_t> chunks_;
  uint64_t first_chunk_ = 0;
  uint64_t head_ = 0, tail_ = 0;
};

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_DOC_STORE_H_
