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

#include <cstdint>
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

// Limits on librdkafka's buffers, which bound a client's memory whatever
// backlog waits in its input topic. Every client gets them (client.h) before
// the caller's properties and --kafka_property, which override them.
// docs/RELIABILITY.md (*Bounded memory*) has the arithmetic and the
// measurements; librdkafka's own defaults are in brackets.
//
// Consumer prefetch. librdkafka fetches ahead until its queue holds
// kConsumerQueueKBytes of records or kConsumerQueueMessages records [64 MiB,
// 100,000]; for a group consumer (and TopicReader, which reads every
// partition through one queue) that is one queue for all partitions. One
// fetch response may come on top: at most kMaxPartitionFetchBytes per
// partition [1 MiB] and kFetchMaxBytes in all [50 MB], except that a record
// larger than those is still fetched whole. 8 MiB is a quarter to half a
// second of input for the fastest stage (route, 13-30 MB/s on a backlog) and
// seconds for the others: far more than a fetch round trip needs. The
// message count bounds librdkafka's per-record overhead (a few hundred
// bytes) when records are small.
inline constexpr int kConsumerQueueKBytes = 8 * 1024;
inline constexpr int kConsumerQueueMessages = 10000;
inline constexpr int kMaxPartitionFetchBytes = 1024 * 1024;
// librdkafka raises fetch.max.bytes to at least message.max.bytes.
inline constexpr int kFetchMaxBytes = kMaxMessageBytes;
// Producer queue: records produced and not yet acknowledged [1 GiB, 100,000].
// A full queue makes produce() wait for deliveries (back-pressure, in
// stream_processor.cc and publisher.cc), so the limit costs no records. It must
// hold the largest record; 2x that leaves room for a transaction's other
// records. Only route, which copies each record to every matching subscription,
// can fill it: a transaction of 1,000 records of 2.5 KB matching ~13
// subscriptions each (as in the route benchmark with 1,000 subscriptions)
// holds 32 MB. The other stages' transactions hold a few MB.
inline constexpr int kProducerQueueKBytes = 2 * kMaxMessageBytes / 1024;
inline constexpr int kProducerQueueMessages = 50000;
static_assert(int64_t{kProducerQueueKBytes} * 1024 >= kMaxMessageBytes,
              "the producer queue must hold the largest record");

// Which buffer limits ClientProperties() adds.
enum class ClientKind { kProducer, kConsumer, kOther };

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

// Returns the librdkafka properties for `config`: connection and security
// settings, then the buffer limits above for `kind`, then `overrides`, then
// config.extra (--kafka_property). Later entries win.
Properties ClientProperties(const KafkaClientConfig& config,
                            const Properties& overrides = {},
                            ClientKind kind = ClientKind::kOther);

// Builds a global RdKafka::Conf from ClientProperties(config, overrides,
// kind). Returns InvalidArgument naming the property librdkafka rejected.
[[nodiscard]] absl::StatusOr<std::unique_ptr<RdKafka::Conf>> MakeConf(
    const KafkaClientConfig& config, const Properties& overrides = {},
    ClientKind kind = ClientKind::kOther);

}  // namespace newswire::kafka

#endif  // NEWSWIRE_COMMON_KAFKA_CLIENT_CONFIG_H_
