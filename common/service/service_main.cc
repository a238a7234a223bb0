#include "common/service/service_main.h"

#include <atomic>
#include <csignal>
#include <thread>

#include "absl/time/clock.h"
#include "common/kafka/admin.h"
#include "common/kafka/client.h"
#include "common/log/log.h"
#include "common/metrics/metrics_server.h"
#include "common/metrics/stream_metrics.h"
#include "common/service/service_flags.h"

namespace newswire {
namespace {

// Set by SIGTERM/SIGINT from the start of the service; the loop is stopped
// through it as soon as it exists. A second signal restores the default
// action, so a third one ends a process that is stuck.
std::atomic<bool> g_stop{false};
std::atomic<kafka::StreamProcessor*> g_processor{nullptr};

extern "C" void OnSignal(int signal) {
  g_stop.store(true);
  kafka::StreamProcessor* p = g_processor.load();
  if (p != nullptr) p->Stop();
  std::signal(signal, SIG_DFL);
}

}  // namespace

int RunStreamService(const std::string& stage, const std::string& input_topic,
                     kafka::RecordHandler* handler,
                     const std::shared_ptr<prometheus::Registry>& registry,
                     const ServiceHooks& hooks) {
  SetLogProgramName("newswire-" + stage);
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);
  auto options = ProcessorOptionsFromFlags(stage, input_topic);
  if (!options.ok()) {
    NW_LOG(ERROR, "configuration: %s", options.status().message());
    return 2;
  }
  RegisterBuildInfo(*registry);
  StreamMetrics metrics(*registry, stage);
  auto server = MetricsServer::Start(MetricsAddressFlag(), registry);
  if (!server.ok()) {
    NW_LOG(ERROR, "%s", server.status().ToString());
    return 2;
  }
  NW_LOG(INFO, "serving /metrics, /healthz, /readyz on port %d",
         (*server)->port());

  // A wrong address, password or certificate is reported here, within
  // --connect_timeout, instead of as a service that never gets ready.
  NW_LOG(INFO, "connecting to Kafka at %s", options->kafka.ToString());
  if (absl::Status s = kafka::CheckCluster(options->kafka); !s.ok()) {
    NW_LOG(ERROR, "%s", s.message());
    return 1;
  }
  if (CreateTopicsFlag()) {
    absl::Status s = kafka::EnsureTopics(
        options->kafka,
        kafka::PipelineTopics(TopicName(""), TopicPartitionsFlag()));
    if (!s.ok()) {
      NW_LOG(ERROR, "creating topics: %s", s.message());
      return 1;
    }
  }
  auto processor =
      kafka::StreamProcessor::Create(*std::move(options), handler, &metrics);
  if (!processor.ok()) {
    NW_LOG(ERROR, "%s", processor.status().ToString());
    return 2;
  }
  g_processor.store(processor->get());
  if (g_stop.load()) (*processor)->Stop();

  // Fence the previous instance first: its last transaction is completed or
  // aborted before any state is read back, so the restore sees exactly what
  // was committed.
  absl::Status init = (*processor)->InitTransactions();
  if (!init.ok()) {
    g_processor.store(nullptr);
    if (g_stop.load()) return 0;
    NW_LOG(ERROR, "initialising transactions: %s", init.message());
    return 1;
  }
  if (hooks.before_run) {
    absl::Status s = hooks.before_run();
    if (!s.ok()) {
      g_processor.store(nullptr);
      NW_LOG(ERROR, "starting: %s", s.message());
      return 1;
    }
  }

  // /readyz follows the loop: ready once transactions are initialised and
  // the consumer is subscribed, not ready again once it stops. /healthz
  // fails while the loop is stalled (--stall_timeout).
  kafka::StreamProcessor* loop = processor->get();
  (*server)->SetHealthCheck([loop] { return !loop->Stalled(absl::Now()); });
  std::atomic<bool> done{false};
  std::thread readiness([&] {
    bool stalled = false;
    while (!done.load()) {
      (*server)->SetReady(loop->ready());
      if (loop->Stalled(absl::Now()) != stalled) {
        stalled = !stalled;
        if (stalled) {
          NW_LOG(ERROR,
                 "%s: no progress for over --stall_timeout with input "
                 "pending; /healthz fails",
                 stage);
        } else {
          NW_LOG(INFO, "%s: progressing again; /healthz ok", stage);
        }
      }
      absl::SleepFor(absl::Milliseconds(200));
    }
  });
  absl::Status s = loop->Run();
  done.store(true);
  readiness.join();
  (*server)->SetHealthCheck(nullptr);
  (*server)->SetReady(false);
  g_processor.store(nullptr);
  if (!s.ok()) {
    (*server)->SetHealthy(false);
    NW_LOG(ERROR, "exiting: %s", s.message());
    return 1;
  }
  return 0;
}

}  // namespace newswire
