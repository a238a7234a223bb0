// How tokens become features: the token hash, the exact-content hash, the
// shingle MinHash and the key bits. Internal to the deduplicator's
// ExtractFeatures (text_features.cc); split out so the tokenizer file stays
// about tokenizing.
//
// Everything here defines the stored feature format: signatures are kept in
// the compacted state topic, so changing any constant or formula below
// requires a new state format byte (the golden test,
// text_features_golden_test, fails on any change).
//
// Example:
//   TextFeatures f;
//   internal::FeatureSink sink(&f);
//   sink.BeginSection(tag, /*keys=*/true);
//   internal::TokenHash h;
//   h.Reset();
//   h.AddAlnumRun("storm", 5, end);
//   sink.Token(h.Finish(), /*key=*/0);
//   sink.Finish();  // fills f
//
// Not thread-safe (one FeatureSink per article); never fails.
#ifndef NEWSWIRE_SERVICES_DEDUP_FEATURE_SINK_H_
#define NEWSWIRE_SERVICES_DEDUP_FEATURE_SINK_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <limits>

#include "services/dedup/text_features.h"

namespace newswire::dedup::internal {

constexpr uint64_t kTokenSeed = 0x6a09e667f3bcc909ULL;
constexpr uint64_t kMulA = 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kMulB = 0xc2b2ae3d27d4eb4fULL;
constexpr uint64_t kEmpty = std::numeric_limits<uint64_t>::max();
constexpr int kBucketShift = 58;  // 64 buckets: the top 6 bits
constexpr uint64_t kValueMask = (uint64_t{1} << kBucketShift) - 1;
static_assert(kSignatureSize == 64, "bucket shift assumes 64 buckets");

// A fast 64-bit mixer (xor-shift / multiply). Its output is stored in the
// state topic, so changing it requires a new state format byte.
inline uint64_t Mix(uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  return x;
}

inline uint64_t Rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// Hash of one token's bytes, taken 8 at a time.
class TokenHash {
 public:
  void Reset() {
    h_ = kTokenSeed;
    acc_ = 0;
    n_ = 0;
  }
  void Add(unsigned char c) {
    acc_ |= static_cast<uint64_t>(c) << (8 * (n_ & 7));
    if ((++n_ & 7) == 0) {
      h_ = Mix(h_ ^ acc_);
      acc_ = 0;
    }
  }
  // Adds the ASCII letters and digits p[0, len), lower-cased (| 0x20 maps
  // 'A'-'Z' to 'a'-'z' and leaves digits alone), as Add() would one by one.
  // `end` bounds what may be read.
  void AddAlnumRun(const char* p, size_t len, const char* end) {
    while (len > 0) {
      const uint32_t used = n_ & 7;
      const size_t take = std::min<size_t>(len, 8 - used);
      uint64_t bytes = 0;
      if (p + 8 <= end) {
        std::memcpy(&bytes, p, 8);
      } else {
        std::memcpy(&bytes, p, take);
      }
      const uint64_t mask =
          take == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * take)) - 1;
      acc_ |= ((bytes | 0x2020202020202020ULL) & mask) << (8 * used);
      n_ += static_cast<uint32_t>(take);
      if ((n_ & 7) == 0) {
        h_ = Mix(h_ ^ acc_);
        acc_ = 0;
      }
      p += take;
      len -= take;
    }
  }
  uint64_t Finish() const {
    return Mix(h_ ^ acc_ ^ (static_cast<uint64_t>(n_) << 56));
  }

 private:
  uint64_t h_ = kTokenSeed, acc_ = 0;
  uint32_t n_ = 0;
};

// Collects the features of the token stream of one article.
class FeatureSink {
 public:
  explicit FeatureSink(TextFeatures* out) : out_(out) {
    std::fill(mins_.begin(), mins_.end(), kEmpty);
  }

  // Starts a field (headline, dateline, body); `keys` collects key tokens.
  void BeginSection(uint64_t tag, bool keys) {
    EndSegment();
    exact_ = Mix(exact_ ^ tag);
    keys_ = keys;
  }

  // Feeds the tokens whose hashes are at[k] for the set bits k of
  // `positions`, lowest first. The running state stays in registers.
  //
  // Each hash is well mixed, so cheap combinations of it suffice: one
  // multiply per token for the exact hash and one per shingle.
  void Tokens(const uint64_t* at, uint64_t positions) {
    uint64_t exact = exact_;
    uint64_t w0 = window_[0], w1 = window_[1], w2 = window_[2];
    // The first two tokens of a segment complete no shingle yet.
    for (; positions != 0 && in_segment_ < kShingleWords - 1;
         positions &= positions - 1, ++in_segment_) {
      const uint64_t x = at[__builtin_ctzll(positions)];
      exact = (Rotl(exact, 23) ^ x) * kMulA;
      w0 = w1;
      w1 = w2;
      w2 = x;
    }
    for (; positions != 0; positions &= positions - 1, ++in_segment_) {
      const uint64_t x = at[__builtin_ctzll(positions)];
      exact = (Rotl(exact, 23) ^ x) * kMulA;
      w0 = w1;
      w1 = w2;
      w2 = x;
      const uint64_t f = (Rotl(w0, 21) ^ Rotl(w1, 42) ^ w2) * kMulB;
      uint64_t& m = mins_[f >> kBucketShift];
      m = std::min(m, f & kValueMask);
    }
    exact_ = exact;
    window_[0] = w0;
    window_[1] = w1;
    window_[2] = w2;
  }

