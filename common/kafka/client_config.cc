#include "common/kafka/client_config.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace newswire::kafka {
namespace {

bool UsesSasl(const std::string& protocol) {
  return absl::StartsWith(absl::AsciiStrToLower(protocol), "sasl_");
}

bool UsesTls(const std::string& protocol) {
  std::string p = absl::AsciiStrToLower(protocol);
  return p == "ssl" || p == "sasl_ssl";
}

absl::Status CheckReadable(const std::string& path, const char* flag) {
  if (path.empty() || access(path.c_str(), R_OK) == 0) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(flag, ": cannot read ", path));
}

}  // namespace

std::string KafkaClientConfig::ToString() const {
  std::string s = absl::StrCat(brokers, " (", security_protocol);
  if (UsesSasl(security_protocol)) {
    absl::StrAppend(&s, ", ", sasl_mechanism, " as ",
                    sasl_username.empty() ? "<no user>" : sasl_username,
                    sasl_password.empty() ? ", no password" : ", password ***");
  }
  if (UsesTls(security_protocol)) {
    absl::StrAppend(&s, ", CA ",
                    ssl_ca_location.empty() ? "system store" : ssl_ca_location);
    if (!ssl_certificate_location.empty()) {
      absl::StrAppend(&s, ", client certificate ", ssl_certificate_location);
    }
    if (!ssl_endpoint_identification) {
      absl::StrAppend(&s, ", hostname verification OFF");
    }
  }
  return s + ")";
}

absl::Status ValidateClientConfig(const KafkaClientConfig& config) {
  const std::string protocol = absl::AsciiStrToLower(config.security_protocol);
  if (protocol != "plaintext" && protocol != "ssl" &&
      protocol != "sasl_plaintext" && protocol != "sasl_ssl") {
    return absl::InvalidArgumentError(absl::StrCat(
        "--security_protocol: '", config.security_protocol,
        "' is not one of plaintext, ssl, sasl_plaintext, sasl_ssl"));
  }
  if (config.brokers.empty()) {
    return absl::InvalidArgumentError("--brokers: no bootstrap servers given");
  }
  if (UsesSasl(protocol)) {
    if (config.sasl_mechanism.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--sasl_mechanism is required with --security_protocol=", protocol,
          " (SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN)"));
    }
    if (config.sasl_username.empty() || config.sasl_password.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "no SASL credentials: --security_protocol=", protocol,
          " needs --sasl_username and a password (--sasl_password_file or "
          "NEWSWIRE_SASL_PASSWORD)"));
    }
  } else if (!config.sasl_username.empty() || !config.sasl_mechanism.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--sasl_username/--sasl_mechanism are set but --security_protocol=",
        protocol, " does not use SASL (use sasl_ssl)"));
  }
  const bool tls = UsesTls(protocol);
  if (!tls && (!config.ssl_ca_location.empty() ||
               !config.ssl_certificate_location.empty() ||
               !config.ssl_key_location.empty())) {
    return absl::InvalidArgumentError(
        absl::StrCat("TLS files are set but --security_protocol=", protocol,
                     " does not use TLS (use ssl or sasl_ssl)"));
  }
  if (config.ssl_certificate_location.empty() !=
      config.ssl_key_location.empty()) {
    return absl::InvalidArgumentError(
        "--ssl_certificate_location and --ssl_key_location go together");
  }
  if (auto s = CheckReadable(config.ssl_ca_location, "--ssl_ca_location");
      !s.ok()) {
    return s;
  }
  if (auto s = CheckReadable(config.ssl_certificate_location,
                             "--ssl_certificate_location");
      !s.ok()) {
    return s;
  }
  if (auto s = CheckReadable(config.ssl_key_location, "--ssl_key_location");
      !s.ok()) {
    return s;
  }
  if (config.connect_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--connect_timeout must be positive");
  }
  return absl::OkStatus();
}

absl::Status ReadSecretFile(const std::string& path, std::string* secret) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read secret file ", path));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string value = buffer.str();
  if (!value.empty() && value.back() == '\n') value.pop_back();
  if (!value.empty() && value.back() == '\r') value.pop_back();
  if (value.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("secret file ", path, " is empty"));
  }
  *secret = std::move(value);
  return absl::OkStatus();
}

Properties ClientProperties(const KafkaClientConfig& config,
                            const Properties& overrides, ClientKind kind) {
  Properties props = {
      {"bootstrap.servers", config.brokers},
      {"client.id", config.client_id},
      {"security.protocol", config.security_protocol},
      {"message.max.bytes", absl::StrCat(kMaxMessageBytes)},
  };
  if (!config.sasl_mechanism.empty()) {
    props.emplace_back("sasl.mechanism", config.sasl_mechanism);
  }
  if (!config.sasl_username.empty()) {
    props.emplace_back("sasl.username", config.sasl_username);
    props.emplace_back("sasl.password", config.sasl_password);
  }
  if (UsesTls(config.security_protocol)) {
    props.emplace_back("ssl.endpoint.identification.algorithm",
                       config.ssl_endpoint_identification ? "https" : "none");
  }
  if (!config.ssl_ca_location.empty()) {
    props.emplace_back("ssl.ca.location", config.ssl_ca_location);
  }
  if (!config.ssl_certificate_location.empty()) {
    props.emplace_back("ssl.certificate.location",
                       config.ssl_certificate_location);
  }
  if (!config.ssl_key_location.empty()) {
    props.emplace_back("ssl.key.location", config.ssl_key_location);
  }
  if (!config.ssl_key_password.empty()) {
    props.emplace_back("ssl.key.password", config.ssl_key_password);
  }
  if (kind == ClientKind::kConsumer) {
    props.emplace_back("queued.max.messages.kbytes",
                       absl::StrCat(kConsumerQueueKBytes));
    props.emplace_back("queued.min.messages",
                       absl::StrCat(kConsumerQueueMessages));
    props.emplace_back("max.partition.fetch.bytes",
                       absl::StrCat(kMaxPartitionFetchBytes));
    props.emplace_back("fetch.max.bytes", absl::StrCat(kFetchMaxBytes));
  } else if (kind == ClientKind::kProducer) {
    props.emplace_back("queue.buffering.max.kbytes",
                       absl::StrCat(kProducerQueueKBytes));
    props.emplace_back("queue.buffering.max.messages",
                       absl::StrCat(kProducerQueueMessages));
  }
  for (const auto& kv : overrides) props.push_back(kv);
  for (const auto& kv : config.extra) props.push_back(kv);
  return props;
}

absl::StatusOr<std::unique_ptr<RdKafka::Conf>> MakeConf(
    const KafkaClientConfig& config, const Properties& overrides,
    ClientKind kind) {
  std::unique_ptr<RdKafka::Conf> conf(
      RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string error;
  for (const auto& [key, value] : ClientProperties(config, overrides, kind)) {
    if (conf->set(key, value, error) != RdKafka::Conf::CONF_OK) {
      // The value is not repeated: it may be a secret.
      return absl::InvalidArgumentError(
          absl::StrCat("kafka property ", key, ": ", error));
    }
  }
  return conf;
}

}  // namespace newswire::kafka
