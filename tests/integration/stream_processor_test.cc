// The transactional loop against the real broker: an abortable failure
// aborts, rewinds and replays without duplicates, and the record counters
// count the replayed records once; a second instance with the same
// transactional.id fences the first, whose Run() then fails.
#include "common/kafka/stream_processor.h"

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/kafka/admin.h"
#include "common/kafka/error.h"
#include "common/metrics/counter_value.h"
#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "tests/integration/harness.h"

namespace newswire::testing {
namespace {

// Copies each input to `out_topic`. While `poison` is set, the first record
// it sees also gets a copy to `small_topic` that is larger than that topic's
// max.message.bytes: the broker rejects it, so the commit fails and the
// transaction must be aborted. With `reject_first`, the first record it sees
// is rejected (dead-lettered) then and whenever it is handled again.
class CopyHandler : public kafka::RecordHandler {
 public:
  CopyHandler(std::string out_topic, std::string small_topic)
      : out_topic_(std::move(out_topic)),
        small_topic_(std::move(small_topic)) {}

  absl::Status Handle(const kafka::InputRecord& in,
                      std::vector<kafka::OutputRecord>* out) override {
    if (reject_first && rejected_value_.empty()) {
      rejected_value_ = std::string(in.value);
    }
    if (!rejected_value_.empty() && in.value == rejected_value_) {
      ++rejections;
      return InvalidRecord("test.rejected", "the test rejects this record");
    }
    out->push_back({out_topic_, std::string(in.key), std::string(in.value),
                    absl::InfinitePast()});
    if (poison.exchange(false)) {
      // Incompressible bytes: the producer compresses batches, and the
      // broker checks the compressed size.
      std::string big(5000, '\0');
      uint64_t x = 0x9e3779b97f4a7c15ULL;
      for (char& c : big) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        c = static_cast<char>(x);
      }
      out->push_back({small_topic_, "", std::move(big), absl::InfinitePast()});
    }
    return absl::OkStatus();
  }
  void OnCommit() override { ++commits; }
  void OnAbort() override { ++aborts; }

  std::atomic<bool> poison{false};
  bool reject_first = false;
  std::atomic<int> rejections{0};
  std::atomic<int> commits{0};
  std::atomic<int> aborts{0};

