// Byte classification for the dedup tokenizer's fast path: 64 bytes of text
// become a few 64-bit masks (bit k describes byte k), so the tokenizer can
// walk plain words with bit tricks instead of a branch per byte.
//
// Example:
//   internal::ByteClasses c;
//   internal::ClassifyBlock(p, &c);  // p[0, 64) must be readable
//   int first_word_end = __builtin_ctzll(~c.alnum);
//
// Three implementations give identical masks: a portable table walk, SSE2
// (every x86-64 CPU; compiled when the compiler defines __SSE2__) and AVX2
// (x86-64 GCC/Clang builds; callable only where HaveAvx2() is true, chosen
// at run time, so no -march flag is needed). Pure functions, thread-safe,
// never fail.
#ifndef NEWSWIRE_SERVICES_DEDUP_WORD_SCANNER_H_
#define NEWSWIRE_SERVICES_DEDUP_WORD_SCANNER_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "services/dedup/text_features.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define NEWSWIRE_DEDUP_AVX2 1
// Code compiled for CPUs with AVX2 and BMI1/2 (see HaveAvx2()).
#define NEWSWIRE_DEDUP_AVX2_TARGET __attribute__((target("avx2,bmi,bmi2")))
#endif

namespace newswire::dedup::internal {

// Bit k of each mask describes byte p[k] of the classified block.
struct ByteClasses {
  uint64_t alnum = 0;         // ASCII letter or digit: word bytes
  uint64_t digit = 0;         // '0'-'9'
  uint64_t upper = 0;         // 'A'-'Z'
  uint64_t newline = 0;       // '\n'
  uint64_t sentence_end = 0;  // '.', '!', '?'
  uint64_t number_sep = 0;    // '.', ',' (may continue a number)
  // Bytes only the full tokenizer handles: apostrophe (joins words), markup
  // and entity starts '<' '&', and every byte >= 0x80 (UTF-8).
  uint64_t slow = 0;
};

// Classifies p[0, 64) with a per-byte table. Reference implementation.
void ClassifyBlockPortable(const char* p, ByteClasses* out);

#ifdef __SSE2__
// Classifies p[0, 64) sixteen bytes at a time with SSE2.
inline void ClassifyBlockSse2(const char* p, ByteClasses* out) {
  const auto splat = [](int c) { return _mm_set1_epi8(static_cast<char>(c)); };
  // Bytes in [lo, hi] with one add and one signed compare: adding 128 - lo
  // maps [lo, hi] onto the smallest signed values, [-128, -128 + hi - lo].
  const auto in_range = [&](__m128i x, int lo, int hi) {
    return _mm_cmpgt_epi8(splat(-128 + hi - lo + 1),
                          _mm_add_epi8(x, splat(128 - lo)));
  };
  const auto mask = [](__m128i v) {
    return static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(v)));
  };
  ByteClasses c;
  for (int k = 0; k < 4; ++k) {
    const __m128i x =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i digit = in_range(x, '0', '9');
    const __m128i letter = in_range(_mm_or_si128(x, splat(0x20)), 'a', 'z');
    const __m128i dot = _mm_cmpeq_epi8(x, splat('.'));
    const __m128i sentence_end =
        _mm_or_si128(dot, _mm_or_si128(_mm_cmpeq_epi8(x, splat('!')),
                                       _mm_cmpeq_epi8(x, splat('?'))));
    static_assert('&' + 1 == '\'', "one range for & and '");
    const __m128i slow =
        _mm_or_si128(in_range(x, '&', '\''), _mm_cmpeq_epi8(x, splat('<')));
    const int shift = 16 * k;
    c.alnum |= mask(_mm_or_si128(digit, letter)) << shift;
    c.digit |= mask(digit) << shift;
    c.upper |= mask(in_range(x, 'A', 'Z')) << shift;
    c.newline |= mask(_mm_cmpeq_epi8(x, splat('\n'))) << shift;
    c.sentence_end |= mask(sentence_end) << shift;
    c.number_sep |= mask(_mm_or_si128(dot, _mm_cmpeq_epi8(x, splat(','))))
                    << shift;
    c.slow |= mask(_mm_or_si128(slow, x)) << shift;  // x: bytes >= 0x80
  }
  *out = c;
}
#endif

