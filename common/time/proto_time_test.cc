#include "common/time/proto_time.h"

#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(ProtoTimeTest, RoundTripsToTheNanosecond) {
  absl::Time t =
      absl::FromUnixSeconds(1700000000) + absl::Nanoseconds(123456789);
  google::protobuf::Timestamp ts;
  ToProtoTime(t, &ts);
  EXPECT_EQ(ts.seconds(), 1700000000);
  EXPECT_EQ(ts.nanos(), 123456789);
  EXPECT_EQ(FromProtoTime(ts), t);
}

TEST(ProtoTimeTest, BeforeTheEpochKeepsNanosPositive) {
  google::protobuf::Timestamp ts;
  ToProtoTime(absl::FromUnixMillis(-1500), &ts);
  EXPECT_EQ(ts.seconds(), -2);
  EXPECT_EQ(ts.nanos(), 500000000);
}

TEST(ProtoTimeTest, KafkaMillis) {
  google::protobuf::Timestamp ts;
  MillisToProtoTime(1700000000123, &ts);
  EXPECT_EQ(ts.seconds(), 1700000000);
  EXPECT_EQ(ts.nanos(), 123000000);
  EXPECT_EQ(FromProtoTime(google::protobuf::Timestamp()), absl::UnixEpoch());
}

}  // namespace
}  // namespace newswire
