#include "common/service/service_flags.h"

#include <unistd.h>

#include <cstdlib>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/kafka/topics.h"

ABSL_FLAG(std::string, brokers, "127.0.0.1:9092",
          "Kafka bootstrap servers, host:port[,host:port...]");
ABSL_FLAG(std::string, security_protocol, "plaintext",
          "plaintext, ssl, sasl_plaintext or sasl_ssl");
ABSL_FLAG(std::string, sasl_mechanism, "",
          "SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN (with sasl_* protocols)");
ABSL_FLAG(std::string, sasl_username, "", "SASL user name");
ABSL_FLAG(std::string, sasl_password_file, "",
          "file holding the SASL password (a mounted Secret); otherwise the "
          "password is read from the environment variable "
          "NEWSWIRE_SASL_PASSWORD. There is no password flag: command lines "
          "are visible to every user of the machine");
ABSL_FLAG(std::string, ssl_ca_location, "",
          "CA bundle (PEM) that signed the brokers' certificates (default: "
          "the system store)");
ABSL_FLAG(std::string, ssl_certificate_location, "",
          "client certificate (PEM) for mutual TLS, with --ssl_key_location");
ABSL_FLAG(std::string, ssl_key_location, "",
          "client private key (PEM) for mutual TLS");
ABSL_FLAG(std::string, ssl_key_password_file, "",
          "file holding the password of an encrypted --ssl_key_location "
          "(or NEWSWIRE_SSL_KEY_PASSWORD)");
ABSL_FLAG(bool, ssl_endpoint_identification, true,
          "check that each broker's certificate names the host connected to; "
          "turn off only for a test cluster whose certificates lack the names");
ABSL_FLAG(absl::Duration, connect_timeout, absl::Seconds(10),
          "report the cluster unreachable (and exit non-zero) if it does not "
          "answer within this time at start");
ABSL_FLAG(std::string, client_id, "newswire", "Kafka client.id");
ABSL_FLAG(std::vector<std::string>, kafka_property, {},
          "extra librdkafka properties, k=v[,k=v...] (a value may hold "
          "commas: debug=cgrp,eos); they override "
          "newswire's own, including the buffer limits that bound memory "
          "(queued.max.messages.kbytes, queue.buffering.max.kbytes, ...: "
          "common/kafka/client_config.h)");
ABSL_FLAG(std::string, group_id, "",
          "consumer group (default newswire-<stage>)");
ABSL_FLAG(std::string, transactional_id, "",
          "stable per instance (default newswire-<stage>-<hostname>)");
ABSL_FLAG(bool, static_membership, false,
          "join the group with group.instance.id = transactional id. A "
          "restarted instance then gets its partitions back without a "
          "rebalance, but a stopped one keeps them, unserved, for "
          "--session_timeout (a static member cannot leave the group). Only "
          "for instances that always come back under the same id (a "
          "StatefulSet ordinal); off, SIGTERM hands partitions over at once");
ABSL_FLAG(absl::Duration, session_timeout, absl::Seconds(10),
          "Kafka session.timeout.ms: a crashed instance's partitions move to "
          "the others after this long (the broker allows 6s..30min by "
          "default)");
ABSL_FLAG(std::string, input_topic, "", "topic to consume (stage default)");
ABSL_FLAG(std::string, dlq_topic, newswire::kafka::kDlqTopic,
          "dead-letter topic");
ABSL_FLAG(std::string, topic_prefix, "",
          "prefix added to every default topic name (tests, multi-tenant)");
ABSL_FLAG(int, batch_size, 1000, "records per transaction at most");
ABSL_FLAG(absl::Duration, commit_interval, absl::Milliseconds(500),
          "commit the open transaction at least this often");
ABSL_FLAG(absl::Duration, idle_commit, absl::InfiniteDuration(),
          "commit the open transaction as soon as the input is drained (no "
          "record for this long) instead of waiting out --commit_interval; "
          "inf (the default) turns it off. The low-latency setting is "
          "--commit_interval=100ms --idle_commit=5ms (docs/OPERATIONS.md, "
          "*Latency*)");
ABSL_FLAG(absl::Duration, transaction_timeout, absl::Seconds(10),
          "Kafka transaction.timeout.ms: the broker aborts a transaction left "
          "open by a crashed instance after this long (plus its abort check "
          "interval); until then read_committed readers of what it wrote "
          "wait");
ABSL_FLAG(absl::Duration, stall_timeout, absl::Minutes(5),
          "/healthz fails once the loop has made no progress for this long "
          "while it holds partitions with input pending (0 disables)");
ABSL_FLAG(std::string, metrics_address, "0.0.0.0:9464",
          "host:port serving /metrics, /healthz and /readyz");
ABSL_FLAG(bool, create_topics, true, "create missing pipeline topics at start");
ABSL_FLAG(int, topic_partitions, 3, "partitions for topics created at start");
ABSL_FLAG(bool, passthrough, false,
          "benchmark baseline: same loop, topics and transactions, but the "
          "stage's work replaced by the cheapest valid transformation "
          "(services/passthrough/README.md)");

