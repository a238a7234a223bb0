#include "common/time/proto_time.h"

namespace newswire {

void ToProtoTime(absl::Time t, google::protobuf::Timestamp* out) {
  const int64_t seconds = absl::ToUnixSeconds(t);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
}

void MillisToProtoTime(int64_t unix_millis, google::protobuf::Timestamp* out) {
  ToProtoTime(absl::FromUnixMillis(unix_millis), out);
}

absl::Time FromProtoTime(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

}  // namespace newswire
