// Text features the deduplicator compares: an exact-content hash, a one-
// permutation MinHash signature over word shingles, and a small bitset of the
// article's numbers and names.
//
// Normalization (done here, independent of ingest): ASCII case folding;
// markup tags and HTML entities dropped; typographic quotes, apostrophes and
// dashes treated like their ASCII forms; apostrophes ignored inside words;
// thousands separators ignored inside numbers ("34,512" == "34512");
// whitespace and line wrapping ignored. Paragraphs are separated by a blank
// line; shingles do not cross paragraphs or fields, so reordering paragraphs
// changes no feature.
//
// Example:
//   TextFeatures f;
//   ExtractFeatures("Storm hits coast", "", "LONDON - A storm ...", &f);
//   double j = EstimateJaccard(f, g);
//
// Thread-safe (pure functions). Never fails: any byte string is accepted
// (invalid UTF-8 bytes count as word characters).
#ifndef NEWSWIRE_SERVICES_DEDUP_TEXT_FEATURES_H_
#define NEWSWIRE_SERVICES_DEDUP_TEXT_FEATURES_H_

#include <array>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace newswire::dedup {

// MinHash signature length (one byte per bucket: b-bit MinHash, b = 8).
inline constexpr int kSignatureSize = 64;
// Words per shingle.
inline constexpr int kShingleWords = 3;

struct TextFeatures {
  // Hash of the normalized token sequence of headline, dateline and body.
  uint64_t exact_hash = 0;
  // Number of shingle features (0 when the text has no words).
  uint32_t features = 0;
  // Densified one-permutation MinHash, low 8 bits of each bucket minimum.
  std::array<uint8_t, kSignatureSize> signature{};
  // Numbers and capitalized words that do not start a sentence, hashed into
  // 128 bits (body only).
  std::array<uint64_t, 2> key_bits{};
};

// Computes the features of one article's text into `out`.
void ExtractFeatures(absl::string_view headline, absl::string_view dateline,
                     absl::string_view body, TextFeatures* out);

// Fraction of signature buckets that agree (raw, including chance matches).
double SignatureAgreement(const uint8_t* a, const uint8_t* b);

// Unbiased Jaccard estimate from the agreement of two 8-bit signatures.
double JaccardFromAgreement(double agreement);

// Estimated |A ∩ B| / |A| from the Jaccard estimate and the feature counts.
double Containment(double jaccard, uint32_t features_a, uint32_t features_b);

// Number of set bits of `a` missing from `b`.
int MissingKeyBits(const std::array<uint64_t, 2>& a,
                   const std::array<uint64_t, 2>& b);
int KeyBitCount(const std::array<uint64_t, 2>& a);

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_TEXT_FEATURES_H_
