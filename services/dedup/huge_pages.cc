#include "services/dedup/huge_pages.h"

#include <sys/mman.h>

#include <atomic>
#include <cstdlib>

namespace newswire::dedup {
namespace {
constexpr size_t kHugePage = size_t{2} << 20;
std::atomic<size_t> mapped{0};
size_t Rounded(size_t bytes) {
  return (bytes + kHugePage - 1) / kHugePage * kHugePage;
}
}  // namespace

size_t HugeBytesMapped() { return mapped.load(std::memory_order_relaxed); }

void* AllocateHuge(size_t bytes) {
  if (bytes == 0) return nullptr;
  if (bytes < kHugePage) {
    void* p = std::calloc(1, bytes);
    if (p == nullptr) std::abort();  // out of memory
    return p;
  }
  // Map one huge page more than asked, keep the 2 MiB-aligned part and
  // unmap the rest. Fresh anonymous memory reads as zero.
  const size_t rounded = Rounded(bytes);
  void* raw = mmap(nullptr, rounded + kHugePage, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) std::abort();  // out of memory
  char* const base = static_cast<char*>(raw);
  const size_t head =
      (kHugePage - reinterpret_cast<uintptr_t>(raw) % kHugePage) % kHugePage;
  char* const p = base + head;
  if (head > 0) munmap(base, head);
  munmap(p + rounded, kHugePage - head);  // head < kHugePage
  madvise(p, rounded, MADV_HUGEPAGE);     // a hint: failure is harmless
  mapped.fetch_add(rounded, std::memory_order_relaxed);
  return p;
}

void FreeHuge(void* p, size_t bytes) {
  if (p == nullptr) return;
  if (bytes < kHugePage) {
    std::free(p);
    return;
  }
  munmap(p, Rounded(bytes));
  mapped.fetch_sub(Rounded(bytes), std::memory_order_relaxed);
}

}  // namespace newswire::dedup
