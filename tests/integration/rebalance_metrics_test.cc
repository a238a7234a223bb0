// Consumer lag series follow the assignment against the real broker: when a
// second instance joins the group and takes half the partitions, the first
// instance stops exporting lag for them, so the group's lag series cover
// each partition once.
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/kafka/admin.h"
#include "common/kafka/stream_processor.h"
#include "common/metrics/stream_metrics.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "tests/integration/harness.h"

namespace newswire::testing {
namespace {

class DropHandler : public kafka::RecordHandler {
 public:
  absl::Status Handle(const kafka::InputRecord&,
                      std::vector<kafka::OutputRecord>*) override {
    return absl::OkStatus();
  }
};

// The partitions that have a newswire_consumer_lag_records series.
std::set<std::string> LagPartitions(prometheus::Registry& registry) {
  std::set<std::string> out;
  for (const auto& family : registry.Collect()) {
    if (family.name != "newswire_consumer_lag_records") continue;
    for (const auto& metric : family.metric) {
      for (const auto& label : metric.label) {
        if (label.name == "partition") out.insert(label.value);
      }
    }
  }
  return out;
}

// One instance of the loop with its own registry, run on a thread.
struct Instance {
  Instance(const TestEnv& env, const std::string& prefix,
           const std::string& name)
      : metrics(registry, "test") {
    kafka::StreamProcessorOptions o;
    o.stage = "test";
    o.kafka = env.kafka;
    o.group_id = prefix + "group";
    o.input_topic = prefix + "in";
    o.dlq_topic = prefix + "dlq";
    o.transactional_id = prefix + name;
    o.commit_interval = absl::Milliseconds(200);
    o.transaction_timeout = absl::Seconds(20);
    o.statistics_interval = absl::Milliseconds(500);
    auto p = kafka::StreamProcessor::Create(o, &handler, &metrics);
    EXPECT_TRUE(p.ok()) << p.status();
    if (p.ok()) processor = *std::move(p);
  }
  void Start() {
    runner = std::thread([this] { status = processor->Run(); });
  }
  void Stop() {
    processor->Stop();
    if (runner.joinable()) runner.join();
  }

  prometheus::Registry registry;
  StreamMetrics metrics;
  DropHandler handler;
  std::unique_ptr<kafka::StreamProcessor> processor;
  std::thread runner;
  absl::Status status;
};

// Waits until `done` holds or `timeout` passes; returns `done()`.
template <typename Fn>
bool WaitFor(Fn done, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (!done() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(200));
  }
  return done();
}

TEST(RebalanceMetricsTest, RevokedPartitionsLoseTheirLagSeries) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  const std::string prefix = UniquePrefix("revoke");
  ASSERT_TRUE(kafka::EnsureTopics(env.kafka, {{prefix + "in", 4, -1, {}},
                                              {prefix + "dlq", 1, -1, {}}})
                  .ok());
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(PublishBytes(env.kafka, prefix + "in", absl::StrCat("k", i),
                             absl::StrCat("v", i))
                    .ok());
  }

  Instance a(env, prefix, "a");
  ASSERT_NE(a.processor, nullptr);
  a.Start();
  EXPECT_TRUE(WaitFor([&] { return LagPartitions(a.registry).size() == 4; },
                      absl::Seconds(60)))
      << "the only instance reports all 4 partitions";

  // A second instance joins: cooperative-sticky moves some partitions to it.
  Instance b(env, prefix, "b");
  ASSERT_NE(b.processor, nullptr);
  b.Start();
  auto split = [&] {
    std::set<std::string> pa = LagPartitions(a.registry);
    std::set<std::string> pb = LagPartitions(b.registry);
    std::set<std::string> both = pa;
    both.insert(pb.begin(), pb.end());
    return !pa.empty() && !pb.empty() && pa.size() + pb.size() == 4 &&
           both.size() == 4;
  };
  EXPECT_TRUE(WaitFor(split, absl::Seconds(90)))
      << "a: " << LagPartitions(a.registry).size()
      << " series, b: " << LagPartitions(b.registry).size()
      << " series; each partition must be reported by its owner only";

  b.Stop();
  a.Stop();
  EXPECT_TRUE(a.status.ok()) << a.status;
  EXPECT_TRUE(b.status.ok()) << b.status;
}

}  // namespace
}  // namespace newswire::testing
