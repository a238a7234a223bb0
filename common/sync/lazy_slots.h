// Per-slot states for a table that is filled lazily: the first thread that
// needs slot k computes its contents, every later reader uses them without a
// lock. The caller owns the contents (an array beside this object); this
// class only says which slots are safe to read and which thread may write.
//
// Protocol for slot k:
//   if (slots.Ready(k)) -> read the contents (the acquire in Ready makes the
//                          filling thread's writes visible);
//   else if (slots.Claim(k)) -> write the contents, then Publish(k);
//   else -> another thread is writing them now: compute a private copy (or
//           wait), never read or write the shared contents.
// Exactly one Claim(k) returns true over the object's life, so the contents
// are written once.
//
// Example (a cache of per-word blocks):
//   const float* Block(uint32_t k) const {
//     float* b = &cache_[k * kBlock];
//     if (slots_.Ready(k)) return b;
//     if (!slots_.Claim(k)) return nullptr;  // being filled: caller computes
//     Fill(k, b);
//     slots_.Publish(k);
//     return b;
//   }
//
// Thread-safety: Ready, Claim and Publish may be called concurrently from
// any threads; construction, MarkReady before sharing, and moves may not.
// Errors: none; an index out of range is a programming error (checked in
// debug builds).
#ifndef NEWSWIRE_COMMON_SYNC_LAZY_SLOTS_H_
#define NEWSWIRE_COMMON_SYNC_LAZY_SLOTS_H_

#include <atomic>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace newswire {

class LazySlots {
 public:
  LazySlots() = default;
  // `n` slots, all empty.
  explicit LazySlots(size_t n);

  LazySlots(LazySlots&&) = default;
  LazySlots& operator=(LazySlots&&) = default;

  size_t size() const { return size_; }

  // True once slot k was published (or marked ready); its contents may be
  // read after a true.
  bool Ready(size_t k) const {
    assert(k < size_);
    return state_[k].load(std::memory_order_acquire) == kReady;
  }

  // True for the one caller that may now write slot k's contents and must
  // then call Publish(k); false if the slot is ready or being written.
  bool Claim(size_t k) {
    assert(k < size_);
    uint8_t expected = kEmpty;
    return state_[k].compare_exchange_strong(expected, kFilling,
                                             std::memory_order_acquire);
  }

  // Makes the claimed slot's contents visible to Ready() callers.
  void Publish(size_t k) {
    assert(k < size_);
    state_[k].store(kReady, std::memory_order_release);
  }

  // Marks slot k ready without a claim: for contents written before the
  // table is shared with other threads.
  void MarkReady(size_t k) {
    assert(k < size_);
    state_[k].store(kReady, std::memory_order_relaxed);
  }

 private:
  static constexpr uint8_t kEmpty = 0, kFilling = 1, kReady = 2;
  std::unique_ptr<std::atomic<uint8_t>[]> state_;
  size_t size_ = 0;
};

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_SYNC_LAZY_SLOTS_H_
