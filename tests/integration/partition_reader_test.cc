// ReadPartitionsToEnd on the real broker, as route uses it when it is given
// partitions: only the partitions asked for are read, records of aborted
// transactions are skipped, and a transaction still open when the read
// starts is waited for (its records arrive once it commits) instead of
// being cut off at the last stable offset.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "common/kafka/admin.h"
#include "common/kafka/client.h"
#include "common/kafka/error.h"
#include "common/kafka/topic_reader.h"
#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace newswire::testing {
namespace {

constexpr int kTimeoutMs = 30000;

absl::Status Send(RdKafka::Producer* p, const std::string& topic,
                  int32_t partition, const std::string& value) {
  return kafka::FromErrorCode(
      p->produce(topic, partition, RdKafka::Producer::RK_MSG_COPY,
                 const_cast<char*>(value.data()), value.size(), nullptr, 0, 0,
                 nullptr, nullptr),
      "produce");
}

std::vector<std::string> Read(const TestEnv& env, const std::string& topic,
                              const std::vector<int32_t>& partitions,
                              absl::Status* status) {
  std::vector<std::string> values;
  *status = kafka::ReadPartitionsToEnd(
      env.kafka, topic, partitions,
      [&](const kafka::OwnedRecord& r) {
        values.push_back(r.value);
        return absl::OkStatus();
      },
      absl::Seconds(60));
  return values;
}

TEST(ReadPartitionsToEndTest, SkipsAbortedAndWaitsForOpenTransactions) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  const std::string topic = UniquePrefix("partition-reader") + "state";
  ASSERT_TRUE(kafka::EnsureTopics(env.kafka, {{topic, 3, -1, {}}}).ok());
  kafka::ClientEvents events("test");
  auto producer =
      kafka::CreateProducer(env.kafka, {{"transactional.id", topic}}, &events);
  ASSERT_TRUE(producer.ok()) << producer.status();
  RdKafka::Producer* p = producer->get();
  ASSERT_TRUE(kafka::FromError(p->init_transactions(kTimeoutMs), "init").ok());

  // Partition 0: a committed record, then an aborted one (the partition
  // ends with the abort marker). Partition 2: a committed record that is
  // not asked for.
  ASSERT_TRUE(kafka::FromError(p->begin_transaction(), "begin").ok());
  ASSERT_TRUE(Send(p, topic, 0, "committed-0").ok());
  ASSERT_TRUE(Send(p, topic, 2, "committed-2").ok());
  ASSERT_TRUE(
      kafka::FromError(p->commit_transaction(kTimeoutMs), "commit").ok());
  ASSERT_TRUE(kafka::FromError(p->begin_transaction(), "begin").ok());
  ASSERT_TRUE(Send(p, topic, 0, "aborted-0").ok());
  // Deliver the record before aborting. Otherwise the abort purges it
  // unsent, which leaves no aborted record to skip. librdkafka 2.0.2 can
  // also send EndTxn while its AddPartitionsToTxn is still being retried
  // after the previous commit. The coordinator then rejects the abort with
  // INVALID_TXN_STATE, and the producer fails fatally.
  ASSERT_EQ(p->flush(kTimeoutMs), RdKafka::ERR_NO_ERROR);
  ASSERT_TRUE(kafka::FromError(p->abort_transaction(kTimeoutMs), "abort").ok());

  absl::Status s;
  EXPECT_EQ(Read(env, topic, {0, 1}, &s),
            std::vector<std::string>{"committed-0"});
  EXPECT_TRUE(s.ok()) << s;

  // Partition 1: a transaction open when the read starts, committed a
  // second later; the read must include its record.
  ASSERT_TRUE(kafka::FromError(p->begin_transaction(), "begin").ok());
  ASSERT_TRUE(Send(p, topic, 1, "late-1").ok());
  p->flush(kTimeoutMs);  // on the broker, beyond the last stable offset
  std::atomic<bool> committed{false};
  std::thread commit([&] {
    absl::SleepFor(absl::Seconds(1));
    committed.store(true);
    EXPECT_TRUE(
        kafka::FromError(p->commit_transaction(kTimeoutMs), "commit").ok());
  });
  std::vector<std::string> got = Read(env, topic, {1}, &s);
  const bool after_commit = committed.load();
  commit.join();
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(got, std::vector<std::string>{"late-1"});
  EXPECT_TRUE(after_commit);
}

}  // namespace
}  // namespace newswire::testing
