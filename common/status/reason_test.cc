#include "common/status/reason.h"

#include "common/status/status_macros.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(ReasonTest, AttachedCodeIsReturned) {
  absl::Status s = InvalidRecord("xml.doctype_forbidden", "DOCTYPE at 12");
  EXPECT_EQ(ReasonOf(s), "xml.doctype_forbidden");
  EXPECT_EQ(s.message(), "DOCTYPE at 12");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
}

TEST(ReasonTest, FallsBackToStatusCodeName) {
  EXPECT_EQ(ReasonOf(absl::DataLossError("x")), "data_loss");
  EXPECT_EQ(ReasonOf(absl::OkStatus()), "");
}

absl::StatusOr<int> Half(int x) {
  if (x % 2) return absl::InvalidArgumentError("odd");
  return x / 2;
}

absl::StatusOr<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(StatusMacrosTest, AssignOrReturnPropagates) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().message(), "odd");
}

}  // namespace
}  // namespace newswire
