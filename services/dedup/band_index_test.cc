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

// Lazy eviction: evicted documents stop counting against kMaxPerValue at
// once and leave the tables at Purge(); the others are all still found.
TEST(BandIndexTest, PurgeRemovesExactlyTheEvictedDocuments) {
  constexpr uint32_t kDocs = 9000;
  constexpr uint32_t kEvicted = 5000;  // more than one store chunk
  DocStore store;
  BandIndex index(&store);
  std::mt19937 rng(11);
  std::vector<uint32_t> slots;
  for (uint32_t i = 0; i < kDocs; ++i) {
    uint32_t slot = store.Append(i);
    uint8_t* sig = store.signature(slot);
    for (int k = 0; k < kSignatureSize; ++k) sig[k] = rng() % 4;  // clusters
    slots.push_back(slot);
    index.Insert(slot);
  }
  index.Commit();
  const auto found = [&](uint32_t i) {
    return Candidates(index, store.signature(slots[i])).count(slots[i]) > 0;
  };
  std::vector<bool> before(kDocs);
  for (uint32_t i = 0; i < kDocs; ++i) before[i] = found(i);
  index.Evicted(kEvicted, kEvicted);
  EXPECT_EQ(index.stale(), kEvicted);
  index.Purge();
  EXPECT_EQ(index.stale(), 0u);
  EXPECT_EQ(index.size(), kDocs - kEvicted);
  for (uint32_t i = 0; i < kDocs; ++i) {
    EXPECT_EQ(found(i), i >= kEvicted && before[i]) << i;
  }
  // What is left can still be removed one by one.
  for (uint32_t i = kEvicted; i < kDocs; ++i) index.Remove(slots[i]);
  EXPECT_EQ(index.size(), 0u);
  for (uint32_t i = 0; i < kDocs; ++i) EXPECT_FALSE(found(i)) << i;
}

// 40 documents share every band value: each value keeps the 16 newest, the
// same set whether or not older documents came and went.
TEST(BandIndexTest, CommonValuesKeepTheNewestWhateverTheHistory) {
  constexpr uint32_t kDocs = 40;
  const auto fill = [](DocStore* store, uint64_t seq) {
    uint32_t slot = store->Append(seq);
    for (int k = 0; k < kSignatureSize; ++k) store->signature(slot)[k] = 7;
    return slot;
  };
  DocStore a_store, b_store;
  BandIndex a(&a_store), b(&b_store);
  for (uint64_t seq = 0; seq < kDocs; ++seq) a.Insert(fill(&a_store, seq));
  a.Commit();
  for (uint64_t seq = 0; seq < 10; ++seq) {
    a.Remove(a_store.SlotOf(seq));
    a_store.PopHead();
  }
  for (uint64_t seq = 10; seq < kDocs; ++seq) b.Insert(fill(&b_store, seq));
  std::set<uint64_t> seqs_a, seqs_b;
  a.ForEachCandidate(a_store.signature(a_store.SlotOf(20)),
                     [&](uint32_t s) { seqs_a.insert(a_store.SeqOf(s)); });
  b.ForEachCandidate(b_store.signature(b_store.SlotOf(20)),
                     [&](uint32_t s) { seqs_b.insert(b_store.SeqOf(s)); });
  EXPECT_EQ(seqs_a, seqs_b);
  ASSERT_EQ(seqs_a.size(), static_cast<size_t>(BandIndex::kMaxPerValue));
  EXPECT_EQ(*seqs_a.begin(), kDocs - BandIndex::kMaxPerValue);

  // Inserting more drops older ones; Rollback brings them back.
  b.Commit();
  const uint32_t extra = fill(&b_store, kDocs);
  b.Insert(extra);
  std::set<uint64_t> after;
  b.ForEachCandidate(b_store.signature(extra),
                     [&](uint32_t s) { after.insert(b_store.SeqOf(s)); });
  EXPECT_EQ(after.count(kDocs - BandIndex::kMaxPerValue), 0u);
  b.Rollback();
  b.Remove(extra);
  b_store.PopTail();
  std::set<uint64_t> restored;
  b.ForEachCandidate(b_store.signature(b_store.SlotOf(20)),
                     [&](uint32_t s) { restored.insert(b_store.SeqOf(s)); });
  EXPECT_EQ(restored, seqs_b);
}

// Entries farther than kMaxDisp from their home do not know it; removing,
// purging and finding them must still work. Band 0 of every document here
// hashes to one of two neighbouring homes, so its cluster is ~80 long.
TEST(BandIndexTest, LongClustersSurviveRemovalAndPurge) {
  DocStore store;
  BandIndex index(&store);
  std::mt19937 rng(3);
  const auto random_sig = [&](uint8_t* sig) {
    for (int k = 0; k < kSignatureSize; ++k) sig[k] = rng();
  };
  uint32_t first = store.Append(0);
  random_sig(store.signature(first));
  index.Insert(first);
  const size_t capacity = index.capacity();
  constexpr uint32_t kDocs = 80;
  ASSERT_LT(kDocs * 10, capacity * 8) << "the table must not grow";
  std::vector<uint32_t> slots = {first};
  while (slots.size() < kDocs) {
    const uint32_t slot = store.Append(slots.size());
    do {
      random_sig(store.signature(slot));
    } while (BandIndex::HomeFor(store.signature(slot), 0, capacity) / 2 != 5);
    index.Insert(slot);
    slots.push_back(slot);
  }
  ASSERT_EQ(index.capacity(), capacity);
  index.Commit();
  // Found through band 0 alone: the query differs in every other band.
  const auto found = [&](uint32_t i) {
    uint8_t query[kSignatureSize];
    std::copy_n(store.signature(slots[i]), kSignatureSize, query);
    for (int k = BandIndex::kRows; k < kSignatureSize; ++k) query[k] ^= 0x5a;
    return Candidates(index, query).count(slots[i]) > 0;
  };
  for (uint32_t i = 0; i < kDocs; ++i) EXPECT_TRUE(found(i)) << i;
  for (uint32_t i = 40; i < kDocs; i += 3) index.Remove(slots[i]);
  for (uint32_t i = 0; i < kDocs; ++i) {
    EXPECT_EQ(found(i), i < 40 || (i - 40) % 3 != 0) << i;
  }
  index.Evicted(20, 20);
  index.Purge();
  for (uint32_t i = 0; i < kDocs; ++i) {
    EXPECT_EQ(found(i), i >= 20 && (i < 40 || (i - 40) % 3 != 0)) << i;
  }
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
