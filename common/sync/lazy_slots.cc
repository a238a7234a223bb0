#include "common/sync/lazy_slots.h"

namespace newswire {

LazySlots::LazySlots(size_t n) : state_(new std::atomic<uint8_t>[n]), size_(n) {
  for (size_t k = 0; k < n; ++k) {
    state_[k].store(kEmpty, std::memory_order_relaxed);
  }
}

}  // namespace newswire
