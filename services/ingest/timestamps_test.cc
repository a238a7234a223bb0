#include "services/ingest/timestamps.h"

#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

int64_t Seconds(absl::string_view text) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(-1);
  ParseIsoTimestamp(text, &ts);
  return ts.seconds();
}

TEST(TimestampsTest, ExtendedBasicAndDateForms) {
  constexpr int64_t k1425 = 1795184700;  // 2026-11-20T14:25:00Z
  constexpr int64_t kDay = int64_t{14 * 60 + 25} * 60;
  EXPECT_EQ(Seconds("2026-11-20T14:25:00Z"), k1425);
  EXPECT_EQ(Seconds(" 2026-11-20T15:25:00+01:00 "), k1425);
  EXPECT_EQ(Seconds("2026-11-20T14:25:00"), k1425);
  EXPECT_EQ(Seconds("2026-11-20T14:25Z"), k1425);
  EXPECT_EQ(Seconds("20261120T142500Z"), k1425);
  EXPECT_EQ(Seconds("20261120T152500+0100"), k1425);
  EXPECT_EQ(Seconds("20261120T1425Z"), k1425);
  EXPECT_EQ(Seconds("2026-11-20"), k1425 - kDay);
  EXPECT_EQ(Seconds("20261120"), k1425 - kDay);
}

TEST(TimestampsTest, FractionsAndRejects) {
  google::protobuf::Timestamp ts;
  ASSERT_TRUE(ParseIsoTimestamp("2026-11-20T14:25:00.25Z", &ts));
  EXPECT_EQ(ts.nanos(), 250000000);
  EXPECT_EQ(Seconds(""), -1);
  EXPECT_EQ(Seconds("yesterday"), -1);
  EXPECT_EQ(Seconds("2026-13-45"), -1);
  EXPECT_EQ(Seconds("20261120T14"), -1);
}

}  // namespace
}  // namespace newswire::ingest
