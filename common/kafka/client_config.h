// How to reach a Kafka cluster, and librdkafka configuration built from it.
//
// Every newswire binary takes the same connection flags (see
// common/service/service_flags.h); this struct is what they produce, so tests
// can build one by hand. Clients are made from it by client.h, never directly.
//
// Secrets (the SASL password, a TLS key's password) live only in this struct
// and in librdkafka's configuration: nothing here prints or logs them, and
// ToString() masks them.
//
// Example:
//   KafkaClientConfig config;
//   config.brokers = "kafka-1:9093";
//   config.security_protocol = "sasl_ssl";
//   config.sasl_mechanism = "SCRAM-SHA-512";
//   config.sasl_username = "newswire-ingest";
//   RETURN_IF_ERROR(ReadSecretFile("/etc/kafka-user/password",
//                                  &config.sasl_password));
//   RETURN_IF_ERROR(ValidateClientConfig(config));
#ifndef NEWSWIRE_COMMON_KAFKA_CLIENT_CONFIG_H_
#define NEWSWIRE_COMMON_KAFKA_CLIENT_CONFIG_H_

#include <librdkafka/rdkafkacpp.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

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
  std::string sasl_password;  // secret
  // CA bundle (PEM) that signed the brokers' certificates, for ssl and
  // sasl_ssl; empty uses the system store.
  std::string ssl_ca_location;
  // Client certificate and key (PEM) for mutual TLS; both or neither.
  std::string ssl_certificate_location;
  std::string ssl_key_location;
  std::string ssl_key_password;  // secret; only for an encrypted key
  // Check that the broker's certificate names the host connected to.
  bool ssl_endpoint_identification = true;
  std::string client_id = "newswire";
  // How long a client waits for the cluster to answer at start before it
  // reports it unreachable (see CheckCluster in client.h).
  absl::Duration connect_timeout = absl::Seconds(10);
  // Raw librdkafka properties applied last (from --kafka_property k=v).
  Properties extra;

  // One line naming the endpoint and security settings, secrets masked.
  std::string ToString() const;
};

// Checks that the settings can work before any connection is tried: a known
// security protocol, SASL credentials where SASL is used, TLS files that
// exist and are readable, certificate and key given together. Returns
// InvalidArgument with a message naming the flag to fix.
[[nodiscard]] absl::Status ValidateClientConfig(
    const KafkaClientConfig& config);

// Reads a secret (a password) from `path` into `*secret`, dropping one
// trailing newline. Kubernetes mounts Secrets as such files. The error names
// the path, never the content.
[[nodiscard]] absl::Status ReadSecretFile(const std::string& path,
                                          std::string* secret);

// Returns the librdkafka properties for `config` followed by `overrides`
// (later entries win).
Properties ClientProperties(const KafkaClientConfig& config,
                            const Properties& overrides = {});

// Builds a global RdKafka::Conf from ClientProperties(config, overrides).
// Returns InvalidArgument naming the property librdkafka rejected.
[[nodiscard]] absl::StatusOr<std::unique_ptr<RdKafka::Conf>> MakeConf(
    const KafkaClientConfig& config, const Properties& overrides = {});

}  // namespace newswire::kafka

#endif  // NEWSWIRE_COMMON_KAFKA_CLIENT_CONFIG_H_
