#include "common/service/service_flags.h"

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/time/time.h"
#include "common/kafka/topics.h"
#include "gtest/gtest.h"

ABSL_DECLARE_FLAG(std::vector<std::string>, kafka_property);
ABSL_DECLARE_FLAG(std::string, topic_prefix);
ABSL_DECLARE_FLAG(std::string, input_topic);
ABSL_DECLARE_FLAG(std::string, transactional_id);
ABSL_DECLARE_FLAG(absl::Duration, commit_interval);
ABSL_DECLARE_FLAG(absl::Duration, idle_commit);
ABSL_DECLARE_FLAG(bool, static_membership);
ABSL_DECLARE_FLAG(absl::Duration, stall_timeout);
ABSL_DECLARE_FLAG(absl::Duration, session_timeout);

namespace newswire {
namespace {

TEST(ServiceFlagsTest, StageDefaultsWithPrefix) {
  absl::SetFlag(&FLAGS_topic_prefix, "t1.");
  absl::SetFlag(&FLAGS_transactional_id, "");
  auto o = ProcessorOptionsFromFlags("dedup", kafka::kArticlesTopic);
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->input_topic, "t1.wire.articles");
  EXPECT_EQ(o->group_id, "t1.newswire-dedup");
  EXPECT_EQ(o->dlq_topic, "t1.wire.dlq");
  EXPECT_EQ(o->transactional_id.rfind("t1.newswire-dedup-", 0), 0u);
  // Dynamic membership by default, so a stopped instance leaves the group.
  EXPECT_TRUE(o->group_instance_id.empty());
  EXPECT_EQ(o->session_timeout, absl::Seconds(10));
  EXPECT_EQ(o->transaction_timeout, absl::Seconds(10));
  absl::SetFlag(&FLAGS_static_membership, true);
  auto s = ProcessorOptionsFromFlags("dedup", "x");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->group_instance_id, s->transactional_id);
  absl::SetFlag(&FLAGS_static_membership, false);
  absl::SetFlag(&FLAGS_topic_prefix, "");
}

TEST(ServiceFlagsTest, SessionTimeoutMustBeAtLeastOneSecond) {
  absl::SetFlag(&FLAGS_session_timeout, absl::Milliseconds(500));
  EXPECT_EQ(ProcessorOptionsFromFlags("enrich", "wire.unique").status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::SetFlag(&FLAGS_session_timeout, absl::Seconds(6));
  auto o = ProcessorOptionsFromFlags("enrich", "wire.unique");
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->session_timeout, absl::Seconds(6));
  absl::SetFlag(&FLAGS_session_timeout, absl::Seconds(10));
}

TEST(ServiceFlagsTest, InputTopicIsTheFlagElseThePrefixedDefault) {
  absl::SetFlag(&FLAGS_topic_prefix, "t2.");
  EXPECT_EQ(InputTopicFromFlags(kafka::kRawTopic), "t2.wire.raw");
  absl::SetFlag(&FLAGS_input_topic, "agency.feed");
  EXPECT_EQ(InputTopicFromFlags(kafka::kRawTopic), "agency.feed");
  EXPECT_EQ(ProcessorOptionsFromFlags("ingest", kafka::kRawTopic)->input_topic,
            "agency.feed");
  absl::SetFlag(&FLAGS_input_topic, "");
  absl::SetFlag(&FLAGS_topic_prefix, "");
}

TEST(ServiceFlagsTest, KafkaPropertiesParsedAndValidated) {
  absl::SetFlag(&FLAGS_kafka_property,
                std::vector<std::string>{"linger.ms=10", "a=b=c"});
  auto c = KafkaConfigFromFlags();
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->extra.size(), 2u);
  EXPECT_EQ(c->extra[1].second, "b=c");
  absl::SetFlag(&FLAGS_kafka_property, std::vector<std::string>{"novalue"});
  EXPECT_EQ(KafkaConfigFromFlags().status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::SetFlag(&FLAGS_kafka_property, std::vector<std::string>{});
}

TEST(ServiceFlagsTest, KafkaPropertyValueMayHoldCommas) {
  // What absl makes of --kafka_property=debug=cgrp,eos,linger.ms=5.
  absl::SetFlag(&FLAGS_kafka_property,
                std::vector<std::string>{"debug=cgrp", "eos", "linger.ms=5"});
  auto c = KafkaConfigFromFlags();
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->extra.size(), 2u);
  EXPECT_EQ(c->extra[0].first, "debug");
  EXPECT_EQ(c->extra[0].second, "cgrp,eos");
  EXPECT_EQ(c->extra[1].second, "5");
  absl::SetFlag(&FLAGS_kafka_property, std::vector<std::string>{});
}

TEST(ServiceFlagsTest, CommitIntervalMustBeBelowTransactionTimeout) {
  absl::SetFlag(&FLAGS_commit_interval, absl::Minutes(5));
  EXPECT_FALSE(ProcessorOptionsFromFlags("ingest", kafka::kRawTopic).ok());
  absl::SetFlag(&FLAGS_commit_interval, absl::Milliseconds(500));
  EXPECT_TRUE(ProcessorOptionsFromFlags("ingest", kafka::kRawTopic).ok());
}

TEST(ServiceFlagsTest, IdleCommitIsOffByDefaultAndNeverNegative) {
  auto o = ProcessorOptionsFromFlags("dedup", kafka::kArticlesTopic);
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->idle_commit, absl::InfiniteDuration());
  absl::SetFlag(&FLAGS_idle_commit, absl::Milliseconds(5));
  o = ProcessorOptionsFromFlags("dedup", kafka::kArticlesTopic);
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->idle_commit, absl::Milliseconds(5));
  absl::SetFlag(&FLAGS_idle_commit, absl::Milliseconds(-1));
  EXPECT_FALSE(ProcessorOptionsFromFlags("dedup", kafka::kArticlesTopic).ok());
  absl::SetFlag(&FLAGS_idle_commit, absl::InfiniteDuration());
}

TEST(ServiceFlagsTest, StallTimeoutDefaultsToFiveMinutesAndExceedsCommits) {
  auto o = ProcessorOptionsFromFlags("enrich", "wire.unique");
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->stall_timeout, absl::Minutes(5));
  // No shorter than a commit interval: a busy loop is not a stuck one.
  absl::SetFlag(&FLAGS_stall_timeout, absl::Milliseconds(100));
  EXPECT_FALSE(ProcessorOptionsFromFlags("enrich", "wire.unique").ok());
  absl::SetFlag(&FLAGS_stall_timeout, absl::ZeroDuration());  // off
  o = ProcessorOptionsFromFlags("enrich", "wire.unique");
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->stall_timeout, absl::ZeroDuration());
  absl::SetFlag(&FLAGS_stall_timeout, absl::Minutes(5));
}

}  // namespace
}  // namespace newswire
