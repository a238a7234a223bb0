#include "tests/integration/harness.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/kafka/publisher.h"
#include "common/kafka/topic_reader.h"
#include "common/status/status_macros.h"
#include "gtest/gtest.h"
#include "tools/storygen/story_generator.h"

namespace newswire::testing {

TestEnv TestEnv::FromEnvironment() {
  TestEnv env;
  const char* brokers = std::getenv("NEWSWIRE_TEST_BROKERS");
  const char* bin = std::getenv("NEWSWIRE_BIN_DIR");
  if (brokers == nullptr || *brokers == '\0') {
    ADD_FAILURE() << "NEWSWIRE_TEST_BROKERS is not set: run the tests with "
                     "`make test` (scripts/test.sh starts the broker)";
  } else {
    env.kafka.brokers = brokers;
  }
  if (bin == nullptr || *bin == '\0') {
    ADD_FAILURE() << "NEWSWIRE_BIN_DIR is not set";
  } else {
    env.bin_dir = bin;
  }
  env.kafka.client_id = "newswire-it";
  return env;
}

std::string UniquePrefix(const std::string& name) {
  return absl::StrCat("it-", name, "-", getpid(), "-",
                      absl::ToUnixMicros(absl::Now()), ".");
}

std::vector<std::string> ServiceArgs(const TestEnv& env,
                                     const std::string& prefix,
                                     const std::string& stage) {
  return {
      absl::StrCat("--brokers=", env.kafka.brokers),
      absl::StrCat("--topic_prefix=", prefix),
      "--metrics_address=127.0.0.1:0",
      absl::StrCat("--transactional_id=", prefix, stage),
      "--commit_interval=200ms",
      "--batch_size=100",
      "--topic_partitions=3",
  };
}

ServiceProcess::ServiceProcess(std::string binary_path,
                               std::vector<std::string> args,
                               std::string log_path)
    : binary_path_(std::move(binary_path)),
      args_(std::move(args)),
      log_path_(std::move(log_path)) {}

ServiceProcess::~ServiceProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

absl::Status ServiceProcess::Start() {
  if (pid_ > 0) return absl::FailedPreconditionError("already running");
  if (access(binary_path_.c_str(), X_OK) != 0) {
    return absl::NotFoundError(absl::StrCat(binary_path_, " not found"));
  }
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary_path_.c_str()));
  for (std::string& a : args_) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    int fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  pid_ = pid;
  return absl::OkStatus();
}

void ServiceProcess::Signal(int signal) {
  if (pid_ > 0) kill(pid_, signal);
}

absl::StatusOr<int> ServiceProcess::Wait(absl::Duration timeout) {
  if (pid_ <= 0) return absl::FailedPreconditionError("not running");
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
      return -1;
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError("process did not exit");
}

std::unique_ptr<ServiceProcess> StartService(const TestEnv& env,
                                             const std::string& binary,
                                             const std::string& prefix,
                                             const std::string& stage,
                                             std::vector<std::string> extra) {
  std::vector<std::string> args = ServiceArgs(env, prefix, stage);
  for (std::string& e : extra) args.push_back(std::move(e));
  mkdir("build", 0755);
  mkdir("build/test-logs", 0755);
  auto process = std::make_unique<ServiceProcess>(
      absl::StrCat(env.bin_dir, "/", binary), std::move(args),
      absl::StrCat("build/test-logs/", prefix, stage, ".log"));
  absl::Status s = process->Start();
  EXPECT_TRUE(s.ok()) << s;
  return process;
}

absl::Status PublishRaw(const kafka::KafkaClientConfig& config,
                        const std::string& topic,
                        const std::vector<v1::RawWire>& records) {
  ASSIGN_OR_RETURN(auto publisher, kafka::Publisher::Create(config));
  for (const v1::RawWire& raw : records) {
    RETURN_IF_ERROR(publisher->SendRaw(topic, raw));
  }
  return publisher->Flush(absl::Seconds(60));
}

absl::Status PublishBytes(const kafka::KafkaClientConfig& config,
                          const std::string& topic, const std::string& key,
                          const std::string& value) {
  ASSIGN_OR_RETURN(auto publisher, kafka::Publisher::Create(config));
  RETURN_IF_ERROR(publisher->Send(topic, key, value));
  return publisher->Flush(absl::Seconds(60));
}

absl::StatusOr<std::vector<kafka::OwnedRecord>> ReadUntil(
    const kafka::KafkaClientConfig& config, const std::string& topic,
    size_t count, absl::Duration timeout, absl::Duration settle) {
  // The topic may not exist until the services create it.
  absl::Time deadline = absl::Now() + timeout;
  std::unique_ptr<kafka::TopicReader> reader;
  while (reader == nullptr) {
    auto r = kafka::TopicReader::Open(config, topic, true);
    if (r.ok()) {
      reader = *std::move(r);
    } else if (absl::Now() > deadline) {
      return r.status();
    } else {
      absl::SleepFor(absl::Milliseconds(500));
    }
  }
  std::vector<kafka::OwnedRecord> out;
  while (out.size() < count && absl::Now() < deadline) {
    ASSIGN_OR_RETURN(auto r, reader->Next(absl::Milliseconds(200)));
    if (r.has_value()) out.push_back(*std::move(r));
  }
  absl::Time settle_end = absl::Now() + settle;
  while (absl::Now() < settle_end) {
    ASSIGN_OR_RETURN(auto r, reader->Next(absl::Milliseconds(200)));
    if (r.has_value()) out.push_back(*std::move(r));
  }
  return out;
}

v1::RawWire MakeStory(int n, const std::string& source) {
  return storygen::GenerateRawWire(static_cast<uint64_t>(n), 100, source);
}

}  // namespace newswire::testing