#ifdef NEWSWIRE_DEDUP_AVX2
NEWSWIRE_DEDUP_AVX2_TARGET inline __m256i Avx2Splat(int c) {
  return _mm256_set1_epi8(static_cast<char>(c));
}

// Bytes in [lo, hi], as in ClassifyBlockSse2.
NEWSWIRE_DEDUP_AVX2_TARGET inline __m256i Avx2InRange(__m256i x, int lo,
                                                      int hi) {
  return _mm256_cmpgt_epi8(Avx2Splat(-128 + hi - lo + 1),
                           _mm256_add_epi8(x, Avx2Splat(128 - lo)));
}

NEWSWIRE_DEDUP_AVX2_TARGET inline uint64_t Avx2Mask(__m256i v) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(v));
}

// Classifies p[0, 64) thirty-two bytes at a time with AVX2, as
// ClassifyBlockSse2 does with SSE2. REQUIRES: HaveAvx2().
NEWSWIRE_DEDUP_AVX2_TARGET inline void ClassifyBlockAvx2(const char* p,
                                                         ByteClasses* out) {
  ByteClasses c;
  for (int k = 0; k < 2; ++k) {
    const __m256i x =
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * k));
    const __m256i digit = Avx2InRange(x, '0', '9');
    const __m256i letter =
        Avx2InRange(_mm256_or_si256(x, Avx2Splat(0x20)), 'a', 'z');
    const __m256i dot = _mm256_cmpeq_epi8(x, Avx2Splat('.'));
    const __m256i sentence_end = _mm256_or_si256(
        dot, _mm256_or_si256(_mm256_cmpeq_epi8(x, Avx2Splat('!')),
                             _mm256_cmpeq_epi8(x, Avx2Splat('?'))));
    const __m256i slow = _mm256_or_si256(Avx2InRange(x, '&', '\''),
                                         _mm256_cmpeq_epi8(x, Avx2Splat('<')));
    const int shift = 32 * k;
    c.alnum |= Avx2Mask(_mm256_or_si256(digit, letter)) << shift;
    c.digit |= Avx2Mask(digit) << shift;
    c.upper |= Avx2Mask(Avx2InRange(x, 'A', 'Z')) << shift;
    c.newline |= Avx2Mask(_mm256_cmpeq_epi8(x, Avx2Splat('\n'))) << shift;
    c.sentence_end |= Avx2Mask(sentence_end) << shift;
    c.number_sep |=
        Avx2Mask(_mm256_or_si256(dot, _mm256_cmpeq_epi8(x, Avx2Splat(','))))
        << shift;
    c.slow |= Avx2Mask(_mm256_or_si256(slow, x)) << shift;  // x: >= 0x80
  }
  *out = c;
}
#endif

// Whether this CPU has AVX2, BMI1 and BMI2, so ClassifyBlockAvx2 and code
// built with NEWSWIRE_DEDUP_AVX2_TARGET may run (false in builds without
// them).
bool HaveAvx2();

// The fastest implementation every CPU of this build's target has.
inline void ClassifyBlock(const char* p, ByteClasses* out) {
#ifdef __SSE2__
  ClassifyBlockSse2(p, out);
#else
  ClassifyBlockPortable(p, out);
#endif
}

// The byte classifiers, for tests that check they all give the same
// features.
enum class Classifier { kPortable, kSse2, kAvx2 };

// ExtractFeatures with the given classifier. Returns false (and leaves `out`
// alone) if this build or CPU lacks it. ExtractFeatures uses AVX2 where
// HaveAvx2(), else ClassifyBlock().
bool ExtractFeaturesWith(Classifier classifier, absl::string_view headline,
                         absl::string_view dateline, absl::string_view body,
                         TextFeatures* out);

}  // namespace newswire::dedup::internal

#endif  // NEWSWIRE_SERVICES_DEDUP_WORD_SCANNER_H_
