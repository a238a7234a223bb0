#include "services/dedup/word_scanner.h"

#include <array>

namespace newswire::dedup::internal {
namespace {

enum : uint8_t {
  kAlnum = 1,
  kDigit = 2,
  kNewline = 4,
  kSentenceEnd = 8,
  kNumberSep = 16,
  kSlow = 32,
  kUpper = 64,
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

void ClassifyBlockPortable(const char* p, ByteClasses* out) {
  ByteClasses c;
  for (int k = 0; k < 64; ++k) {
    const uint8_t bits = kClassTable[static_cast<unsigned char>(p[k])];
    const uint64_t bit = uint64_t{1} << k;
    if (bits & kAlnum) c.alnum |= bit;
    if (bits & kDigit) c.digit |= bit;
    if (bits & kUpper) c.upper |= bit;
    if (bits & kNewline) c.newline |= bit;
    if (bits & kSentenceEnd) c.sentence_end |= bit;
    if (bits & kNumberSep) c.number_sep |= bit;
    if (bits & kSlow) c.slow |= bit;
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
