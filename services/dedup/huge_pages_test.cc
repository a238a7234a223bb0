#include "services/dedup/huge_pages.h"

#include <cstdint>
#include <utility>

#include "gtest/gtest.h"

namespace newswire::dedup {
namespace {

TEST(HugePagesTest, LargeBlocksAreAlignedZeroedAndAccounted) {
  constexpr size_t kHugePage = size_t{2} << 20;
  const size_t before = HugeBytesMapped();
  constexpr size_t kBytes = 5 * kHugePage + 123;  // not a whole number
  auto* p = static_cast<unsigned char*>(AllocateHuge(kBytes));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % kHugePage, 0u);
  EXPECT_EQ(HugeBytesMapped(), before + 6 * kHugePage);
  size_t nonzero = 0;
  for (size_t i = 0; i < kBytes; i += 4096) nonzero += p[i] != 0;
  EXPECT_EQ(p[kBytes - 1], 0);
  EXPECT_EQ(nonzero, 0u);
  for (size_t i = 0; i < kBytes; ++i) p[i] = static_cast<unsigned char>(i);
  EXPECT_EQ(p[kBytes - 1], static_cast<unsigned char>(kBytes - 1));
  FreeHuge(p, kBytes);
  EXPECT_EQ(HugeBytesMapped(), before);
}

TEST(HugePagesTest, SmallBlocksComeFromMallocZeroed) {
  const size_t before = HugeBytesMapped();
  HugeArray a(1000);
  EXPECT_EQ(a.size(), 1000u);
  for (size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], 0u) << i;
  a[999] = 7;
  HugeArray b(std::move(a));
  EXPECT_EQ(b[999], 7u);
  EXPECT_EQ(HugeBytesMapped(), before);
}

}  // namespace
}  // namespace newswire::dedup
