// Translation of librdkafka errors into absl::Status, done once, here.
//
// Each translated status carries a class that the transactional loop acts on:
//   retriable  the same call may simply be tried again;
//   abortable  the open transaction must be aborted and its input replayed;
//   fatal      the producer is unusable (fenced, or a bug): exit non-zero.
//
// Example:
//   RdKafka::Error* e = producer->commit_transaction(timeout_ms);
//   absl::Status s = FromError(e, "commit_transaction");  // takes ownership
//   if (IsRetriable(s)) { ... try again ... }
#ifndef NEWSWIRE_COMMON_KAFKA_ERROR_H_
#define NEWSWIRE_COMMON_KAFKA_ERROR_H_

#include <librdkafka/rdkafkacpp.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace newswire::kafka {

// Returns OK for ERR_NO_ERROR; otherwise a status naming `what`, the error
// and its class (retriable for transient broker/network errors, fatal for
// fencing and authorization failures, abortable otherwise).
[[nodiscard]] absl::Status FromErrorCode(RdKafka::ErrorCode code,
                                         absl::string_view what);

// Takes ownership of `error` (may be null, meaning success).
[[nodiscard]] absl::Status FromError(RdKafka::Error* error,
                                     absl::string_view what);

bool IsRetriable(const absl::Status& status);
bool IsFatal(const absl::Status& status);

}  // namespace newswire::kafka

#endif  // NEWSWIRE_COMMON_KAFKA_ERROR_H_
