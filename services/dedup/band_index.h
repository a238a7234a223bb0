// The LSH band index: for each of kBands bands of kRows signature bytes, an
// open-addressing table from the band's value to the documents that have it.
//
// Entries are 4 bytes: a document slot, the entry's distance from its home
// position (saturating at kMaxDisp) and a 4-bit fingerprint of the band
// value. A lookup reads a candidate's signature (a random cache miss into
// the DocStore) only when both its home and its fingerprint match, so
// entries that merely share a cluster cost nothing; the band value itself is
// compared against the signature. Moving an entry needs its home, which the
// distance gives without reading the signature unless it saturated. Linear
// probing, removal leaves no tombstones; the tables grow by rebuilding at 85%
// load.
//
// A band value shared by many documents (boilerplate: "told reporters in",
// agency trailers) says little and would make every lookup read them all,
// so each band value keeps only its kMaxPerValue newest documents (by seq).
// That set depends only on which documents are indexed, not on the order of
// past inserts and removals nor on the tables' size, so a rebuilt index
// finds the same candidates. Drops since the last Commit() are undone by
// Rollback().
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

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "services/dedup/doc_store.h"
#include "services/dedup/huge_pages.h"
#include "services/dedup/table_sizing.h"
#include "services/dedup/text_features.h"

namespace newswire::dedup {

class BandIndex {
 public:
  static constexpr int kBands = 20;
  static constexpr int kRows = 3;
  static_assert(kBands * kRows <= kSignatureSize, "bands exceed signature");
  // An entry: bits [0, 4) fingerprint of the band value, [4, 10) distance
  // from home (kMaxDisp: that far or farther), [10, 32) slot + 1 (0: empty).
  static constexpr int kFpBits = 4;
  static constexpr int kDispBits = 6;
  static constexpr int kSlotShift = kFpBits + kDispBits;
  static constexpr uint32_t kFpMask = (1u << kFpBits) - 1;
  static constexpr uint32_t kMaxDisp = (1u << kDispBits) - 1;
  static constexpr uint32_t kDispMask = kMaxDisp << kFpBits;
  static constexpr uint32_t kKeyMask = kDispMask | kFpMask;
  // Largest slot number an entry can hold (22 bits minus the empty marker).
  static constexpr uint32_t kMaxSlot = (1u << (32 - kSlotShift)) - 2;
  // Documents kept per band value (the newest).
  static constexpr int kMaxPerValue = 4;

  // `store` must outlive the index.
  explicit BandIndex(const DocStore* store) : store_(store) {}

  // REQUIRES: slot <= kMaxSlot, not already indexed, and newer (by seq)
  // than every indexed document.
  void Insert(uint32_t slot);
  // Removes every entry of `slot` (there may be none).
  void Remove(uint32_t slot);
  // Sizes the tables for `documents` at once (never shrinks them), so that
  // inserting that many does not rebuild them on the way.
  void Reserve(size_t documents);
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
    uint32_t fps[kBands];
    Homes(sig, homes, fps);
    // Entries whose home and fingerprint match hold the same band value
    // (or collide on both); their signatures are far apart in memory, so
    // collect them all first and prefetch, then compare.
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
      const uint32_t* table = &slots_[static_cast<size_t>(b) * capacity_];
      // The key an entry of this value has at distance d from home.
      uint32_t key = fps[b];
      for (size_t pos = homes[b];; pos = Next(pos)) {
        const uint32_t e = table[pos];
        if (e == 0) break;
        if ((e & kKeyMask) == key) {
          if (count == kMaxPending) flush();
          pending[count] = SlotOf(e);
          pending_band[count] = static_cast<uint8_t>(b);
          __builtin_prefetch(SignatureOf(pending[count]));
          ++count;
        }
        if ((key & kDispMask) != kDispMask) key += 1u << kFpBits;
      }
    }
    flush();
  }

  // The home of band `band` of `sig` in a table of `capacity` positions,
  // and the current capacity (for tests that build long clusters).
  static size_t HomeFor(const uint8_t* sig, int band, size_t capacity) {
    return HomeIn(BandHash(sig, band), capacity);
  }
  size_t capacity() const { return capacity_; }

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
  static uint32_t Fingerprint(uint64_t h) {
    // The home comes from the high bits (HomeIn), this from the low ones.
    return static_cast<uint32_t>(h) & kFpMask;
  }
  // Homes and fingerprints of every band of `sig`, with the homes' table
  // lines prefetched: the tables are far larger than the caches, so the
  // misses overlap.
  void Homes(const uint8_t* sig, size_t* homes, uint32_t* fps) const {
    for (int b = 0; b < kBands; ++b) {
      const uint64_t h = BandHash(sig, b);
      homes[b] = Home(h);
      fps[b] = Fingerprint(h);
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
  static uint32_t MakeEntry(uint32_t slot, uint32_t fp, size_t disp) {
    return ((slot + 1) << kSlotShift) | WithDisp(fp, disp);
  }
  // `e` with its distance from home set to `disp`.
  static uint32_t WithDisp(uint32_t e, size_t disp) {
    return (e & ~kDispMask) |
           (static_cast<uint32_t>(std::min<size_t>(disp, kMaxDisp)) << kFpBits);
  }
  static uint32_t SlotOf(uint32_t e) { return (e >> kSlotShift) - 1; }
  // Distance from `from` forward to `to` in a table of capacity_.
  size_t Dist(size_t from, size_t to) const {
    return to >= from ? to - from : to + capacity_ - from;
  }
  // The home of entry `e` of `band` found at `pos`: from its distance, or
  // from its signature when the distance saturated.
  size_t HomeOf(uint32_t e, size_t pos, int band) const {
    const size_t d = (e & kDispMask) >> kFpBits;
    if (d == kMaxDisp) return Home(BandHash(SignatureOf(SlotOf(e)), band));
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
  // Rebuilds the tables with `capacity` positions each.
  void Grow(size_t capacity);

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
