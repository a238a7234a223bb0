#include "services/dedup/band_index.h"

#include <algorithm>
#include <random>
#include <set>

#include "gtest/gtest.h"

namespace newswire::dedup {
namespace {

std::set<uint32_t> Candidates(const BandIndex& index, const uint8_t* sig) {
  std::set<uint32_t> out;
  index.ForEachCandidate(sig, [&](uint32_t s) { out.insert(s); });
  return out;
}

TEST(BandIndexTest, FindsSharedBandsAndSurvivesRemovalsAndGrowth) {
  constexpr uint32_t kDocs = 3000;
  std::vector<uint8_t> sigs(kDocs * kSignatureSize);
  std::mt19937 rng(7);
  for (auto& b : sigs) b = static_cast<uint8_t>(rng());
  // Doc i+1 shares only band 5 with doc i for even i.
  for (uint32_t i = 0; i + 1 < kDocs; i += 2) {
    for (int r = 0; r < BandIndex::kRows; ++r) {
      int o = 5 * BandIndex::kRows + r;
      sigs[(i + 1) * kSignatureSize + o] = sigs[i * kSignatureSize + o];
    }
  }
  BandIndex index(&sigs);
  for (uint32_t i = 0; i < kDocs; ++i) index.Insert(i);
  EXPECT_EQ(index.size(), kDocs);
  for (uint32_t i = 0; i + 1 < kDocs; i += 2) {
    auto c = Candidates(index, &sigs[i * kSignatureSize]);
    ASSERT_TRUE(c.count(i) && c.count(i + 1)) << i;
  }
  // Remove every third document; the rest must still be found, the removed
  // ones never.
  for (uint32_t i = 0; i < kDocs; i += 3) index.Remove(i);
  for (uint32_t i = 0; i < kDocs; ++i) {
    auto c = Candidates(index, &sigs[i * kSignatureSize]);
    EXPECT_EQ(c.count(i), i % 3 == 0 ? 0u : 1u) << i;
  }
  EXPECT_EQ(index.size(), kDocs - (kDocs + 2) / 3);
  EXPECT_GT(index.bytes(), 0u);
}

}  // namespace
}  // namespace newswire::dedup
