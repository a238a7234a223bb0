#include "common/kafka/client.h"

#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/kafka/client_config.h"
#include "common/kafka/error.h"
#include "gtest/gtest.h"

namespace newswire::kafka {
namespace {

std::string TempFile(const std::string& name, const std::string& content) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << content;
  return path;
}

KafkaClientConfig Sasl() {
  KafkaClientConfig c;
  c.brokers = "b:9093";
  c.security_protocol = "sasl_ssl";
  c.sasl_mechanism = "SCRAM-SHA-512";
  c.sasl_username = "newswire-ingest";
  c.sasl_password = "s3cret-Pa55";
  return c;
}

TEST(ClientConfigTest, SaslSettingsAndOverridesInOrder) {
  KafkaClientConfig config = Sasl();
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

// The value librdkafka holds for `key` after MakeConf, or "" if unset.
std::string ConfValue(const KafkaClientConfig& config, ClientKind kind,
                      const std::string& key) {
  auto conf = MakeConf(config, {}, kind);
  EXPECT_TRUE(conf.ok()) << conf.status();
  if (!conf.ok()) return "";
  std::string value;
  if ((*conf)->get(key, value) != RdKafka::Conf::CONF_OK) return "";
  return value;
}

TEST(ClientConfigTest, BufferLimitsByKindAndOverridable) {
  KafkaClientConfig config;
  EXPECT_EQ(
      ConfValue(config, ClientKind::kConsumer, "queued.max.messages.kbytes"),
      absl::StrCat(kConsumerQueueKBytes));
  EXPECT_EQ(ConfValue(config, ClientKind::kConsumer, "queued.min.messages"),
            absl::StrCat(kConsumerQueueMessages));
  EXPECT_EQ(
      ConfValue(config, ClientKind::kProducer, "queue.buffering.max.kbytes"),
      absl::StrCat(kProducerQueueKBytes));
  EXPECT_EQ(
      ConfValue(config, ClientKind::kProducer, "queue.buffering.max.messages"),
      absl::StrCat(kProducerQueueMessages));
  // Neither kind gets the other's limits; kOther gets none (librdkafka's
  // defaults stay).
  for (const auto& [kind, key] :
       std::vector<std::pair<ClientKind, std::string>>{
           {ClientKind::kProducer, "queued.max.messages.kbytes"},
           {ClientKind::kConsumer, "queue.buffering.max.kbytes"},
           {ClientKind::kOther, "queued.max.messages.kbytes"}}) {
    for (const auto& [k, v] : ClientProperties(config, {}, kind)) {
      EXPECT_NE(k, key);
    }
  }
  // --kafka_property wins over the limits.
  config.extra = {{"queued.max.messages.kbytes", "65536"},
                  {"queue.buffering.max.kbytes", "1048576"}};
  EXPECT_EQ(
      ConfValue(config, ClientKind::kConsumer, "queued.max.messages.kbytes"),
      "65536");
  EXPECT_EQ(
      ConfValue(config, ClientKind::kProducer, "queue.buffering.max.kbytes"),
      "1048576");
}

TEST(ClientTest, LibrdkafkaAcceptsTheBufferLimits) {
  // Creating a client checks the properties against each other (fetch and
  // receive sizes against message.max.bytes); nothing connects yet.
  KafkaClientConfig config;
  config.brokers = "127.0.0.1:1";
  ClientEvents events("test");
  auto consumer = CreateConsumer(config, {{"group.id", "g"}}, &events);
  EXPECT_TRUE(consumer.ok()) << consumer.status();
  auto reader = CreatePartitionConsumer(config, {}, &events);
  EXPECT_TRUE(reader.ok()) << reader.status();
  auto producer = CreateProducer(config, {}, &events);
  ASSERT_TRUE(producer.ok()) << producer.status();
  // The largest record fits in the producer's queue: produce() accepts it
  // (it is only queued; there is no broker to deliver it to).
  std::string record(kMaxMessageBytes - 1024, 'x');
  EXPECT_EQ((*producer)->produce("t", 0, RdKafka::Producer::RK_MSG_COPY,
                                 record.data(), record.size(), nullptr, 0, 0,
                                 nullptr),
            RdKafka::ERR_NO_ERROR);
  (*producer)->purge(RdKafka::Producer::PURGE_QUEUE);
  if (consumer.ok()) static_cast<void>((*consumer)->close());
}

TEST(ClientConfigTest, ValidSettingsPass) {
  EXPECT_TRUE(ValidateClientConfig(KafkaClientConfig()).ok());
  EXPECT_TRUE(ValidateClientConfig(Sasl()).ok());
}

TEST(ClientConfigTest, MissingCredentialsNameTheFlags) {
  KafkaClientConfig c = Sasl();
  c.sasl_password.clear();
  absl::Status s = ValidateClientConfig(c);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(s.message(), "--sasl_password_file")) << s;
  c = Sasl();
  c.sasl_mechanism.clear();
  EXPECT_TRUE(
      absl::StrContains(ValidateClientConfig(c).message(), "--sasl_mechanism"));
}

TEST(ClientConfigTest, RejectsInconsistentSettings) {
  KafkaClientConfig c;
  c.security_protocol = "tls";
  EXPECT_FALSE(ValidateClientConfig(c).ok());
  c = KafkaClientConfig();
  c.ssl_ca_location = TempFile("ca.pem", "x");
  EXPECT_TRUE(
      absl::StrContains(ValidateClientConfig(c).message(), "does not use TLS"));
  c.security_protocol = "ssl";
  EXPECT_TRUE(ValidateClientConfig(c).ok());
  c.ssl_certificate_location = c.ssl_ca_location;
  EXPECT_TRUE(
      absl::StrContains(ValidateClientConfig(c).message(), "go together"));
  c.ssl_key_location = "/no/such/key.pem";
  EXPECT_TRUE(absl::StrContains(ValidateClientConfig(c).message(),
                                "cannot read /no/such/key.pem"));
}

TEST(ClientConfigTest, ToStringMasksSecrets) {
  KafkaClientConfig c = Sasl();
  c.ssl_key_password = "key-Pa55";
  std::string s = c.ToString();
  EXPECT_FALSE(absl::StrContains(s, "s3cret")) << s;
  EXPECT_FALSE(absl::StrContains(s, "key-Pa55")) << s;
  EXPECT_TRUE(absl::StrContains(s, "newswire-ingest")) << s;
}

TEST(ClientConfigTest, TlsPropertiesWithHostnameVerificationByDefault) {
  KafkaClientConfig c = Sasl();
  c.ssl_certificate_location = "/c.pem";
  c.ssl_key_location = "/k.pem";
  Properties props = ClientProperties(c);
  auto value = [&](const std::string& key) {
    std::string v = "<unset>";
    for (const auto& [k, val] : props) {
      if (k == key) v = val;
    }
    return v;
  };
  EXPECT_EQ(value("ssl.endpoint.identification.algorithm"), "https");
  EXPECT_EQ(value("ssl.certificate.location"), "/c.pem");
  EXPECT_EQ(value("ssl.key.location"), "/k.pem");
  c.ssl_endpoint_identification = false;
  props = ClientProperties(c);
  EXPECT_EQ(value("ssl.endpoint.identification.algorithm"), "none");
  c.security_protocol = "plaintext";
  props = ClientProperties(c);
  EXPECT_EQ(value("ssl.endpoint.identification.algorithm"), "<unset>");
}

TEST(ReadSecretFileTest, ReadsOneLineAndNamesOnlyThePath) {
  std::string secret;
  ASSERT_TRUE(ReadSecretFile(TempFile("pw", "hunter2\n"), &secret).ok());
  EXPECT_EQ(secret, "hunter2");
  absl::Status s = ReadSecretFile("/no/such/file", &secret);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(absl::StrContains(s.message(), "/no/such/file"));
  EXPECT_FALSE(ReadSecretFile(TempFile("empty", "\n"), &secret).ok());
}

// Nothing listens on the address: the check must give up within the
// connect timeout (plus the last metadata wait), with an error naming it.
TEST(CheckClusterTest, UnreachableBrokerFailsWithinTheTimeout) {
  KafkaClientConfig c;
  c.brokers = "127.0.0.1:1";
  c.connect_timeout = absl::Seconds(2);
  absl::Time start = absl::Now();
  absl::Status s = CheckCluster(c);
  absl::Duration took = absl::Now() - start;
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  EXPECT_TRUE(absl::StrContains(s.message(), "127.0.0.1:1")) << s;
  EXPECT_LT(took, absl::Seconds(5));
}

TEST(ClientEventsTest, KeepsTheFirstFatalError) {
  ClientEvents events("test");
  events.Record(FromErrorCode(RdKafka::ERR__TRANSPORT, "connect"));
  EXPECT_TRUE(events.fatal().ok());
  EXPECT_FALSE(events.last_error().ok());
  events.Record(
      FromErrorCode(RdKafka::ERR_TOPIC_AUTHORIZATION_FAILED, "produce"));
  events.Record(FromErrorCode(RdKafka::ERR__AUTHENTICATION, "later"));
  EXPECT_TRUE(IsFatal(events.fatal()));
  EXPECT_TRUE(absl::StrContains(events.fatal().message(), "produce"));
}

}  // namespace
}  // namespace newswire::kafka
