// The LSH band index: for each of kBands bands of kRows signature bytes, an
// open-addressing table from the band's value to the documents that have it.
//
// Entries are 4 bytes: a document slot and the low 10 bits of the entry's
// home position. The tag filters probes, and within the first 1024 slots of
// a cluster it gives back the home, so backward-shift deletion needs no
// signature reads (beyond that it reads the signature). The band value itself
// is read back from the document's signature in the DocStore. Linear probing,
// removal leaves no tombstones; the tables grow by rebuilding at 85% load.
//
// A band value shared by many documents (boilerplate: "told reporters in",
// agency trailers) says little and would make every lookup scan them all, so
// each band value keeps only its kMaxPerValue newest documents (by seq). That
// set depends only on which documents are indexed, not on the order of past
// inserts and removals, so a rebuilt index finds the same candidates. Drops
// since the last Commit() are undone by Rollback().
//
// Example:
//   DocStore store;
//   BandIndex bands(&store);
//   bands.Insert(slot);  // after filling store.signature(slot)
//   bands.ForEachCandidate(sig, [](uint32_t slot) { ... });
//
// Thread-compatible. The signature of a slot must not change while the slot
// is indexed.
#ifndef NEWSWIRE_SERVICES_DEDUP_BAND_INDEX_H_
#define NEWSWIRE_SERVICES_DEDUP_BAND_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "services/dedup/doc_store.h"
#include "services/dedup/text_features.h"

namespace newswire::dedup {

// A zeroed array of uint32_t that asks the kernel for transparent huge pages
// when large: the band tables are read at random, and with 4 KiB pages
// nearly every lookup would also miss the TLB.
class HugeArray {
 public:
  HugeArray() = default;
  explicit HugeArray(size_t size);
  HugeArray(HugeArray&& other) noexcept { swap(other); }
  HugeArray& operator=(HugeArray&& other) noexcept {
    swap(other);
    return *this;
  }
  ~HugeArray();
  void swap(HugeArray& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
  }
  uint32_t& operator[](size_t i) { return data_[i]; }
  const uint32_t& operator[](size_t i) const { return data_[i]; }
  uint32_t* data() { return data_; }
  size_t size() const { return size_; }

 private:
  uint32_t* data_ = nullptr;
  size_t size_ = 0;
};

class BandIndex {
 public:
  static constexpr int kBands = 20;
  static constexpr int kRows = 3;
  static_assert(kBands * kRows <= kSignatureSize, "bands exceed signature");
  // Bits of an entry holding the low bits of its home position.
  static constexpr int kTagBits = 10;
  static constexpr uint32_t kTagMask = (1u << kTagBits) - 1;
  // Largest slot number an entry can hold (22 bits minus the empty marker).
  static constexpr uint32_t kMaxSlot = (1u << (32 - kTagBits)) - 2;
  // Documents kept per band value (the newest).
  static constexpr int kMaxPerValue = 16;

  // `store` must outlive the index.
  explicit BandIndex(const DocStore* store) : store_(store) {}

  // REQUIRES: slot <= kMaxSlot, not already indexed, and newer (by seq)
  // than every indexed document.
  void Insert(uint32_t slot);
  // Removes every entry of `slot` (there may be none).
  void Remove(uint32_t slot);
  // Lazy eviction: the documents with seq < `live_from` are no longer
  // indexed; `docs` of them were evicted since the last call. Their entries
  // stay in the tables until Purge() (ForEachCandidate may still report
  // them: callers check the seq), Insert() no longer counts them against
  // kMaxPerValue, and their slots must not be reused before Purge().
  void Evicted(uint64_t live_from, size_t docs) {
    live_from_ = live_from;
    stale_ += docs;
  }
  // Removes the entries of every evicted document in one sequential sweep of
  // the tables: far cheaper per document than Remove(), which touches 20
  // random cache lines.
  void Purge();
  // Documents evicted but not purged yet.
  size_t stale() const { return stale_; }
  // Forgets the drops since the last Commit()/Rollback().
  void Commit() { drops_.clear(); }
  // Puts back the entries that Insert() dropped since the last Commit().
  // Call before removing the documents inserted since then.
  void Rollback();

