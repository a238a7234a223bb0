// Flags shared by the three services, and the config they produce.
//
// Every flag is also read from NEWSWIRE_<NAME> (see common/config/flags.h).
// Connection: --brokers --security_protocol --sasl_mechanism --sasl_username
//   --sasl_password_file (or env NEWSWIRE_SASL_PASSWORD) --ssl_ca_location
//   --ssl_certificate_location --ssl_key_location --ssl_key_password_file
//   (or env NEWSWIRE_SSL_KEY_PASSWORD) --ssl_endpoint_identification
//   --connect_timeout --client_id --kafka_property=k=v,...
// Loop: --group_id --transactional_id --static_membership --session_timeout
//   --input_topic --dlq_topic --batch_size --commit_interval --idle_commit
//   --transaction_timeout
// Membership: dynamic by default, so a stopped instance (SIGTERM) leaves the
//   group and its partitions move at once; a crashed one's move after
//   --session_timeout. See docs/RELIABILITY.md.
// Operations: --stall_timeout --metrics_address --create_topics
//   --topic_partitions --topic_prefix
// Benchmarking: --passthrough (every service; see PassthroughFlag)
#ifndef NEWSWIRE_COMMON_SERVICE_SERVICE_FLAGS_H_
#define NEWSWIRE_COMMON_SERVICE_SERVICE_FLAGS_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/kafka/client_config.h"
#include "common/kafka/stream_processor.h"

namespace newswire {

// Connection settings from the flags, checked by ValidateClientConfig.
// Errors name the flag to fix (a malformed --kafka_property entry, missing
// credentials, an unreadable TLS or password file).
[[nodiscard]] absl::StatusOr<kafka::KafkaClientConfig> KafkaConfigFromFlags();

// Loop settings from the flags. Empty flags take the stage's defaults:
// group "newswire-<stage>", transactional id "newswire-<stage>-<hostname>",
// and `default_input` (with --topic_prefix before it).
[[nodiscard]] absl::StatusOr<kafka::StreamProcessorOptions>
ProcessorOptionsFromFlags(const std::string& stage,
                          const std::string& default_input);

// --topic_prefix + name.
std::string TopicName(const std::string& name);

// The topic a stage consumes: --input_topic as given when set, else
// TopicName(default_input). Whatever feeds a stage from inside the process
// (the ingest drop folder) writes here, so both follow the same flags.
std::string InputTopicFromFlags(const std::string& default_input);

std::string MetricsAddressFlag();
bool CreateTopicsFlag();
int TopicPartitionsFlag();

// --passthrough: the service runs a PassthroughHandler
// (services/passthrough/passthrough_handler.h) instead of its stage, to
// measure what the Kafka loop alone costs. Defined once here so that every
// service reads the same flag.
bool PassthroughFlag();

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_SERVICE_SERVICE_FLAGS_H_
