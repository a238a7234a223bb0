#include "services/dedup/exact_index.h"

#include <random>
#include <set>
#include <vector>

#include "gtest/gtest.h"

namespace newswire::dedup {
namespace {

std::set<uint32_t> Matches(const ExactIndex& index, uint32_t hash) {
  std::set<uint32_t> out;
  index.ForEachMatch(hash, [&](uint32_t s) { out.insert(s); });
  return out;
}

// Documents with distinct hashes, then groups sharing one (a long cluster
// at one home): found exactly, through removals, purges and growth.
TEST(ExactIndexTest, FindsEveryDocumentWithTheHashThroughChanges) {
  constexpr uint32_t kDocs = 6000;
  DocStore store;
  ExactIndex index(&store);
  std::mt19937 rng(5);
  std::vector<uint32_t> slots, hashes;
  for (uint32_t i = 0; i < kDocs; ++i) {
    const uint32_t slot = store.Append(i);
    // Every tenth document repeats hash 77: one cluster of 600 entries.
    const uint32_t hash = i % 10 == 0 ? 77 : rng();
    store.meta(slot).exact_hash = hash;
    index.Insert(slot);
    slots.push_back(slot);
    hashes.push_back(hash);
  }
  EXPECT_EQ(index.size(), kDocs);
  const auto expected = [&](uint32_t hash, uint32_t from, uint32_t step) {
    std::set<uint32_t> out;
    for (uint32_t i = from; i < kDocs; ++i) {
      if (hashes[i] == hash && (step == 0 || i % step != 0)) {
        out.insert(slots[i]);
      }
    }
    return out;
  };
  for (uint32_t i = 0; i < kDocs; i += 7) {
    EXPECT_EQ(Matches(index, hashes[i]), expected(hashes[i], 0, 0)) << i;
  }
  EXPECT_EQ(Matches(index, 77).size(), kDocs / 10);
  // Remove every third document (as a rollback would).
  for (uint32_t i = 0; i < kDocs; i += 3) index.Remove(slots[i]);
  EXPECT_EQ(index.size(), kDocs - kDocs / 3);
  for (uint32_t i = 0; i < kDocs; ++i) {
    EXPECT_EQ(Matches(index, hashes[i]), expected(hashes[i], 0, 3)) << i;
  }
  // Evict the oldest 2500 and purge.
  index.Evicted(2500, 2500 - (2500 + 2) / 3);
  index.Purge();
  EXPECT_EQ(index.size(), kDocs - 2500 - (kDocs - 2500) / 3);
  for (uint32_t i = 0; i < kDocs; ++i) {
    EXPECT_EQ(Matches(index, hashes[i]), expected(hashes[i], 2500, 3)) << i;
  }
  EXPECT_TRUE(Matches(index, 78).empty());
}

}  // namespace
}  // namespace newswire::dedup
