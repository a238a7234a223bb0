#include "services/enrich/sentiment/target_context.h"

#include <vector>

namespace newswire::sentiment {
namespace {

// Template ids of these features; far above those of features.cc so the two
// sets never share a template.
enum Template : uint64_t {
  kNearPolarStem = 1000,  // + side (0 left, 1 right)
  kNearPolarShape = 1002,
  kBetween = 1003,  // + side
  kNoPolar = 1102,  // value: side
};

// Words between the target and its nearest sentiment word that are emitted
// as features when that word is at most this far away.
constexpr uint32_t kBetweenReach = 8;

// 0 for 1, 1 for 2-3, 2 for 4-6, 3 beyond.
inline uint64_t DistanceBucket(uint32_t d) {
  return d <= 1 ? 0 : d <= 3 ? 1 : d <= 6 ? 2 : 3;
}

// Index of the nearest token with a contextual valence on `side` (0 left,
// 1 right) of [begin, end), or a.span.end if none.
uint32_t NearestPolar(const SentenceAnalysis& a, uint32_t begin, uint32_t end,
                      int side) {
  const uint32_t s = a.span.begin;
  const uint32_t e = a.span.end;
  if (side == 0) {
    for (uint32_t i = begin; i > s;) {
      --i;
      if (a.valence[i - s] != 0) return i;
    }
    return e;
  }
  for (uint32_t i = end; i < e; ++i) {
    if (a.valence[i - s] != 0) return i;
  }
  return e;
}

}  // namespace

void TargetContextFeatures(const SentenceAnalysis& a, uint32_t begin,
                           uint32_t end, FeatureVector* out) {
  const std::vector<Token>& tokens = *a.tokens;
  const uint32_t s = a.span.begin;
  const uint32_t e = a.span.end;
  const uint16_t target_clause = a.clause[begin - s];
  const bool target_quoted = a.quoted[begin - s] != 0;
  for (int side = 0; side < 2; ++side) {
    const uint64_t side_bit = static_cast<uint64_t>(side);
    const uint32_t found = NearestPolar(a, begin, end, side);
    if (found == e) {
      out->ids.push_back(FeatureBucket(side_bit, kNoPolar));
      continue;
    }
    const uint32_t dist = side == 0 ? begin - found : found - end + 1;
    const uint64_t positive = a.valence[found - s] > 0 ? 1 : 0;
    const uint64_t same_clause = a.clause[found - s] == target_clause ? 1 : 0;
    const uint64_t across_quote =
        (a.quoted[found - s] != 0) != target_quoted ? 1 : 0;
    out->ids.push_back(FeatureBucket(tokens[found].stem * 2 + positive,
                                     kNearPolarStem + side));
    const uint64_t shape =
        (((side_bit * 2 + positive) * 4 + DistanceBucket(dist)) * 2 +
         same_clause) *
            2 +
        across_quote;
    out->ids.push_back(FeatureBucket(shape, kNearPolarShape));
    if (dist > kBetweenReach) continue;
    const uint32_t lo = side == 0 ? found + 1 : end;
    const uint32_t hi = side == 0 ? begin : found;
    for (uint32_t i = lo; i < hi; ++i) {
      out->ids.push_back(
          FeatureBucket(tokens[i].stem * 2 + positive, kBetween + side));
    }
  }
}

}  // namespace newswire::sentiment
