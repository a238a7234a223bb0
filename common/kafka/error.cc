#include "common/kafka/error.h"

#include <memory>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "common/status/reason.h"

namespace newswire::kafka {
namespace {

constexpr absl::string_view kClassUrl = "type.newswire.dev/kafka-error-class";
constexpr absl::string_view kRetriable = "retriable";
constexpr absl::string_view kAbortable = "abortable";
constexpr absl::string_view kFatal = "fatal";

absl::Status Make(absl::string_view klass, absl::string_view what,
                  absl::string_view text) {
  absl::StatusCode status_code = absl::StatusCode::kInternal;
  if (klass == kRetriable) status_code = absl::StatusCode::kUnavailable;
  if (klass == kAbortable) status_code = absl::StatusCode::kAborted;
  if (klass == kFatal) status_code = absl::StatusCode::kFailedPrecondition;
  absl::Status status(status_code,
                      absl::StrCat(what, ": ", text, " (", klass, ")"));
  status.SetPayload(kClassUrl, absl::Cord(klass));
  return WithReason(std::move(status), absl::StrCat("kafka.", klass));
}

bool HasClass(const absl::Status& status, absl::string_view klass) {
  auto payload = status.GetPayload(kClassUrl);
  return payload.has_value() && *payload == klass;
}

}  // namespace

absl::Status FromErrorCode(RdKafka::ErrorCode code, absl::string_view what) {
  switch (code) {
    case RdKafka::ERR_NO_ERROR:
      return absl::OkStatus();
    case RdKafka::ERR__TRANSPORT:
    case RdKafka::ERR__ALL_BROKERS_DOWN:
    case RdKafka::ERR__TIMED_OUT:
    case RdKafka::ERR_REQUEST_TIMED_OUT:
    case RdKafka::ERR__QUEUE_FULL:
    case RdKafka::ERR_NOT_COORDINATOR:
    case RdKafka::ERR_COORDINATOR_NOT_AVAILABLE:
    case RdKafka::ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RdKafka::ERR_CONCURRENT_TRANSACTIONS:
    case RdKafka::ERR_NOT_ENOUGH_REPLICAS:
    case RdKafka::ERR_LEADER_NOT_AVAILABLE:
    case RdKafka::ERR_NOT_LEADER_FOR_PARTITION:
      return Make(kRetriable, what, RdKafka::err2str(code));
    case RdKafka::ERR__FENCED:
    case RdKafka::ERR_PRODUCER_FENCED:
    case RdKafka::ERR_INVALID_PRODUCER_EPOCH:
    case RdKafka::ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
    case RdKafka::ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RdKafka::ERR_TOPIC_AUTHORIZATION_FAILED:
    case RdKafka::ERR_GROUP_AUTHORIZATION_FAILED:
    case RdKafka::ERR__FATAL:
    case RdKafka::ERR__SSL:
    case RdKafka::ERR__AUTHENTICATION:
    case RdKafka::ERR_SASL_AUTHENTICATION_FAILED:
      return Make(kFatal, what, RdKafka::err2str(code));
    default:
      return Make(kAbortable, what, RdKafka::err2str(code));
  }
}

absl::Status FromError(RdKafka::Error* raw, absl::string_view what) {
  std::unique_ptr<RdKafka::Error> error(raw);
  if (error == nullptr) return absl::OkStatus();
  absl::string_view klass = kAbortable;
  if (error->is_fatal()) {
    klass = kFatal;
  } else if (error->txn_requires_abort()) {
    klass = kAbortable;
  } else if (error->is_retriable()) {
    klass = kRetriable;
  } else if (IsFatal(FromErrorCode(error->code(), what))) {
    klass = kFatal;
  }
  return Make(klass, what, error->str());
}

bool IsRetriable(const absl::Status& status) {
  return HasClass(status, kRetriable);
}
bool IsFatal(const absl::Status& status) { return HasClass(status, kFatal); }

}  // namespace newswire::kafka