  // Calls fn(slot) for every indexed slot whose signature equals `sig` in at
  // least one band (once per matching band).
  template <typename Fn>
  void ForEachCandidate(const uint8_t* sig, Fn&& fn) const {
    if (capacity_ == 0) return;
    size_t homes[kBands];
    Homes(sig, homes);
    // Entries whose home matches hold the same band value or collide on
    // the home; their signatures are far apart in memory, so collect them
    // all first and prefetch, then compare.
    constexpr int kMaxPending = 256;
    uint32_t pending[kMaxPending];
    uint8_t pending_band[kMaxPending];
    int count = 0;
    const auto flush = [&]() {
      for (int i = 0; i < count; ++i) {
        if (SameBand(sig, SignatureOf(pending[i]), pending_band[i])) {
          fn(pending[i]);
        }
      }
      count = 0;
    };
    for (int b = 0; b < kBands; ++b) {
      const size_t home = homes[b];
      const uint32_t tag = static_cast<uint32_t>(home & kTagMask);
      const uint32_t* table = &slots_[static_cast<size_t>(b) * capacity_];
      for (size_t pos = home;; pos = Next(pos)) {
        const uint32_t e = table[pos];
        if (e == 0) break;
        if ((e & kTagMask) != tag) continue;
        if (count == kMaxPending) flush();
        pending[count] = SlotOf(e);
        pending_band[count] = static_cast<uint8_t>(b);
        __builtin_prefetch(SignatureOf(pending[count]));
        ++count;
      }
    }
    flush();
  }

  // Documents with entries in the tables (evicted ones until Purge()).
  size_t size() const { return count_; }
  // Heap bytes held.
  size_t bytes() const {
    return slots_.size() * sizeof(uint32_t) + drops_.capacity() * sizeof(Drop);
  }

 private:
  // A well-mixed hash of band `band` of `sig` (inline: it runs 60 times per
  // article).
  static uint64_t BandHash(const uint8_t* sig, int band) {
    uint64_t v = static_cast<uint64_t>(band + 1) << 32;
    for (int r = 0; r < kRows; ++r) {
      v |= static_cast<uint64_t>(sig[band * kRows + r]) << (8 * r);
    }
    v *= 0x9e3779b97f4a7c15ULL;
    v ^= v >> 31;
    v *= 0xbf58476d1ce4e5b9ULL;
    return v ^ (v >> 29);
  }
  // Homes of every band of `sig`, with their table lines prefetched: the
  // tables are far larger than the caches, so the misses overlap.
  void Homes(const uint8_t* sig, size_t* homes) const {
    for (int b = 0; b < kBands; ++b) {
      homes[b] = Home(BandHash(sig, b));
      __builtin_prefetch(
          &slots_[static_cast<size_t>(b) * capacity_ + homes[b]]);
    }
  }
  static bool SameBand(const uint8_t* a, const uint8_t* b, int band) {
    const int o = band * kRows;
    for (int r = 0; r < kRows; ++r) {
      if (a[o + r] != b[o + r]) return false;
    }
    return true;
  }
  const uint8_t* SignatureOf(uint32_t slot) const {
    return store_->signature(slot);
  }
  size_t Home(uint64_t h) const { return HomeIn(h, capacity_); }
  static size_t HomeIn(uint64_t h, size_t capacity) {
    return static_cast<size_t>((static_cast<unsigned __int128>(h) * capacity) >>
                               64);
  }
  static uint32_t MakeEntry(uint32_t slot, size_t home) {
    return ((slot + 1) << kTagBits) | static_cast<uint32_t>(home & kTagMask);
  }
  static uint32_t SlotOf(uint32_t e) { return (e >> kTagBits) - 1; }
  // The home of the entry `e` found at `pos`, given that it is less than
  // kTagMask + 1 slots away (capacity_ is a multiple of kTagMask + 1).
  size_t HomeOf(uint32_t e, size_t pos) const {
    const size_t d = (pos - (e & kTagMask)) & kTagMask;
    return pos >= d ? pos - d : pos + capacity_ - d;
  }
  size_t Next(size_t pos) const { return pos + 1 == capacity_ ? 0 : pos + 1; }
  // Places `slot` in `band` of `slots`.
  void InsertInto(uint32_t* slots, size_t capacity, int band,
                  uint32_t slot) const;
  // Removes the entry at `pos` of `band`'s table (backward shift).
  void RemoveAt(int band, size_t pos);
  // Purge() of one band's table, given the first live offset of each chunk.
  void PurgeTable(int band, const std::vector<uint32_t>& live_offset);
  // Rebuilds the tables with room for at least `min_capacity` entries.
  void Grow(size_t min_capacity);
  size_t Prev(size_t pos) const { return pos == 0 ? capacity_ - 1 : pos - 1; }

  const DocStore* const store_;
  HugeArray slots_;  // kBands tables of capacity_ entries
  size_t capacity_ = 0;
  size_t count_ = 0;        // documents with entries, evicted ones included
  uint64_t live_from_ = 0;  // documents below this seq are evicted
  size_t stale_ = 0;        // evicted documents not purged yet
  struct Drop {
    int band;
    uint32_t slot;
  };
  std::vector<Drop> drops_;
};

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_BAND_INDEX_H_
