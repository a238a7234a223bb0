#include "services/ingest/ingest_flags.h"

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "gtest/gtest.h"

ABSL_DECLARE_FLAG(int32_t, max_nesting_depth);

namespace newswire::ingest {
namespace {

TEST(IngestFlagsTest, DefaultsAreTheOptionsDefaults) {
  const IngestOptions want;
  const IngestOptions got = IngestOptionsFromFlags();
  EXPECT_EQ(got.max_record_bytes, want.max_record_bytes);
  EXPECT_EQ(got.max_nesting_depth, want.max_nesting_depth);
  EXPECT_EQ(got.max_articles_per_record, want.max_articles_per_record);
}

TEST(IngestFlagsTest, FlagsSetTheOptions) {
  absl::SetFlag(&FLAGS_max_nesting_depth, 8);
  EXPECT_EQ(IngestOptionsFromFlags().max_nesting_depth, 8);
  absl::SetFlag(&FLAGS_max_nesting_depth, IngestOptions().max_nesting_depth);
}

}  // namespace
}  // namespace newswire::ingest