 private:
  std::string out_topic_;
  std::string small_topic_;
  std::string rejected_value_;
};

kafka::StreamProcessorOptions Options(const TestEnv& env,
                                      const std::string& prefix) {
  kafka::StreamProcessorOptions o;
  o.stage = "test";
  o.kafka = env.kafka;
  o.group_id = prefix + "group";
  o.input_topic = prefix + "in";
  o.dlq_topic = prefix + "dlq";
  o.transactional_id = prefix + "txn";
  o.batch_size = 50;
  o.commit_interval = absl::Milliseconds(200);
  o.transaction_timeout = absl::Seconds(20);
  return o;
}

absl::Status CreateTopics(const TestEnv& env, const std::string& prefix) {
  return kafka::EnsureTopics(
      env.kafka, {{prefix + "in", 2, -1, {}},
                  {prefix + "out", 2, -1, {}},
                  {prefix + "dlq", 1, -1, {}},
                  {prefix + "small", 1, -1, {{"max.message.bytes", "1000"}}}});
}

absl::Status PublishNumbers(const TestEnv& env, const std::string& topic,
                            int from, int to) {
  for (int i = from; i < to; ++i) {
    absl::Status s = PublishBytes(env.kafka, topic, absl::StrCat("k", i),
                                  absl::StrCat("record-", i));
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

// What a processor run delivered.
struct Delivered {
  absl::Status run_status;
  absl::StatusOr<std::vector<kafka::OwnedRecord>> out;
  absl::StatusOr<std::vector<kafka::OwnedRecord>> dead;
  int64_t handled = 0;
  int64_t dead_lettered = 0;
};

// Runs a StreamProcessor with `handler` over `prefix`'s topics until `out`
// holds `out_count` records (or `timeout` passed) and, if `dead_count` > 0,
// the dead-letter topic `dead_count`; then stops it. `options` defaults to
// Options(env, prefix).
Delivered RunUntilDelivered(const TestEnv& env, const std::string& prefix,
                            kafka::RecordHandler* handler,
                            StreamMetrics* metrics, size_t out_count,
                            size_t dead_count, absl::Duration timeout,
                            const std::optional<kafka::StreamProcessorOptions>&
                                options = std::nullopt) {
  Delivered d;
  auto processor = kafka::StreamProcessor::Create(
      options.value_or(Options(env, prefix)), handler, metrics);
  if (!processor.ok()) {
    d.run_status = processor.status();
    return d;
  }
  std::thread runner([&] { d.run_status = (*processor)->Run(); });
  d.out = ReadUntil(env.kafka, prefix + "out", out_count, timeout);
  if (dead_count > 0) {
    d.dead =
        ReadUntil(env.kafka, prefix + "dlq", dead_count, absl::Seconds(30));
  }
  (*processor)->Stop();
  runner.join();
  d.handled = (*processor)->records_handled();
  d.dead_lettered = (*processor)->records_dead_lettered();
  return d;
}

// Expects the record counters (stage "test") to count `consumed` inputs,
// `out` outputs and `dead` dead letters with `reason`, each once, and
// nothing produced to the topic whose broker limit rejects outputs.
void ExpectCounted(const prometheus::Registry& registry,
                   const std::string& prefix, double consumed, double out,
                   const std::string& reason, double dead) {
  auto count = [&](const std::string& name, const std::string& label,
                   const std::string& value) {
    return CounterValue(registry, name, {{"stage", "test"}, {label, value}});
  };
  const std::string produced = "newswire_records_produced_total";
  EXPECT_EQ(count("newswire_records_consumed_total", "topic", prefix + "in"),
            consumed);
  EXPECT_EQ(count(produced, "topic", prefix + "out"), out);
  EXPECT_EQ(count(produced, "topic", prefix + "dlq"), dead);
  EXPECT_EQ(count(produced, "topic", prefix + "small"), 0);
  EXPECT_EQ(count("newswire_records_dead_lettered_total", "reason", reason),
            dead);
}

// Publishes `count` records and runs a CopyHandler over them with Options()
// changed by `adjust`; with `poison`, the broker rejects its first output,
// so the first transaction must abort and be replayed. Expects every record
// delivered exactly once. Returns how long the run took until the output
// was there.
absl::Duration ExpectDeliveredOnce(
    const std::string& name, int count, bool poison,
    const std::function<void(kafka::StreamProcessorOptions*)>& adjust =
        nullptr) {
  TestEnv env = TestEnv::FromEnvironment();
  EXPECT_FALSE(env.kafka.brokers.empty());
  const std::string prefix = UniquePrefix(name);
  EXPECT_TRUE(CreateTopics(env, prefix).ok());
  EXPECT_TRUE(PublishNumbers(env, prefix + "in", 0, count).ok());

  prometheus::Registry registry;
  StreamMetrics metrics(registry, "test");
  CopyHandler handler(prefix + "out", prefix + "small");
  handler.poison = poison;
  kafka::StreamProcessorOptions options = Options(env, prefix);
  if (adjust) adjust(&options);
  const absl::Time start = absl::Now();
  Delivered d = RunUntilDelivered(env, prefix, &handler, &metrics, count, 0,
                                  absl::Seconds(60), options);
  const absl::Duration took = absl::Now() - start;
  EXPECT_TRUE(d.run_status.ok()) << d.run_status;
  EXPECT_TRUE(d.out.ok()) << d.out.status();
  if (!d.out.ok()) return took;
  std::map<std::string, int> seen;
  for (const auto& r : *d.out) ++seen[r.value];
  EXPECT_EQ(seen.size(), static_cast<size_t>(count));
  for (const auto& [value, times] : seen) {
    EXPECT_EQ(times, 1) << value << " seen " << times << " times";
  }
  if (poison) {
    EXPECT_GE(handler.aborts.load(), 1)
        << "the poisoned transaction must abort";
  } else {
    EXPECT_EQ(handler.aborts.load(), 0);
  }
  EXPECT_GE(handler.commits.load(), 1);
  EXPECT_FALSE(handler.poison.load());
  return took;
}

TEST(StreamProcessorTest, AbortRewindsAndReplaysWithoutDuplicates) {
  ExpectDeliveredOnce("abort", 40, /*poison=*/true);
}

// With idle commits, a transaction is committed as soon as its input is
// drained: the output is visible to read_committed readers long before the
// commit interval has passed (without them, the transaction holding the
// records would wait for it), each record once. No poison here: the replay
// after an abort commits record by record whatever the setting.
TEST(StreamProcessorTest, IdleCommitPublishesDrainedInputBeforeTheInterval) {
  const absl::Duration commit_interval = absl::Seconds(15);
  const absl::Duration took = ExpectDeliveredOnce(
      "idle", 30, /*poison=*/false, [&](kafka::StreamProcessorOptions* o) {
        o->batch_size = 1000;
        o->commit_interval = commit_interval;
        o->idle_commit = absl::Milliseconds(5);
      });
  EXPECT_LT(took, commit_interval);
}

// The record counters describe delivered records: after the poisoned
// transaction aborts and its records are replayed, each input counts once as
// consumed, each committed output once as produced, the rejected input once
// as dead-lettered, and the output the broker refused not at all.
TEST(StreamProcessorTest, CountersCountReplayedRecordsOnce) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  const std::string prefix = UniquePrefix("counters");
  ASSERT_TRUE(CreateTopics(env, prefix).ok());
  ASSERT_TRUE(PublishNumbers(env, prefix + "in", 0, 40).ok());

  prometheus::Registry registry;
  StreamMetrics metrics(registry, "test");
  CopyHandler handler(prefix + "out", prefix + "small");
  handler.reject_first = true;  // dead-lettered in the transaction that aborts
  handler.poison = true;        // taken by the second record: commit fails
  Delivered d = RunUntilDelivered(env, prefix, &handler, &metrics, 39, 1,
                                  absl::Seconds(60));
  EXPECT_TRUE(d.run_status.ok()) << d.run_status;
  ASSERT_TRUE(d.out.ok() && d.dead.ok());
  ASSERT_EQ(d.out->size(), 39u);
  ASSERT_EQ(d.dead->size(), 1u);
  // The case under test: the rejected record was handled in the transaction
  // that aborted, and again on replay.
  ASSERT_GE(handler.aborts.load(), 1);
  ASSERT_EQ(handler.rejections.load(), 2);
  ExpectCounted(registry, prefix, 40, 39, "test.rejected", 1);
  EXPECT_EQ(d.handled, 40);
  EXPECT_EQ(d.dead_lettered, 1);
  EXPECT_GE(CounterValue(registry, "newswire_transaction_aborts_total",
                         {{"stage", "test"}}),
            1);
}

TEST(StreamProcessorTest, SecondInstanceWithSameIdFencesTheFirst) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  const std::string prefix = UniquePrefix("fence");
  ASSERT_TRUE(CreateTopics(env, prefix).ok());
  ASSERT_TRUE(PublishNumbers(env, prefix + "in", 0, 10).ok());

  prometheus::Registry registry;
  StreamMetrics metrics(registry, "test");
  CopyHandler first_handler(prefix + "out", prefix + "small");
  auto first = kafka::StreamProcessor::Create(Options(env, prefix),
                                              &first_handler, &metrics);
  ASSERT_TRUE(first.ok());
  absl::Status first_status;
  std::thread first_runner([&] { first_status = (*first)->Run(); });
  ASSERT_TRUE(ReadUntil(env.kafka, prefix + "out", 10, absl::Seconds(60),
                        absl::ZeroDuration())
                  .ok());

  // The successor: same transactional.id, as after a pod restart while the
  // old pod is still alive (a zombie).
  CopyHandler second_handler(prefix + "out", prefix + "small");
  auto second = kafka::StreamProcessor::Create(Options(env, prefix),
                                               &second_handler, &metrics);
  ASSERT_TRUE(second.ok());
  absl::Status second_status;
  std::thread second_runner([&] { second_status = (*second)->Run(); });
  // Keep records coming so the zombie tries to produce and commit.
  for (int i = 0; i < 20 && (*first)->ready(); ++i) {
    ASSERT_TRUE(PublishNumbers(env, prefix + "in", 100 + i, 101 + i).ok());
    absl::SleepFor(absl::Milliseconds(300));
  }
  first_runner.join();
  EXPECT_FALSE(first_status.ok()) << "the zombie must stop";
  EXPECT_TRUE(kafka::IsFatal(first_status)) << first_status;
  (*second)->Stop();
  second_runner.join();
  EXPECT_TRUE(second_status.ok()) << second_status;
}

// Copies each input to `out_topic` and keeps a count of the records it has
// taken into its state, provisional until OnCommit, undone by OnAbort (as
// dedup does). The record with value `poison_value` also gets an output the
// broker or the client always rejects.
class StatefulHandler : public kafka::RecordHandler {
 public:
  StatefulHandler(std::string out_topic, std::string reject_topic,
                  std::string poison_value, size_t poison_bytes)
      : out_topic_(std::move(out_topic)),
        reject_topic_(std::move(reject_topic)),
        poison_value_(std::move(poison_value)),
        poison_bytes_(poison_bytes) {}

