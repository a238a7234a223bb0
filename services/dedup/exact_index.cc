#include "services/dedup/exact_index.h"

namespace newswire::dedup {

void ExactIndex::InsertInto(uint32_t* slots, size_t capacity,
                            uint32_t slot) const {
  const uint64_t h = SpreadOf(slot);
  size_t pos = HomeIn(h, capacity);
  while (slots[pos] != 0) pos = pos + 1 == capacity ? 0 : pos + 1;
  slots[pos] = ((slot + 1) << kTagBits) | Tag(h);
}

void ExactIndex::Grow(size_t capacity) {
  HugeArray fresh(capacity);
  for (size_t pos = 0; pos < capacity_; ++pos) {
    if (slots_[pos] != 0)
      InsertInto(fresh.data(), capacity, SlotOf(slots_[pos]));
  }
  slots_.swap(fresh);
  capacity_ = capacity;
}

void ExactIndex::Reserve(size_t documents) {
  const size_t want = RebuildCapacity(documents);
  if (want > capacity_) Grow(want);
}

void ExactIndex::Insert(uint32_t slot) {
  if (NeedsGrowth(count_, capacity_)) Grow(RebuildCapacity(count_ + 1));
  InsertInto(slots_.data(), capacity_, slot);
  ++count_;
}

void ExactIndex::RemoveAt(size_t i) {
  // Backward-shift deletion: pull later entries of the cluster into the
  // hole unless their home lies cyclically in (hole, their position].
  for (size_t j = Next(i);; j = Next(j)) {
    const uint32_t e = slots_[j];
    if (e == 0) break;
    const size_t k = Home(SpreadOf(SlotOf(e)));
    const bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
    if (stays) continue;
    slots_[i] = e;
    i = j;
  }
  slots_[i] = 0;
}

void ExactIndex::Remove(uint32_t slot) {
  if (capacity_ == 0) return;
  for (size_t pos = Home(SpreadOf(slot)); slots_[pos] != 0; pos = Next(pos)) {
    if (SlotOf(slots_[pos]) == slot) {
      RemoveAt(pos);
      --count_;
      return;
    }
  }
}

void ExactIndex::Purge() {
  if (stale_ == 0) return;
  if (capacity_ > 0) {
    // Sweep from after an empty position, so that no cluster is entered in
    // its middle; a removal pulls later entries back into `pos`, which is
    // then looked at again.
    size_t empty = 0;
    while (slots_[empty] != 0) ++empty;
    size_t pos = Next(empty);
    for (size_t n = 1; n < capacity_;) {
      const uint32_t e = slots_[pos];
      if (e != 0 && Stale(e)) {
        RemoveAt(pos);
        continue;
      }
      ++n;
      pos = Next(pos);
    }
  }
  count_ -= stale_;
  stale_ = 0;
}

}  // namespace newswire::dedup
