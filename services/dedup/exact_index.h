// Exact-copy lookup for the dedup window: an open-addressing table from the
// exact hash of an article's normalized text to the documents that have it.
//
// The LSH band tables keep only the newest few documents per band value, so
// an article with several newer versions (reordered, lightly edited) can
// drop out of every band; its exact copy must still be an EXACT_DUPLICATE.
// This table holds every indexed document and answers by the hash alone.
//
// Entries are 4 bytes: the slot + 1 (22 bits) and a 10-bit tag of the hash.
// The hash (the low 32 bits kept in DocMeta::exact_hash) is read from the
// store only for entries whose tag matches, and to find an entry's home when
// entries move. Linear probing, backward-shift removal; evicted documents
// leave lazily, like BandIndex's (Evicted(), then Purge()).
//
// Example:
//   ExactIndex exact(&store);
//   exact.Insert(slot);  // after filling store.meta(slot)
//   exact.ForEachMatch(hash32, [](uint32_t slot) { ... });
//
// Thread-compatible. The meta of a slot must not change while it is indexed.
#ifndef NEWSWIRE_SERVICES_DEDUP_EXACT_INDEX_H_
#define NEWSWIRE_SERVICES_DEDUP_EXACT_INDEX_H_

#include <cstddef>
#include <cstdint>

#include "services/dedup/doc_store.h"
#include "services/dedup/huge_pages.h"
#include "services/dedup/table_sizing.h"

namespace newswire::dedup {

class ExactIndex {
 public:
  static constexpr int kTagBits = 10;
  static constexpr uint32_t kTagMask = (1u << kTagBits) - 1;
  // Largest slot number an entry can hold.
  static constexpr uint32_t kMaxSlot = (1u << (32 - kTagBits)) - 2;

  // `store` must outlive the index.
  explicit ExactIndex(const DocStore* store) : store_(store) {}

  // REQUIRES: slot <= kMaxSlot and not indexed.
  void Insert(uint32_t slot);
  // Removes the entry of `slot` (there may be none).
  void Remove(uint32_t slot);
  // Lazy eviction, as BandIndex::Evicted(): the documents with seq <
  // `live_from` are no longer indexed (ForEachMatch may still report them
  // until Purge(); callers check the seq); `docs` of them since last time.
  void Evicted(uint64_t live_from, size_t docs) {
    live_from_ = live_from;
    stale_ += docs;
  }
  // Removes the evicted documents' entries.
  void Purge();
  // Sizes the table for `documents` at once (never shrinks it).
  void Reserve(size_t documents);

  // Starts loading the table line a ForEachMatch(hash32) reads first.
  void Prefetch(uint32_t hash32) const {
    if (capacity_ > 0) __builtin_prefetch(&slots_[Home(Spread(hash32))]);
  }

  // Calls fn(slot) for every indexed slot whose DocMeta::exact_hash is
  // `hash32`.
  template <typename Fn>
  void ForEachMatch(uint32_t hash32, Fn&& fn) const {
    if (capacity_ == 0) return;
    const uint64_t h = Spread(hash32);
    const uint32_t tag = Tag(h);
    for (size_t pos = Home(h);; pos = Next(pos)) {
      const uint32_t e = slots_[pos];
      if (e == 0) break;
      if ((e & kTagMask) == tag &&
          store_->meta(SlotOf(e)).exact_hash == hash32) {
        fn(SlotOf(e));
      }
    }
  }

  // Documents with entries (evicted ones until Purge()).
  size_t size() const { return count_; }
  // Heap bytes held.
  size_t bytes() const { return slots_.size() * sizeof(uint32_t); }

 private:
  static uint64_t Spread(uint32_t hash32) {
    uint64_t v = hash32 * 0x9e3779b97f4a7c15ULL;
    return v ^ (v >> 29);
  }
  // The tag comes from the low bits, the home from the high ones.
  static uint32_t Tag(uint64_t h) {
    return static_cast<uint32_t>(h) & kTagMask;
  }
  size_t Home(uint64_t h) const { return HomeIn(h, capacity_); }
  static uint32_t SlotOf(uint32_t e) { return (e >> kTagBits) - 1; }
  uint64_t SpreadOf(uint32_t slot) const {
    return Spread(store_->meta(slot).exact_hash);
  }
  size_t Next(size_t pos) const { return pos + 1 == capacity_ ? 0 : pos + 1; }
  // Places `slot` in `slots` of `capacity` positions.
  void InsertInto(uint32_t* slots, size_t capacity, uint32_t slot) const;
  // Removes the entry at `pos` (backward shift).
  void RemoveAt(size_t pos);
  // Rebuilds the table with `capacity` positions.
  void Grow(size_t capacity);
  bool Stale(uint32_t e) const { return store_->SeqOf(SlotOf(e)) < live_from_; }

  const DocStore* const store_;
  HugeArray slots_;
  size_t capacity_ = 0;
  size_t count_ = 0;        // documents with entries, evicted ones included
  uint64_t live_from_ = 0;  // documents below this seq are evicted
  size_t stale_ = 0;        // evicted documents not purged yet
};

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_EXACT_INDEX_H_