  absl::Status Handle(const kafka::InputRecord& in,
                      std::vector<kafka::OutputRecord>* out) override {
    ++provisional_;
    out->push_back({out_topic_, std::string(in.key), std::string(in.value),
                    absl::InfinitePast()});
    if (in.value == poison_value_) {
      std::string big(poison_bytes_, '\0');
      uint64_t x = 0x2545f4914f6cdd1dULL;
      for (char& c : big) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        c = static_cast<char>(x);
      }
      out->push_back({reject_topic_, "", std::move(big), absl::InfinitePast()});
    }
    return absl::OkStatus();
  }
  void OnCommit() override {
    committed += provisional_;
    provisional_ = 0;
  }
  void OnAbort() override { provisional_ = 0; }

  std::atomic<int> committed{0};

 private:
  std::string out_topic_;
  std::string reject_topic_;
  std::string poison_value_;
  size_t poison_bytes_;
  int provisional_ = 0;
};

void ExpectPoisonIsolated(const TestEnv& env, const std::string& prefix,
                          size_t poison_bytes, const std::string& reason) {
  ASSERT_TRUE(CreateTopics(env, prefix).ok());
  ASSERT_TRUE(PublishNumbers(env, prefix + "in", 0, 40).ok());
  prometheus::Registry registry;
  StreamMetrics metrics(registry, "test");
  StatefulHandler handler(prefix + "out", prefix + "small", "record-7",
                          poison_bytes);
  Delivered d = RunUntilDelivered(env, prefix, &handler, &metrics, 39, 1,
                                  absl::Seconds(90));
  EXPECT_TRUE(d.run_status.ok()) << d.run_status;
  ASSERT_TRUE(d.out.ok() && d.dead.ok());
  std::map<std::string, int> seen;
  for (const auto& r : *d.out) ++seen[r.value];
  EXPECT_EQ(seen.size(), 39u);
  EXPECT_EQ(seen.count("record-7"), 0u);
  for (const auto& [value, times] : seen) EXPECT_EQ(times, 1) << value;
  ASSERT_EQ(d.dead->size(), 1u);
  v1::DeadLetter letter;
  ASSERT_TRUE(letter.ParseFromString((*d.dead)[0].value));
  EXPECT_EQ(letter.original(), "record-7");
  EXPECT_EQ(letter.error_code(), reason) << letter.reason();
  // The rejected record was rolled back out of the handler's state.
  EXPECT_EQ(handler.committed.load(), 39);
  // However often the transactions holding it aborted, each record counts
  // once, and the refused output not at all.
  ExpectCounted(registry, prefix, 40, 39, reason, 1);
}

TEST(StreamProcessorTest,
     OutputTheBrokerAlwaysRejectsIsIsolatedAndDeadLettered) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  // 5,000 bytes against the topic's max.message.bytes of 1,000: the broker
  // rejects it when the transaction is flushed, not when it is produced.
  ExpectPoisonIsolated(env, UniquePrefix("reject"), 5000, "output.rejected");
}

TEST(StreamProcessorTest, OutputTheClientRejectsIsDeadLetteredAndRolledBack) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  // Larger than the producer's message.max.bytes: produce() refuses it.
  ExpectPoisonIsolated(env, UniquePrefix("toolarge"),
                       kafka::kMaxMessageBytes + 1024, "output.too_large");
}

}  // namespace
}  // namespace newswire::testing
