// Memory for the dedup index's large, randomly read arrays, on transparent
// huge pages where the kernel allows them.
//
// The band tables and the document store are read at random, one cache line
// per candidate; with 4 KiB pages nearly every such read would also miss
// the TLB and walk the page tables. Blocks of at least 2 MiB are mapped
// directly (aligned to 2 MiB, marked MADV_HUGEPAGE before they are touched,
// so the first touch faults in a huge page); smaller ones come from malloc.
//
// Example:
//   HugeArray table(1 << 20);  // zeroed
//   table[5] = 7;
//
// Thread-compatible. Out of memory aborts (the index cannot continue
// without its tables).
#ifndef NEWSWIRE_SERVICES_DEDUP_HUGE_PAGES_H_
#define NEWSWIRE_SERVICES_DEDUP_HUGE_PAGES_H_

#include <cstddef>
#include <cstdint>
#include <utility>

namespace newswire::dedup {

// Returns `bytes` of zeroed memory; release with FreeHuge(p, bytes).
void* AllocateHuge(size_t bytes);
void FreeHuge(void* p, size_t bytes);
// Bytes currently mapped by AllocateHuge() outside malloc (whole huge
// pages), for memory accounting next to mallinfo2(). Thread-safe.
size_t HugeBytesMapped();

// A zeroed array of uint32_t on huge pages when large.
class HugeArray {
 public:
  HugeArray() = default;
  explicit HugeArray(size_t size)
      : data_(static_cast<uint32_t*>(AllocateHuge(size * sizeof(uint32_t)))),
        size_(size) {}
  HugeArray(HugeArray&& other) noexcept { swap(other); }
  HugeArray& operator=(HugeArray&& other) noexcept {
    swap(other);
    return *this;
  }
  ~HugeArray() { FreeHuge(data_, size_ * sizeof(uint32_t)); }
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

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_HUGE_PAGES_H_
