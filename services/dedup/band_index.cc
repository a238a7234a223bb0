#include "services/dedup/band_index.h"

namespace newswire::dedup {

void BandIndex::InsertInto(uint32_t* slots, size_t capacity, int band,
                           uint32_t slot) const {
  const uint64_t h = BandHash(SignatureOf(slot), band);
  const size_t home = HomeIn(h, capacity);
  uint32_t* table = slots + static_cast<size_t>(band) * capacity;
  size_t pos = home, disp = 0;
  for (; table[pos] != 0; ++disp) pos = pos + 1 == capacity ? 0 : pos + 1;
  table[pos] = MakeEntry(slot, Fingerprint(h), disp);
}

void BandIndex::Grow(size_t capacity) {
  HugeArray fresh(capacity * kBands);
  for (int b = 0; b < kBands && capacity_ > 0; ++b) {
    const uint32_t* table = &slots_[static_cast<size_t>(b) * capacity_];
    // Signatures are read in table order, i.e. at random: prefetch ahead.
    constexpr size_t kAhead = 32;
    for (size_t pos = 0; pos < capacity_; ++pos) {
      if (pos + kAhead < capacity_ && table[pos + kAhead] != 0) {
        __builtin_prefetch(SignatureOf(SlotOf(table[pos + kAhead])));
      }
      if (table[pos] != 0) {
        InsertInto(fresh.data(), capacity, b, SlotOf(table[pos]));
      }
    }
  }
  slots_.swap(fresh);
  capacity_ = capacity;
}

void BandIndex::Reserve(size_t documents) {
  const size_t want = RebuildCapacity(documents);
  if (want > capacity_) Grow(want);
}

void BandIndex::RemoveAt(int band, size_t i) {
  uint32_t* table = &slots_[static_cast<size_t>(band) * capacity_];
  // Backward-shift deletion: pull later entries of the cluster into the
  // hole unless their home lies cyclically in (hole, their position].
  for (size_t j = Next(i);; j = Next(j)) {
    const uint32_t e = table[j];
    if (e == 0) break;
    const size_t k = HomeOf(e, j, band);
    const bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
    if (stays) continue;
    table[i] = WithDisp(e, Dist(k, i));
    i = j;
  }
  table[i] = 0;
}

void BandIndex::Insert(uint32_t slot) {
  if (NeedsGrowth(count_, capacity_)) Grow(RebuildCapacity(count_ + 1));
  const uint8_t* sig = SignatureOf(slot);
  size_t homes[kBands];
  uint32_t fps[kBands];
  Homes(sig, homes, fps);
  for (int b = 0; b < kBands; ++b) {
    const size_t home = homes[b];
    uint32_t* table = &slots_[static_cast<size_t>(b) * capacity_];
    // Count the documents with this band value; drop the oldest if full.
    int same = 0;
    size_t oldest_pos = 0;
    uint64_t oldest_seq = 0;
    // The first entry of an evicted document on the probe path: the new
    // entry may take its place (every position from home to it is taken).
    size_t reuse = capacity_;
    uint32_t key = fps[b];
    size_t pos = home;
    for (; table[pos] != 0; pos = Next(pos)) {
      const uint32_t e = table[pos];
      const uint32_t want = key;
      if ((key & kDispMask) != kDispMask) key += 1u << kFpBits;
      if (stale_ > 0 && reuse == capacity_ &&
          store_->SeqOf(SlotOf(e)) < live_from_) {
        reuse = pos;
        continue;
      }
      if ((e & kKeyMask) != want) continue;
      const uint32_t other = SlotOf(e);
      if (!SameBand(sig, SignatureOf(other), b)) continue;
      const uint64_t seq = store_->SeqOf(other);
      if (seq < live_from_) continue;  // evicted, purged later
      if (same++ == 0 || seq < oldest_seq) {
        oldest_seq = seq;
        oldest_pos = pos;
      }
    }
    if (same >= kMaxPerValue) {
      drops_.push_back(Drop{b, SlotOf(table[oldest_pos])});
      RemoveAt(b, oldest_pos);  // moves entries: probe again
      InsertInto(slots_.data(), capacity_, b, slot);
    } else if (reuse != capacity_) {
      table[reuse] = MakeEntry(slot, fps[b], Dist(home, reuse));
    } else {
      table[pos] = MakeEntry(slot, fps[b], Dist(home, pos));
    }
  }
  ++count_;
}

void BandIndex::Remove(uint32_t slot) {
  const uint8_t* sig = SignatureOf(slot);
  size_t homes[kBands];
  uint32_t fps[kBands];
  Homes(sig, homes, fps);
  for (int b = 0; b < kBands; ++b) {
    const uint32_t* table = &slots_[static_cast<size_t>(b) * capacity_];
    for (size_t i = homes[b]; table[i] != 0; i = Next(i)) {
      if (SlotOf(table[i]) == slot) {
        RemoveAt(b, i);
        break;
      }
    }
  }
  --count_;
}

void BandIndex::PurgeTable(int band, const std::vector<uint32_t>& live_offset) {
  uint32_t* table = &slots_[static_cast<size_t>(band) * capacity_];
  const uint32_t* live = live_offset.data();
  const auto stale = [live](uint32_t e) {
    const uint32_t slot = SlotOf(e);
    return e != 0 && (slot & (DocStore::kChunkDocs - 1)) <
                         live[slot >> DocStore::kChunkBits];
  };
  // One forward sweep from after an empty position. Stale entries become
  // holes; each later entry of the cluster moves to the first hole at or
  // after its home (what deleting and reinserting it would do), and its old
  // position becomes a hole. Entries before the sweep position never move.
  std::vector<size_t> holes;  // in sweep order
  size_t empty = 0;
  while (table[empty] != 0) ++empty;
  size_t pos = Next(empty);
  for (size_t left = capacity_ - 1; left > 0;) {
    // Most entries are live: find the next stale one in a tight loop over
    // the positions up to the end of the table.
    const size_t run = std::min(left, capacity_ - pos);
    size_t k = 0;
    while (k < run && !stale(table[pos + k])) ++k;
    left -= k;
    pos += k;
    if (pos == capacity_) pos = 0;
    if (k == run) continue;
    holes.assign(1, pos);
    table[pos] = 0;
    size_t j = Next(pos);
    for (; table[j] != 0; j = Next(j)) {
      const uint32_t e = table[j];
      if (stale(e)) {
        table[j] = 0;
        holes.push_back(j);
        continue;
      }
      const size_t home = HomeOf(e, j, band);
      const size_t displacement = Dist(home, j);
      for (size_t h = 0; h < holes.size(); ++h) {
        if (Dist(holes[h], j) > displacement) continue;  // before its home
        table[holes[h]] = WithDisp(e, Dist(home, holes[h]));
        table[j] = 0;
        holes.erase(holes.begin() + h);
        holes.push_back(j);
        break;
      }
    }
    // Continue after the cluster (`j` is empty).
    left -= std::min(left, Dist(pos, j) + 1);
    pos = Next(j);
  }
}

void BandIndex::Purge() {
  if (stale_ == 0) return;
  if (capacity_ > 0) {
    // Per pool chunk, the offset of its first live document.
    std::vector<uint32_t> live_offset(store_->pool_chunks());
    for (uint32_t c = 0; c < live_offset.size(); ++c) {
      const uint64_t first = store_->SeqOf(c << DocStore::kChunkBits);
      live_offset[c] = live_from_ <= first
                           ? 0
                           : static_cast<uint32_t>(std::min<uint64_t>(
                                 live_from_ - first, DocStore::kChunkDocs));
    }
    for (int b = 0; b < kBands; ++b) PurgeTable(b, live_offset);
  }
  count_ -= stale_;
  stale_ = 0;
}

void BandIndex::Rollback() {
  for (auto d = drops_.rbegin(); d != drops_.rend(); ++d) {
    InsertInto(slots_.data(), capacity_, d->band, d->slot);
  }
  drops_.clear();
}

}  // namespace newswire::dedup
