#include "services/dedup/word_scanner.h"

#include <array>
#include <cstring>

namespace newswire::dedup::internal {
namespace {

// Class bits of a byte; ClassifyBlockPortable relies on these positions.
enum : uint8_t {
  kAlnum = 1 << 0,
  kDigit = 1 << 1,
  kNewline = 1 << 2,
  kSentenceEnd = 1 << 3,
  kNumberSep = 1 << 4,
  kSlow = 1 << 5,
  kUpper = 1 << 6,
};

constexpr std::array<uint8_t, 256> MakeClassTable() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    uint8_t bits = 0;
    if (c >= '0' && c <= '9') bits |= kAlnum | kDigit;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) bits |= kAlnum;
    if (c >= 'A' && c <= 'Z') bits |= kUpper;
    if (c == '\n') bits |= kNewline;
    if (c == '.' || c == '!' || c == '?') bits |= kSentenceEnd;
    if (c == '.' || c == ',') bits |= kNumberSep;
    if (c == '\'' || c == '<' || c == '&' || c >= 0x80) bits |= kSlow;
    t[c] = bits;
  }
  return t;
}

constexpr std::array<uint8_t, 256> kClassTable = MakeClassTable();

}  // namespace

// Bit j of the result is the high bit of byte j of `m`: the multiply moves
// byte j's bit 7 to bit 56 + j, and no two partial products meet there.
inline uint64_t GatherHighBits(uint64_t m) {
  return ((m & 0x8080808080808080ULL) * 0x0002040810204081ULL) >> 56;
}

void ClassifyBlockPortable(const char* p, ByteClasses* out) {
  // Each byte's class bits, then each class gathered 8 bytes at a time.
  uint8_t classes[64];
  for (int k = 0; k < 64; ++k) {
    classes[k] = kClassTable[static_cast<unsigned char>(p[k])];
  }
  ByteClasses c;
  for (int k = 0; k < 64; k += 8) {
    uint64_t v;
    std::memcpy(&v, classes + k, 8);
    // Shifting class bit b to bit 7 of every byte: (v << (7 - b)).
    const auto gather = [&](int b) {
      return GatherHighBits(v << (7 - b)) << k;
    };
    c.alnum |= gather(0);
    c.digit |= gather(1);
    c.newline |= gather(2);
    c.sentence_end |= gather(3);
    c.number_sep |= gather(4);
    c.slow |= gather(5);
    c.upper |= gather(6);
  }
  *out = c;
}

bool HaveAvx2() {
#ifdef NEWSWIRE_DEDUP_AVX2
  static const bool have = __builtin_cpu_supports("avx2") &&
                           __builtin_cpu_supports("bmi") &&
                           __builtin_cpu_supports("bmi2");
  return have;
#else
  return false;
#endif
}

}  // namespace newswire::dedup::internal
