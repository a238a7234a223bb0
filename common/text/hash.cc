#include "common/text/hash.h"

#include <cstring>

#include "absl/strings/str_format.h"

namespace newswire {
namespace {
constexpr uint64_t kMul = 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kMul2 = 0xc2b2ae3d27d4eb4fULL;

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
}  // namespace

uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

uint64_t Fingerprint64(absl::string_view data, uint64_t seed) {
  const char* p = data.data();
  size_t n = data.size();
  uint64_t h = Mix64(seed ^ (n * kMul));
  while (n >= 8) {
    h = (h ^ Mix64(Load64(p) * kMul2)) * kMul;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  for (size_t i = 0; i < n; ++i) {
    tail |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  h = (h ^ Mix64(tail + n)) * kMul;
  return Mix64(h);
}

std::string FingerprintHex(uint64_t h) { return absl::StrFormat("%016x", h); }

}  // namespace newswire
