// Helpers for integration tests that run the real services against the real
// Kafka broker started by scripts/kafka.sh (scripts/test.sh exports its
// address as NEWSWIRE_TEST_BROKERS and the binaries' folder as
// NEWSWIRE_BIN_DIR).
//
// Each test uses its own topic prefix so tests never see each other's data.
//
// Example:
//   TestEnv env = TestEnv::FromEnvironment();   // fails the test if unset
//   std::string prefix = UniquePrefix("exactly_once");
//   ServiceProcess ingest("newswire-ingest", ServiceArgs(env, prefix,
//   "ingest")); ASSERT_TRUE(ingest.Start().ok());
//   ...
//   auto records = ReadUntil(env.kafka, prefix + kafka::kEnrichedTopic, 10,
//                            absl::Seconds(60));
#ifndef NEWSWIRE_TESTS_INTEGRATION_HARNESS_H_
#define NEWSWIRE_TESTS_INTEGRATION_HARNESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/kafka/client_config.h"
#include "common/kafka/record.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::testing {

struct TestEnv {
  kafka::KafkaClientConfig kafka;
  std::string bin_dir;
  // Reads NEWSWIRE_TEST_BROKERS and NEWSWIRE_BIN_DIR; an unset variable is a
  // test failure (ADD_FAILURE), never a skip.
  static TestEnv FromEnvironment();
};

// "it-<name>-<pid>-<micros>." — unique per call.
std::string UniquePrefix(const std::string& name);

// The flags every service needs in a test: brokers, topic prefix, a free
// metrics port, a transactional id unique to this prefix and stage, and
// short commit intervals.
std::vector<std::string> ServiceArgs(const TestEnv& env,
                                     const std::string& prefix,
                                     const std::string& stage);

// A service binary run as a child process; stdout/stderr go to
// build/test-logs/<prefix><name>.log. The destructor kills it (SIGKILL) if it
// still runs.
class ServiceProcess {
 public:
  ServiceProcess(std::string binary_path, std::vector<std::string> args,
                 std::string log_path);
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  absl::Status Start();
  // Sends `signal`; returns immediately.
  void Signal(int signal);
  // Waits for exit; returns the exit code (128+signal if killed), or
  // DeadlineExceeded.
  absl::StatusOr<int> Wait(absl::Duration timeout);
  bool running() const { return pid_ > 0; }
  const std::string& log_path() const { return log_path_; }

 private:
  std::string binary_path_;
  std::vector<std::string> args_;
  std::string log_path_;
  pid_t pid_ = -1;
};

// Starts `binary` (in env.bin_dir) with ServiceArgs plus `extra`.
std::unique_ptr<ServiceProcess> StartService(
    const TestEnv& env, const std::string& binary, const std::string& prefix,
    const std::string& stage, std::vector<std::string> extra = {});

// Publishes RawWire records (serialized) to `topic` and waits for delivery.
absl::Status PublishRaw(const kafka::KafkaClientConfig& config,
                        const std::string& topic,
                        const std::vector<v1::RawWire>& records);

// Publishes raw bytes (e.g. garbage) as one record.
absl::Status PublishBytes(const kafka::KafkaClientConfig& config,
                          const std::string& topic, const std::string& key,
                          const std::string& value);

// Reads `topic` (read_committed) from the beginning until at least `count`
// records arrived or `timeout` passed, then keeps reading for `settle` to
// catch records that should not be there. Returns what it read.
absl::StatusOr<std::vector<kafka::OwnedRecord>> ReadUntil(
    const kafka::KafkaClientConfig& config, const std::string& topic,
    size_t count, absl::Duration timeout,
    absl::Duration settle = absl::Seconds(2));

// An invented wire story in plain text, distinct for each `n`.
v1::RawWire MakeStory(int n, const std::string& source = "it");

}  // namespace newswire::testing

#endif  // NEWSWIRE_TESTS_INTEGRATION_HARNESS_H_
