// Plain value types for records read from and written to Kafka.
#ifndef NEWSWIRE_COMMON_KAFKA_RECORD_H_
#define NEWSWIRE_COMMON_KAFKA_RECORD_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace newswire::kafka {

// A consumed record. The views stay valid only for the duration of the call
// that receives the record.
struct InputRecord {
  absl::string_view topic;
  int32_t partition = 0;
  int64_t offset = 0;
  absl::string_view key;
  absl::string_view value;
  int64_t timestamp_ms = 0;
};

// OutputRecord::partition when the key decides.
inline constexpr int32_t kAnyPartition = -1;

// A record to produce.
struct OutputRecord {
  std::string topic;
  std::string key;
  std::string value;
  // When the wire copy behind this record was received; used for the
  // end-to-end latency metric. InfinitePast when unknown.
  absl::Time source_time = absl::InfinitePast();
  // Kafka record headers (name, value), in order; usually none.
  std::vector<std::pair<std::string, std::string>> headers = {};
  // The partition to write to; kAnyPartition lets the producer's
  // partitioner choose by key (the usual case). A stage whose state topic
  // mirrors its input's partitions sets the input record's partition.
  int32_t partition = kAnyPartition;
};

// A consumed record that owns its bytes.
struct OwnedRecord {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string key;
  std::string value;
  int64_t timestamp_ms = 0;
  // Kafka record headers (name, value), in order.
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace newswire::kafka

#endif  // NEWSWIRE_COMMON_KAFKA_RECORD_H_