namespace newswire {
namespace {

// `file` if set, else the environment variable `env`, else empty.
absl::Status ReadSecret(const std::string& file, const char* env,
                        std::string* secret) {
  if (!file.empty()) return kafka::ReadSecretFile(file, secret);
  const char* value = std::getenv(env);
  secret->assign(value != nullptr ? value : "");
  return absl::OkStatus();
}

}  // namespace

std::string TopicName(const std::string& name) {
  return absl::GetFlag(FLAGS_topic_prefix) + name;
}

std::string InputTopicFromFlags(const std::string& default_input) {
  std::string topic = absl::GetFlag(FLAGS_input_topic);
  return topic.empty() ? TopicName(default_input) : topic;
}

absl::StatusOr<kafka::KafkaClientConfig> KafkaConfigFromFlags() {
  kafka::KafkaClientConfig c;
  c.brokers = absl::GetFlag(FLAGS_brokers);
  c.security_protocol = absl::GetFlag(FLAGS_security_protocol);
  c.sasl_mechanism = absl::GetFlag(FLAGS_sasl_mechanism);
  c.sasl_username = absl::GetFlag(FLAGS_sasl_username);
  c.ssl_ca_location = absl::GetFlag(FLAGS_ssl_ca_location);
  c.ssl_certificate_location = absl::GetFlag(FLAGS_ssl_certificate_location);
  c.ssl_key_location = absl::GetFlag(FLAGS_ssl_key_location);
  c.ssl_endpoint_identification =
      absl::GetFlag(FLAGS_ssl_endpoint_identification);
  c.client_id = absl::GetFlag(FLAGS_client_id);
  c.connect_timeout = absl::GetFlag(FLAGS_connect_timeout);
  // Secrets come from files or the environment, never from flag values
  // (which --helpfull would print and `ps` would show).
  if (absl::Status s = ReadSecret(absl::GetFlag(FLAGS_sasl_password_file),
                                  "NEWSWIRE_SASL_PASSWORD", &c.sasl_password);
      !s.ok()) {
    return s;
  }
  if (absl::Status s =
          ReadSecret(absl::GetFlag(FLAGS_ssl_key_password_file),
                     "NEWSWIRE_SSL_KEY_PASSWORD", &c.ssl_key_password);
      !s.ok()) {
    return s;
  }
  // The flag is a list split at commas, but some librdkafka values are
  // lists themselves (debug=cgrp,eos): a piece without '=' continues the
  // previous property's value.
  std::vector<std::string> properties;
  for (const std::string& piece : absl::GetFlag(FLAGS_kafka_property)) {
    if (!properties.empty() && !absl::StrContains(piece, '=')) {
      absl::StrAppend(&properties.back(), ",", piece);
    } else {
      properties.push_back(piece);
    }
  }
  for (const std::string& kv : properties) {
    std::vector<std::string> parts =
        absl::StrSplit(kv, absl::MaxSplits('=', 1));
    if (parts.size() != 2 || parts[0].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--kafka_property wants key=value, got '", kv, "'"));
    }
    if (absl::StrContains(parts[0], "password")) {
      return absl::InvalidArgumentError(
          absl::StrCat("--kafka_property must not carry a password (", parts[0],
                       "): use the password files or environment variables"));
    }
    c.extra.emplace_back(parts[0], parts[1]);
  }
  if (absl::Status s = kafka::ValidateClientConfig(c); !s.ok()) return s;
  return c;
}

absl::StatusOr<kafka::StreamProcessorOptions> ProcessorOptionsFromFlags(
    const std::string& stage, const std::string& default_input) {
  kafka::StreamProcessorOptions o;
  o.stage = stage;
  auto kafka = KafkaConfigFromFlags();
  if (!kafka.ok()) return kafka.status();
  o.kafka = *std::move(kafka);
  o.group_id = absl::GetFlag(FLAGS_group_id);
  if (o.group_id.empty()) o.group_id = TopicName("newswire-" + stage);
  o.transactional_id = absl::GetFlag(FLAGS_transactional_id);
  if (o.transactional_id.empty()) {
    char host[256] = {0};
    gethostname(host, sizeof(host) - 1);
    o.transactional_id =
        absl::StrCat(TopicName("newswire-" + stage), "-", host);
  }
  if (absl::GetFlag(FLAGS_static_membership)) {
    o.group_instance_id = o.transactional_id;
  }
  o.input_topic = InputTopicFromFlags(default_input);
  o.dlq_topic = TopicName(absl::GetFlag(FLAGS_dlq_topic));
  o.batch_size = absl::GetFlag(FLAGS_batch_size);
  o.commit_interval = absl::GetFlag(FLAGS_commit_interval);
  o.idle_commit = absl::GetFlag(FLAGS_idle_commit);
  o.transaction_timeout = absl::GetFlag(FLAGS_transaction_timeout);
  o.stall_timeout = absl::GetFlag(FLAGS_stall_timeout);
  o.session_timeout = absl::GetFlag(FLAGS_session_timeout);
  if (o.session_timeout < absl::Seconds(1)) {
    return absl::InvalidArgumentError("--session_timeout must be at least 1s");
  }
  if (o.batch_size < 1) {
    return absl::InvalidArgumentError("--batch_size must be at least 1");
  }
  if (o.commit_interval <= absl::ZeroDuration() ||
      o.commit_interval >= o.transaction_timeout) {
    return absl::InvalidArgumentError(
        "--commit_interval must be positive and below --transaction_timeout");
  }
  if (o.idle_commit < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--idle_commit must not be negative");
  }
  // A healthy loop commits every --commit_interval; a shorter stall
  // timeout would fail /healthz on a loop that is merely busy.
  if (o.stall_timeout > absl::ZeroDuration() &&
      o.stall_timeout <= o.commit_interval) {
    return absl::InvalidArgumentError(
        "--stall_timeout must be 0 (off) or above --commit_interval");
  }
  return o;
}

std::string MetricsAddressFlag() {
  return absl::GetFlag(FLAGS_metrics_address);
}
bool CreateTopicsFlag() { return absl::GetFlag(FLAGS_create_topics); }
int TopicPartitionsFlag() { return absl::GetFlag(FLAGS_topic_partitions); }
bool PassthroughFlag() { return absl::GetFlag(FLAGS_passthrough); }

}  // namespace newswire
