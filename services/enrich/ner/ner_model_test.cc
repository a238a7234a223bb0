#include "services/enrich/ner/ner_model.h"

#include <algorithm>
#include <random>
#include <vector>

#include "gtest/gtest.h"
#include "services/enrich/ner/labels.h"

namespace newswire::ner {
namespace {

// The textbook decoder: every (previous, next) pair that LabelAllowed
// permits, previous labels in increasing order, strict comparison.
void ReferenceDecode(const std::vector<float>& scores, int n, const Weights& w,
                     std::vector<int>* labels, std::vector<float>* margins) {
  constexpr float kNeg = -1e30f;
  const int kL = kNumLabels;
  std::vector<float> delta(size_t(n) * kL), beta(size_t(n) * kL, kNeg);
  std::vector<int> back(size_t(n) * kL, 0);
  for (int l = 0; l < kL; ++l) {
    delta[l] = scores[l] +
               (LabelAllowed(kBos, l, false) ? w.Row(PrevRow(kBos))[l] : kNeg);
  }
  for (int i = 1; i < n; ++i) {
    for (int l = 0; l < kL; ++l) {
      float best = kNeg;
      int arg = 0;
      for (int p = 0; p < kL; ++p) {
        if (!LabelAllowed(p, l, false)) continue;
        const float v = delta[size_t(i - 1) * kL + p] + w.Row(PrevRow(p))[l];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      delta[size_t(i) * kL + l] = best + scores[size_t(i) * kL + l];
      back[size_t(i) * kL + l] = arg;
    }
  }
  auto open = [](int l) {
    return l != kOutside && (LabelPosOf(l) == kB || LabelPosOf(l) == kI);
  };
  int best = -1;
  for (int l = 0; l < kL; ++l) {
    if (open(l)) continue;
    if (best < 0 ||
        delta[size_t(n - 1) * kL + l] > delta[size_t(n - 1) * kL + best]) {
      best = l;
    }
  }
  labels->assign(n, 0);
  for (int i = n - 1; i >= 0; --i) {
    (*labels)[i] = best;
    if (i > 0) best = back[size_t(i) * kL + best];
  }
  for (int l = 0; l < kL; ++l)
    beta[size_t(n - 1) * kL + l] = open(l) ? kNeg : 0;
  for (int i = n - 2; i >= 0; --i) {
    for (int p = 0; p < kL; ++p) {
      float v = kNeg;
      for (int l = 0; l < kL; ++l) {
        if (!LabelAllowed(p, l, false)) continue;
        v = std::max(v, w.Row(PrevRow(p))[l] + scores[size_t(i + 1) * kL + l] +
                            beta[size_t(i + 1) * kL + l]);
      }
      beta[size_t(i) * kL + p] = v;
    }
  }
  margins->assign(n, 0);
  for (int i = 0; i < n; ++i) {
    const int c = (*labels)[i];
    float chosen = delta[size_t(i) * kL + c] + beta[size_t(i) * kL + c];
    float other = kNeg;
    for (int l = 0; l < kL; ++l) {
      if (l != c) {
        other = std::max(other,
                         delta[size_t(i) * kL + l] + beta[size_t(i) * kL + l]);
      }
    }
    (*margins)[i] = other <= kNeg / 2 ? 1e3f : std::max(0.0f, chosen - other);
  }
}

// Random transition weights and scores; with `coarse`, small integers, so
// that many paths tie and the tie-breaking order is exercised.
void CheckAgainstReference(bool coarse, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> real(-3.0f, 3.0f);
  std::uniform_int_distribution<int> small(-2, 2);
  auto draw = [&] {
    return coarse ? static_cast<float>(small(rng)) : real(rng);
  };
  for (int trial = 0; trial < 200; ++trial) {
    Weights w;
    w.rows.resize(size_t{kDenseRows} * kNumLabels);
    for (float& x : w.rows) x = draw();
    const int n = 1 + trial % 23;
    std::vector<float> scores(size_t(n) * kNumLabels);
    for (float& x : scores) x = draw();
    std::vector<int> want_labels;
    std::vector<float> want_margins;
    ReferenceDecode(scores, n, w, &want_labels, &want_margins);
    std::vector<int> labels(n, -1);
    std::vector<float> margins(n, -1.0f);
    ViterbiDecode(scores.data(), n, w, labels.data(), margins.data());
    ASSERT_EQ(labels, want_labels) << "trial " << trial;
    ASSERT_EQ(margins, want_margins) << "trial " << trial;
    std::vector<int> no_margins(n, -1);
    ViterbiDecode(scores.data(), n, w, no_margins.data(), nullptr);
    ASSERT_EQ(no_margins, want_labels) << "trial " << trial;
  }
}

TEST(ViterbiDecodeTest, MatchesTheTextbookDecoderBitForBit) {
  CheckAgainstReference(/*coarse=*/false, 1);
}

TEST(ViterbiDecodeTest, BreaksTiesLikeTheTextbookDecoder) {
  CheckAgainstReference(/*coarse=*/true, 2);
}

}  // namespace
}  // namespace newswire::ner
