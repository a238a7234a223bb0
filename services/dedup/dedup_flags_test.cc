#include "services/dedup/dedup_flags.h"

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "gtest/gtest.h"

ABSL_DECLARE_FLAG(int64_t, window_hours);
ABSL_DECLARE_FLAG(double, near_containment);

namespace newswire::dedup {
namespace {

TEST(DedupFlagsTest, DefaultsAreTheOptionsDefaults) {
  const DedupOptions want;
  const DedupOptions got = DedupOptionsFromFlags();
  EXPECT_EQ(got.window_seconds, want.window_seconds);
  EXPECT_EQ(got.max_documents, want.max_documents);
  EXPECT_EQ(got.near_containment, want.near_containment);
  EXPECT_EQ(got.update_containment, want.update_containment);
  EXPECT_EQ(got.min_jaccard, want.min_jaccard);
  EXPECT_EQ(got.max_missing_keys, want.max_missing_keys);
}

TEST(DedupFlagsTest, FlagsSetTheOptions) {
  absl::SetFlag(&FLAGS_window_hours, 2);
  absl::SetFlag(&FLAGS_near_containment, 0.9);
  const DedupOptions got = DedupOptionsFromFlags();
  EXPECT_EQ(got.window_seconds, 7200);
  EXPECT_EQ(got.near_containment, 0.9);
  absl::SetFlag(&FLAGS_window_hours, DedupOptions().window_seconds / 3600);
  absl::SetFlag(&FLAGS_near_containment, DedupOptions().near_containment);
}

}  // namespace
}  // namespace newswire::dedup
