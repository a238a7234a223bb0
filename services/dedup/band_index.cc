#include "services/dedup/band_index.h"

#include <algorithm>

#include "common/text/hash.h"

namespace newswire::dedup {
namespace {
// Tables grow past this load and are rebuilt to kRebuildLoad.
constexpr double kMaxLoad = 0.85;
constexpr double kRebuildLoad = 0.65;
constexpr size_t kMinCapacity = 64;
}  // namespace

uint64_t BandIndex::BandHash(const uint8_t* sig, int band) {
  uint64_t v = static_cast<uint64_t>(band + 1) << 32;
  for (int r = 0; r < kRows; ++r) {
    v |= static_cast<uint64_t>(sig[band * kRows + r]) << (8 * r);
  }
  return Mix64(v * 0x9e3779b97f4a7c15ULL);
}

void BandIndex::InsertInto(std::vector<uint32_t>* slots, size_t capacity,
                           int band, uint32_t slot) const {
  const uint64_t h = BandHash(SignatureOf(slot), band);
  uint32_t* table = slots->data() + static_cast<size_t>(band) * capacity;
  size_t pos =
      static_cast<size_t>((static_cast<unsigned __int128>(h) * capacity) >> 64);
  while (table[pos] != 0) pos = pos + 1 == capacity ? 0 : pos + 1;
  table[pos] = ((slot + 1) << 8) | static_cast<uint32_t>(h & 0xFF);
}

void BandIndex::Grow() {
  size_t capacity = std::max(
      kMinCapacity, static_cast<size_t>((count_ + 1) / kRebuildLoad) + 1);
  std::vector<uint32_t> fresh(capacity * kBands, 0);
  if (capacity_ > 0) {
    // Every document is in every band, so band 0 lists them all.
    for (size_t pos = 0; pos < capacity_; ++pos) {
      const uint32_t e = slots_[pos];
      if (e == 0) continue;
      for (int b = 0; b < kBands; ++b) {
        InsertInto(&fresh, capacity, b, (e >> 8) - 1);
      }
    }
  }
  slots_.swap(fresh);
  capacity_ = capacity;
}

void BandIndex::Insert(uint32_t slot) {
  if (static_cast<double>(count_ + 1) > kMaxLoad * capacity_) Grow();
  for (int b = 0; b < kBands; ++b) InsertInto(&slots_, capacity_, b, slot);
  ++count_;
}

void BandIndex::Remove(uint32_t slot) {
  const uint8_t* sig = SignatureOf(slot);
  for (int b = 0; b < kBands; ++b) {
    const uint64_t h = BandHash(sig, b);
    const uint32_t want = ((slot + 1) << 8) | static_cast<uint32_t>(h & 0xFF);
    uint32_t* table = &slots_[static_cast<size_t>(b) * capacity_];
    size_t i = Home(h);
    while (table[i] != want) {
      if (table[i] == 0) return;  // not indexed: nothing to remove
      i = Next(i);
    }
    // Backward-shift deletion: pull later entries of the cluster into the
    // hole unless their home lies cyclically in (hole, their position].
    for (size_t j = Next(i);; j = Next(j)) {
      const uint32_t e = table[j];
      if (e == 0) break;
      const size_t k = Home(BandHash(SignatureOf((e >> 8) - 1), b));
      const bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
      if (stays) continue;
      table[i] = e;
      i = j;
    }
    table[i] = 0;
  }
  --count_;
}

}  // namespace newswire::dedup
