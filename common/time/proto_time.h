// Conversions between absl::Time and google.protobuf.Timestamp, the one way
// every record's time fields are written and read.
//
// Example:
//   ToProtoTime(absl::Now(), record.mutable_enriched_time());
//   absl::Time received = FromProtoTime(article.received_time());
//
// Thread-safety: pure functions.
#ifndef NEWSWIRE_COMMON_TIME_PROTO_TIME_H_
#define NEWSWIRE_COMMON_TIME_PROTO_TIME_H_

#include <cstdint>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace newswire {

// Stores `t` in `out`, to the nanosecond (floored).
void ToProtoTime(absl::Time t, google::protobuf::Timestamp* out);

// Stores a Kafka record timestamp (milliseconds since the epoch) in `out`.
void MillisToProtoTime(int64_t unix_millis, google::protobuf::Timestamp* out);

// Returns the time in `ts`; the epoch for an unset Timestamp.
absl::Time FromProtoTime(const google::protobuf::Timestamp& ts);

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_TIME_PROTO_TIME_H_
