#include "common/kafka/client_config.h"

#include "absl/strings/str_cat.h"

namespace newswire::kafka {

Properties ClientProperties(const KafkaClientConfig& config,
                            const Properties& overrides) {
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
  if (!config.ssl_ca_location.empty()) {
    props.emplace_back("ssl.ca.location", config.ssl_ca_location);
  }
  for (const auto& kv : overrides) props.push_back(kv);
  for (const auto& kv : config.extra) props.push_back(kv);
  return props;
}

absl::StatusOr<std::unique_ptr<RdKafka::Conf>> MakeConf(
    const KafkaClientConfig& config, const Properties& overrides) {
  std::unique_ptr<RdKafka::Conf> conf(
      RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string error;
  for (const auto& [key, value] : ClientProperties(config, overrides)) {
    if (conf->set(key, value, error) != RdKafka::Conf::CONF_OK) {
      return absl::InvalidArgumentError(
          absl::StrCat("kafka property ", key, ": ", error));
    }
  }
  return conf;
}

}  // namespace newswire::kafka
