#include "common/status/reason.h"

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"

namespace newswire {
namespace {
constexpr absl::string_view kReasonUrl = "type.newswire.dev/reason";
}  // namespace

absl::Status WithReason(absl::Status status, absl::string_view code) {
  status.SetPayload(kReasonUrl, absl::Cord(code));
  return status;
}

absl::Status InvalidRecord(absl::string_view code, absl::string_view message) {
  return WithReason(absl::InvalidArgumentError(message), code);
}

std::string ReasonOf(const absl::Status& status) {
  if (status.ok()) return "";
  absl::optional<absl::Cord> payload = status.GetPayload(kReasonUrl);
  if (payload.has_value()) return std::string(*payload);
  return absl::AsciiStrToLower(absl::StatusCodeToString(status.code()));
}

}  // namespace newswire
