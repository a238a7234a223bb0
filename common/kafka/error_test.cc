#include "common/kafka/error.h"

#include "common/kafka/client_config.h"
#include "common/status/reason.h"
#include "gtest/gtest.h"

namespace newswire::kafka {
namespace {

TEST(KafkaErrorTest, ClassifiesCodes) {
  EXPECT_TRUE(FromErrorCode(RdKafka::ERR_NO_ERROR, "x").ok());
  absl::Status transport = FromErrorCode(RdKafka::ERR__TRANSPORT, "produce");
  EXPECT_TRUE(IsRetriable(transport));
  EXPECT_FALSE(IsFatal(transport));
  absl::Status fenced = FromErrorCode(RdKafka::ERR__FENCED, "commit");
  EXPECT_TRUE(IsFatal(fenced));
  EXPECT_EQ(ReasonOf(fenced), "kafka.fatal");
  absl::Status other = FromErrorCode(RdKafka::ERR_MSG_SIZE_TOO_LARGE, "p");
  EXPECT_TRUE(RequiresAbort(other));
  EXPECT_NE(other.message().find("p: "), absl::string_view::npos);
}

TEST(KafkaErrorTest, NullErrorIsOk) {
  EXPECT_TRUE(FromError(nullptr, "x").ok());
}

TEST(ClientConfigTest, SaslSettingsAndOverridesInOrder) {
  KafkaClientConfig config;
  config.brokers = "b:9093";
  config.security_protocol = "sasl_ssl";
  config.sasl_mechanism = "SCRAM-SHA-512";
  config.sasl_username = "u";
  config.sasl_password = "p";
  config.extra = {{"linger.ms", "7"}};
  Properties props = ClientProperties(config, {{"linger.ms", "5"}});
  EXPECT_EQ(props.front().first, "bootstrap.servers");
  EXPECT_EQ(props.back(),
            (std::pair<std::string, std::string>("linger.ms", "7")));
  auto conf = MakeConf(config);
  ASSERT_TRUE(conf.ok()) << conf.status();
  std::string value;
  ASSERT_EQ((*conf)->get("sasl.mechanisms", value), RdKafka::Conf::CONF_OK);
  EXPECT_EQ(value, "SCRAM-SHA-512");
  config.extra = {{"no.such.property", "1"}};
  EXPECT_EQ(MakeConf(config).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace newswire::kafka
