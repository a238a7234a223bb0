#include "common/sync/lazy_slots.h"

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(LazySlotsTest, OneClaimPerSlotThenReady) {
  LazySlots slots(3);
  EXPECT_EQ(slots.size(), 3u);
  EXPECT_FALSE(slots.Ready(1));
  EXPECT_TRUE(slots.Claim(1));
  EXPECT_FALSE(slots.Claim(1));  // being written
  EXPECT_FALSE(slots.Ready(1));
  slots.Publish(1);
  EXPECT_TRUE(slots.Ready(1));
  EXPECT_FALSE(slots.Claim(1));  // written once
  EXPECT_FALSE(slots.Ready(0));
  EXPECT_FALSE(slots.Ready(2));
}

TEST(LazySlotsTest, MarkReadyNeedsNoClaim) {
  LazySlots slots(2);
  slots.MarkReady(0);
  EXPECT_TRUE(slots.Ready(0));
  EXPECT_FALSE(slots.Claim(0));
  EXPECT_TRUE(slots.Claim(1));
}

TEST(LazySlotsTest, MovedSlotsKeepTheirStates) {
  LazySlots a(2);
  ASSERT_TRUE(a.Claim(0));
  a.Publish(0);
  LazySlots b = std::move(a);
  EXPECT_TRUE(b.Ready(0));
  EXPECT_FALSE(b.Ready(1));
}

// Threads race to fill every slot of a table with a value derived from its
// index. Each slot must be claimed exactly once, and every reader that sees
// it ready must see the filled value (under ThreadSanitizer this also checks
// the acquire/release pairing).
TEST(LazySlotsTest, RacingThreadsFillEachSlotOnceAndReadWhatWasWritten) {
  constexpr size_t kSlots = 2000;
  constexpr int kThreads = 4;
  LazySlots slots(kSlots);
  std::vector<uint64_t> contents(kSlots, 0);
  std::vector<std::atomic<int>> claims(kSlots);
  std::atomic<int> bad_reads{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < kSlots; ++i) {
        // Each thread walks the table from a different place.
        const size_t k = (i + t * kSlots / kThreads) % kSlots;
        const uint64_t want = k * 2654435761u + 1;
        if (slots.Ready(k)) {
          if (contents[k] != want) bad_reads.fetch_add(1);
        } else if (slots.Claim(k)) {
          claims[k].fetch_add(1);
          contents[k] = want;
          slots.Publish(k);
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(bad_reads.load(), 0);
  for (size_t k = 0; k < kSlots; ++k) {
    ASSERT_EQ(claims[k].load(), 1) << k;
    ASSERT_TRUE(slots.Ready(k)) << k;
    ASSERT_EQ(contents[k], k * 2654435761u + 1) << k;
  }
}

}  // namespace
}  // namespace newswire
