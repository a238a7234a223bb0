// Machine-readable reason codes carried on an absl::Status.
//
// Every per-record failure that sends a record to the dead-letter topic
// carries a short, stable reason code ("xml.doctype_forbidden",
// "payload.too_large") next to the human-readable message. The code becomes
// DeadLetter.error_code and the `reason` label of
// newswire_dead_lettered_total, so it must come from a small fixed set: never
// put an article id, offset or other unbounded value in it (those go in the
// message).
//
// Example:
//   return WithReason(absl::InvalidArgumentError("DOCTYPE at byte 12"),
//                     "xml.doctype_forbidden");
//   ...
//   std::string code = ReasonOf(status);  // "xml.doctype_forbidden"
#ifndef NEWSWIRE_COMMON_STATUS_REASON_H_
#define NEWSWIRE_COMMON_STATUS_REASON_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace newswire {

// Returns `status` with `code` attached. REQUIRES: !status.ok().
[[nodiscard]] absl::Status WithReason(absl::Status status,
                                      absl::string_view code);

// Shorthand for WithReason(absl::InvalidArgumentError(message), code).
[[nodiscard]] absl::Status InvalidRecord(absl::string_view code,
                                         absl::string_view message);

// Returns the reason code attached to `status`; when none was attached, a
// code derived from the status code ("internal", "invalid_argument", ...).
std::string ReasonOf(const absl::Status& status);

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_STATUS_REASON_H_
