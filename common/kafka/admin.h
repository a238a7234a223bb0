// Creating the pipeline's topics and asking how wide they are.
//
// Example:
//   RETURN_IF_ERROR(EnsureTopics(config, PipelineTopics(prefix, 3)));
//   RETURN_IF_ERROR(EnsureTopics(config, {{prefix + "agency.feed", 3}}));
//   ASSIGN_OR_RETURN(int n, PartitionCount(config, prefix + "agency.feed"));
#ifndef NEWSWIRE_COMMON_KAFKA_ADMIN_H_
#define NEWSWIRE_COMMON_KAFKA_ADMIN_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/kafka/client_config.h"

namespace newswire::kafka {

struct TopicSpec {
  std::string name;
  int partitions = 1;
  // -1 takes the broker's default.replication.factor.
  int replication_factor = -1;
  Properties configs;
};

// Creates each topic that does not exist yet; an existing topic is left as it
// is (its partition count is not changed). Returns the first other error.
[[nodiscard]] absl::Status EnsureTopics(
    const KafkaClientConfig& config, const std::vector<TopicSpec>& topics,
    absl::Duration timeout = absl::Seconds(30));

// The number of partitions of `topic`. NotFound if it does not exist (or
// is not visible to this user); Unavailable if the cluster does not answer
// within `timeout`.
[[nodiscard]] absl::StatusOr<int> PartitionCount(
    const KafkaClientConfig& config, const std::string& topic,
    absl::Duration timeout = absl::Seconds(30));

// The standard pipeline topics with `prefix` before each name ("" in
// production; tests use a unique prefix per run): wire.raw, wire.articles,
// wire.unique, wire.duplicates, wire.enriched, wire.dlq (each `partitions`
// wide) and the compacted single-partition wire.dedup-state, all accepting
// records up to kMaxMessageBytes.
std::vector<TopicSpec> PipelineTopics(const std::string& prefix,
                                      int partitions);

}  // namespace newswire::kafka

#endif  // NEWSWIRE_COMMON_KAFKA_ADMIN_H_
