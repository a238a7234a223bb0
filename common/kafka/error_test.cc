#include "common/kafka/error.h"

#include "common/status/reason.h"
#include "gtest/gtest.h"

namespace newswire::kafka {
namespace {

TEST(KafkaErrorTest, ClassifiesCodes) {
  EXPECT_TRUE(FromErrorCode(RdKafka::ERR_NO_ERROR, "x").ok());
  absl::Status transport = FromErrorCode(RdKafka::ERR__TRANSPORT, "produce");
  EXPECT_TRUE(IsRetriable(transport));
  EXPECT_FALSE(IsFatal(transport));
  absl::Status fenced = FromErrorCode(RdKafka::ERR__FENCED, "commit");
  EXPECT_TRUE(IsFatal(fenced));
  EXPECT_EQ(ReasonOf(fenced), "kafka.fatal");
  absl::Status other = FromErrorCode(RdKafka::ERR_MSG_SIZE_TOO_LARGE, "p");
  EXPECT_FALSE(IsRetriable(other));
  EXPECT_FALSE(IsFatal(other));
  EXPECT_EQ(ReasonOf(other), "kafka.abortable");
  EXPECT_NE(other.message().find("p: "), absl::string_view::npos);
}

TEST(KafkaErrorTest, NullErrorIsOk) {
  EXPECT_TRUE(FromError(nullptr, "x").ok());
}

}  // namespace
}  // namespace newswire::kafka