  // Marks the tokens with hashes at[k], for the set bits k of `positions`,
  // as keys (in the sections that collect them). Visiting one twice is
  // harmless.
  void Keys(const uint64_t* at, uint64_t positions) {
    if (!keys_) return;
    for (; positions != 0; positions &= positions - 1) {
      const uint64_t k = at[__builtin_ctzll(positions)] * kMulB;
      out_->key_bits[k >> 63] |= uint64_t{1} << ((k >> 57) & 63);
    }
  }

  // Feeds one token; `key` is 0 or 1.
  void Token(uint64_t h, uint64_t key) {
    Tokens(&h, 1);
    Keys(&h, key);
  }

  // A paragraph or field ends: short runs become one feature of their own.
  // Full shingles are counted here rather than one by one in Token().
  void EndSegment() {
    if (in_segment_ >= kShingleWords) {
      out_->features += static_cast<uint32_t>(in_segment_ - kShingleWords + 1);
    } else if (in_segment_ > 0) {
      uint64_t f = static_cast<uint64_t>(in_segment_);
      for (int i = kShingleWords - in_segment_; i < kShingleWords; ++i) {
        f = f * kMulA + window_[i];
      }
      Emit(Mix(f));
    }
    in_segment_ = 0;
  }

  void Finish() {
    EndSegment();
    out_->exact_hash = Mix(exact_);
    if (out_->features == 0) return;
    for (int i = 0; i < kSignatureSize; ++i) {
      uint64_t v = mins_[i];
      // Densification: an empty bucket borrows from a bucket chosen by a
      // sequence that depends only on its index, the same for every text.
      for (uint64_t attempt = 1; v == kEmpty; ++attempt) {
        v = mins_[Mix((static_cast<uint64_t>(i) << 16) + attempt) %
                  kSignatureSize];
      }
      out_->signature[i] = static_cast<uint8_t>(v ^ (v >> 29));
    }
  }

 private:
  void Emit(uint64_t f) {
    ++out_->features;
    uint64_t& m = mins_[f >> kBucketShift];
    m = std::min(m, f & kValueMask);
  }

  TextFeatures* const out_;
  std::array<uint64_t, kSignatureSize> mins_;
  uint64_t window_[kShingleWords] = {0, 0, 0};
  int in_segment_ = 0;
  uint64_t exact_ = 0;
  bool keys_ = false;  // while key tokens are collected
};

// Words shorter than this hash through ShortWordHash.
inline constexpr size_t kShortWord = 16;

constexpr uint64_t kLowerCase = 0x2020202020202020ULL;

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Per word length below kShortWord: which bytes of each 8-byte lane belong to
// the word, and all ones when the first lane is mixed in before Finish().
struct LaneMasks {
  uint64_t lane0, lane1, two_lanes;
};
constexpr std::array<LaneMasks, kShortWord> MakeLaneMasks() {
  std::array<LaneMasks, kShortWord> t{};
  for (size_t len = 1; len < kShortWord; ++len) {
    const size_t len0 = len < 8 ? len : 8;
    t[len].lane0 = ~uint64_t{0} >> (64 - 8 * len0);
    t[len].lane1 = (uint64_t{1} << (8 * (len - len0))) - 1;
    t[len].two_lanes = len >= 8 ? ~uint64_t{0} : 0;
  }
  return t;
}
constexpr std::array<LaneMasks, kShortWord> kLaneMasks = MakeLaneMasks();

// TokenHash of the ASCII word p[0, len), 0 < len < kShortWord, without branches
// on its length (a mispredicted branch costs more than the spare Mix).
// REQUIRES: p[0, 16) is readable.
inline uint64_t ShortWordHash(const char* p, size_t len) {
  const LaneMasks& m = kLaneMasks[len];
  const uint64_t lane0 = (Load64(p) | kLowerCase) & m.lane0;
  const uint64_t lane1 = (Load64(p + 8) | kLowerCase) & m.lane1;
  const uint64_t first = Mix(kTokenSeed ^ lane0);
  const uint64_t base = kTokenSeed ^ ((first ^ kTokenSeed) & m.two_lanes);
  const uint64_t rest = lane0 ^ ((lane1 ^ lane0) & m.two_lanes);
  return Mix(base ^ rest ^ (static_cast<uint64_t>(len) << 56));
}

}  // namespace newswire::dedup::internal

#endif  // NEWSWIRE_SERVICES_DEDUP_FEATURE_SINK_H_
