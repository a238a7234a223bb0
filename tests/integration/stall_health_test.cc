// /healthz against the real broker: a loop whose handler blocks with input
// pending turns unhealthy once --stall_timeout has passed, and healthy again
// when the handler returns and the transaction commits; an idle loop stays
// healthy however long it waits.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/kafka/admin.h"
#include "common/kafka/stream_processor.h"
#include "common/metrics/metrics_server.h"
#include "common/metrics/stream_metrics.h"
#include "gtest/gtest.h"
#include "prometheus/registry.h"
#include "tests/integration/harness.h"

namespace newswire::testing {
namespace {

// Copies each input to `out_topic`; while blocked, Handle() waits inside
// the handler (as a stuck model or a dead downstream call would).
class BlockingHandler : public kafka::RecordHandler {
 public:
  explicit BlockingHandler(std::string out_topic)
      : out_topic_(std::move(out_topic)) {}

  absl::Status Handle(const kafka::InputRecord& in,
                      std::vector<kafka::OutputRecord>* out) override {
    absl::MutexLock lock(&mu_);
    ++entered_;
    mu_.Await(absl::Condition(
        +[](bool* blocked) { return !*blocked; }, &blocked_));
    out->push_back({out_topic_, std::string(in.key), std::string(in.value),
                    absl::InfinitePast()});
    return absl::OkStatus();
  }

  void Block() {
    absl::MutexLock lock(&mu_);
    blocked_ = true;
  }
  void Release() {
    absl::MutexLock lock(&mu_);
    blocked_ = false;
  }
  int entered() {
    absl::MutexLock lock(&mu_);
    return entered_;
  }

 private:
  const std::string out_topic_;
  absl::Mutex mu_;
  bool blocked_ ABSL_GUARDED_BY(mu_) = false;
  int entered_ ABSL_GUARDED_BY(mu_) = 0;
};

// The HTTP status of GET `path` on 127.0.0.1:`port`, or -1.
int HttpStatus(int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int status = -1;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    std::string request = absl::StrCat("GET ", path, " HTTP/1.0\r\n\r\n");
    if (send(fd, request.data(), request.size(), 0) ==
        static_cast<ssize_t>(request.size())) {
      char buf[64] = {0};
      ssize_t n = recv(fd, buf, sizeof(buf) - 1, MSG_WAITALL);
      // "HTTP/1.1 200 OK"
      if (n >= 12) status = std::atoi(buf + 9);
    }
  }
  close(fd);
  return status;
}

// Polls /healthz until it answers `want` or `timeout` passes; returns the
// last answer.
int WaitForHealth(int port, int want, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  int got = HttpStatus(port, "/healthz");
  while (got != want && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(200));
    got = HttpStatus(port, "/healthz");
  }
  return got;
}

TEST(StallHealthTest, BlockedHandlerFailsHealthzUntilItProgressesAgain) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  const std::string prefix = UniquePrefix("stall");
  ASSERT_TRUE(kafka::EnsureTopics(env.kafka, {{prefix + "in", 2, -1, {}},
                                              {prefix + "out", 1, -1, {}},
                                              {prefix + "dlq", 1, -1, {}}})
                  .ok());

  auto registry = std::make_shared<prometheus::Registry>();
  StreamMetrics metrics(*registry, "test");
  auto server = MetricsServer::Start("127.0.0.1:0", registry);
  ASSERT_TRUE(server.ok()) << server.status();
  const int port = (*server)->port();

  kafka::StreamProcessorOptions o;
  o.stage = "test";
  o.kafka = env.kafka;
  o.group_id = prefix + "group";
  o.input_topic = prefix + "in";
  o.dlq_topic = prefix + "dlq";
  o.transactional_id = prefix + "txn";
  o.commit_interval = absl::Milliseconds(200);
  o.transaction_timeout = absl::Seconds(30);
  o.statistics_interval = absl::Seconds(1);
  o.stall_timeout = absl::Seconds(3);
  BlockingHandler handler(prefix + "out");
  auto processor = kafka::StreamProcessor::Create(o, &handler, &metrics);
  ASSERT_TRUE(processor.ok()) << processor.status();
  kafka::StreamProcessor* loop = processor->get();
  // As RunStreamService wires it.
  (*server)->SetHealthCheck([loop] { return !loop->Stalled(absl::Now()); });
  absl::Status run_status;
  std::thread runner([&] { run_status = loop->Run(); });

  // Idle with partitions assigned, for longer than the stall timeout:
  // nothing is pending, so the loop is healthy.
  absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (!loop->ready() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  ASSERT_TRUE(loop->ready());
  absl::SleepFor(absl::Seconds(6));
  EXPECT_EQ(HttpStatus(port, "/healthz"), 200) << "an idle loop is healthy";

  // A record arrives and the handler blocks on it.
  handler.Block();
  ASSERT_TRUE(PublishBytes(env.kafka, prefix + "in", "k1", "one").ok());
  ASSERT_TRUE(PublishBytes(env.kafka, prefix + "in", "k2", "two").ok());
  deadline = absl::Now() + absl::Seconds(30);
  while (handler.entered() == 0 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_GE(handler.entered(), 1);
  const absl::Time blocked_at = absl::Now();
  EXPECT_EQ(WaitForHealth(port, 503, absl::Seconds(20)), 503)
      << "a blocked handler with input pending must fail /healthz";
  EXPECT_GE(absl::Now() - blocked_at, absl::Seconds(2))
      << "not before the stall timeout";
  EXPECT_TRUE(loop->Stalled(absl::Now()));

  // Unblocked: the records commit and /healthz recovers.
  handler.Release();
  EXPECT_EQ(WaitForHealth(port, 200, absl::Seconds(20)), 200)
      << "/healthz must recover once the loop commits again";
  auto out = ReadUntil(env.kafka, prefix + "out", 2, absl::Seconds(30),
                       absl::Seconds(1));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->size(), 2u);

  loop->Stop();
  runner.join();
  (*server)->SetHealthCheck(nullptr);
  EXPECT_TRUE(run_status.ok()) << run_status;
  EXPECT_FALSE(loop->Stalled(absl::Now() + absl::Hours(1)))
      << "a stopped loop holds no partitions";
}

}  // namespace
}  // namespace newswire::testing
