// How to reach a Kafka cluster, and librdkafka configuration built from it.
//
// Every newswire binary takes the same connection flags (see kafka_flags.h);
// this struct is what they produce, so tests can build one by hand.
//
// Example:
//   KafkaClientConfig config;
//   config.brokers = "127.0.0.1:9092";
//   ASSIGN_OR_RETURN(std::unique_ptr<RdKafka::Conf> conf,
//                    MakeConf(config, {{"group.id", "newswire-dedup"}}));
#ifndef NEWSWIRE_COMMON_KAFKA_CLIENT_CONFIG_H_
#define NEWSWIRE_COMMON_KAFKA_CLIENT_CONFIG_H_

#include <librdkafka/rdkafkacpp.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace newswire::kafka {

using Properties = std::vector<std::pair<std::string, std::string>>;

// The largest record newswire produces or accepts, well above ingest's
// default --max_record_bytes (4 MiB) so that an article, its enrichment and
// a dead letter carrying its original bytes all fit. Clients use it as
// librdkafka's message.max.bytes; PipelineTopics() sets it as each topic's
// max.message.bytes (Kafka's default for both is about 1 MB).
inline constexpr int kMaxMessageBytes = 16 * 1024 * 1024;

struct KafkaClientConfig {
  // Comma-separated host:port list.
  std::string brokers = "127.0.0.1:9092";
  // plaintext, ssl, sasl_plaintext or sasl_ssl.
  std::string security_protocol = "plaintext";
  // SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN; used with sasl_* protocols.
  std::string sasl_mechanism;
  std::string sasl_username;
  std::string sasl_password;
  // CA bundle for ssl / sasl_ssl; empty uses the system store.
  std::string ssl_ca_location;
  std::string client_id = "newswire";
  // Raw librdkafka properties applied last (from --kafka_property k=v).
  Properties extra;
};

// Returns the librdkafka properties for `config` followed by `overrides`
// (later entries win).
Properties ClientProperties(const KafkaClientConfig& config,
                            const Properties& overrides = {});

// Builds a global RdKafka::Conf from ClientProperties(config, overrides).
// Returns InvalidArgument naming the property librdkafka rejected.
absl::StatusOr<std::unique_ptr<RdKafka::Conf>> MakeConf(
    const KafkaClientConfig& config, const Properties& overrides = {});

}  // namespace newswire::kafka

#endif  // NEWSWIRE_COMMON_KAFKA_CLIENT_CONFIG_H_
