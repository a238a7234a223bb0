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
  for (int b = 0; b < kBands && capacity_ > 0; ++b) {
    const uint32_t* table = &slots_[static_cast<size_t>(b) * capacity_];
    for (size_t pos = 0; pos < capacity_; ++pos) {
      if (table[pos] != 0)
        InsertInto(&fresh, capacity, b, (table[pos] >> 8) - 1);
    }
  }
  slots_.swap(fresh);
  capacity_ = capacity;
}

void BandIndex::RemoveAt(int band, size_t i) {
  uint32_t* table = &slots_[static_cast<size_t>(band) * capacity_];
  // Backward-shift deletion: pull later entries of the cluster into the
  // hole unless their home lies cyclically in (hole, their position].
  for (size_t j = Next(i);; j = Next(j)) {
    const uint32_t e = table[j];
    if (e == 0) break;
    const size_t k = Home(BandHash(SignatureOf((e >> 8) - 1), band));
    const bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
    if (stays) continue;
    table[i] = e;
    i = j;
  }
  table[i] = 0;
}

void BandIndex::Insert(uint32_t slot) {
  if (static_cast<double>(count_ + 1) > kMaxLoad * capacity_) Grow();
  const uint8_t* sig = SignatureOf(slot);
  for (int b = 0; b < kBands; ++b) {
    const uint64_t h = BandHash(sig, b);
    const uint32_t tag = static_cast<uint32_t>(h & 0xFF);
    uint32_t* table = &slots_[static_cast<size_t>(b) * capacity_];
    // Count the documents with this band value; drop the oldest if full.
    int same = 0;
    size_t oldest_pos = 0;
    uint64_t oldest_seq = 0;
    size_t pos = Home(h);
    for (; table[pos] != 0; pos = Next(pos)) {
      const uint32_t e = table[pos];
      if ((e & 0xFF) != tag) continue;
      const uint32_t other = (e >> 8) - 1;
      if (!SameBand(sig, SignatureOf(other), b)) continue;
      const uint64_t seq = store_->SeqOf(other);
      if (same++ == 0 || seq < oldest_seq) {
        oldest_seq = seq;
        oldest_pos = pos;
      }
    }
    if (same >= kMaxPerValue) {
      drops_.push_back(Drop{b, (table[oldest_pos] >> 8) - 1});
      RemoveAt(b, oldest_pos);
      pos = Home(h);
      while (table[pos] != 0) pos = Next(pos);
    }
    table[pos] = ((slot + 1) << 8) | tag;
  }
  ++count_;
}

void BandIndex::Remove(uint32_t slot) {
  const uint8_t* sig = SignatureOf(slot);
  for (int b = 0; b < kBands; ++b) {
    const uint64_t h = BandHash(sig, b);
    const uint32_t want = ((slot + 1) << 8) | static_cast<uint32_t>(h & 0xFF);
    const uint32_t* table = &slots_[static_cast<size_t>(b) * capacity_];
    for (size_t i = Home(h); table[i] != 0; i = Next(i)) {
      if (table[i] == want) {
        RemoveAt(b, i);
        break;
      }
    }
  }
  --count_;
}

void BandIndex::Rollback() {
  for (auto d = drops_.rbegin(); d != drops_.rend(); ++d) {
    InsertInto(&slots_, capacity_, d->band, d->slot);
  }
  drops_.clear();
}

}  // namespace newswire::dedup
