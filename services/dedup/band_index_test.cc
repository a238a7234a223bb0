#include "services/dedup/band_index.h"

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
  constexpr uint32_t kDocs = 9000;  // more than two store chunks
  DocStore store;
  BandIndex index(&store);
  std::mt19937 rng(7);
  std::vector<uint32_t> slots;
  for (uint32_t i = 0; i < kDocs; ++i) {
    uint32_t slot = store.Append(i);
    uint8_t* sig = store.signature(slot);
    for (int k = 0; k < kSignatureSize; ++k) sig[k] = rng();
    // Doc i shares only band 5 with doc i-1 for odd i.
    if (i % 2 == 1) {
      for (int r = 0; r < BandIndex::kRows; ++r) {
        int o = 5 * BandIndex::kRows + r;
        sig[o] = store.signature(slots.back())[o];
      }
    }
    slots.push_back(slot);
    index.Insert(slot);
  }
  EXPECT_EQ(index.size(), kDocs);
  for (uint32_t i = 0; i + 1 < kDocs; i += 2) {
    auto c = Candidates(index, store.signature(slots[i]));
    ASSERT_TRUE(c.count(slots[i]) && c.count(slots[i + 1])) << i;
    EXPECT_EQ(store.SeqOf(slots[i]), i);
  }
  // Remove every third document; the rest must still be found, the removed
  // ones never.
  for (uint32_t i = 0; i < kDocs; i += 3) index.Remove(slots[i]);
  for (uint32_t i = 0; i < kDocs; ++i) {
    auto c = Candidates(index, store.signature(slots[i]));
    EXPECT_EQ(c.count(slots[i]), i % 3 == 0 ? 0u : 1u) << i;
  }
  EXPECT_EQ(index.size(), kDocs - (kDocs + 2) / 3);
  EXPECT_GT(index.bytes(), kDocs * BandIndex::kBands * sizeof(uint32_t));
}

TEST(DocStoreTest, ReusesChunksAsTheHeadAdvances) {
  DocStore store;
  for (uint64_t seq = 100; seq < 100 + 3 * DocStore::kChunkDocs; ++seq) {
    store.meta(store.Append(seq)).features = static_cast<uint32_t>(seq);
  }
  const size_t bytes = store.bytes();
  for (int round = 0; round < 4; ++round) {
    for (uint32_t i = 0; i < DocStore::kChunkDocs; ++i) {
      store.PopHead();
      const uint64_t seq = store.tail();
      store.meta(store.Append(seq)).features = static_cast<uint32_t>(seq);
    }
  }
  EXPECT_EQ(store.size(), 3 * DocStore::kChunkDocs);
  EXPECT_LE(store.bytes(), bytes + bytes / 2);  // at most one spare chunk
  for (uint64_t seq = store.head(); seq < store.tail(); ++seq) {
    ASSERT_EQ(store.meta(store.SlotOf(seq)).features, seq);
    ASSERT_EQ(store.SeqOf(store.SlotOf(seq)), seq);
  }
  store.PopTail();
  EXPECT_EQ(store.size(), 3 * DocStore::kChunkDocs - 1);
}

}  // namespace
}  // namespace newswire::dedup
