// Sizing and hashing rules shared by the dedup index's open-addressing
// tables (BandIndex, ExactIndex): linear probing between 70 % and 85 % load,
// rebuilt when an insert would pass 85 %, positions from the high bits of a
// 64-bit hash (multiply-shift), so the low bits are free for tags.
//
// Example:
//   if (NeedsGrowth(count, capacity)) Grow(RebuildCapacity(count + 1));
//   size_t home = HomeIn(hash, capacity);
//
// Pure functions, thread-safe.
#ifndef NEWSWIRE_SERVICES_DEDUP_TABLE_SIZING_H_
#define NEWSWIRE_SERVICES_DEDUP_TABLE_SIZING_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace newswire::dedup {

inline constexpr double kTableMaxLoad = 0.85;
inline constexpr double kTableRebuildLoad = 0.70;
inline constexpr size_t kTableMinCapacity = 256;

// Whether one more entry would take a table of `capacity` holding `entries`
// past its maximum load.
inline bool NeedsGrowth(size_t entries, size_t capacity) {
  return static_cast<double>(entries + 1) > kTableMaxLoad * capacity;
}

// The capacity that holds `entries` at the rebuild load.
inline size_t RebuildCapacity(size_t entries) {
  return std::max(static_cast<size_t>(entries / kTableRebuildLoad) + 1,
                  kTableMinCapacity);
}

// The position of hash `h` in a table of `capacity` positions.
inline size_t HomeIn(uint64_t h, size_t capacity) {
  return static_cast<size_t>((static_cast<unsigned __int128>(h) * capacity) >>
                             64);
}

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_TABLE_SIZING_H_
