// The shared body of a service's main(): metrics endpoint, topic creation,
// signal handling and the StreamProcessor loop.
//
// Example (services/dedup/main.cc):
//   int main(int argc, char** argv) {
//     newswire::ParseFlagsWithEnv(argc, argv, "...");
//     auto registry = std::make_shared<prometheus::Registry>();
//     DedupHandler handler(...);
//     return newswire::RunStreamService("dedup", kafka::kArticlesTopic,
//                                       &handler, registry);
//   }
#ifndef NEWSWIRE_COMMON_SERVICE_SERVICE_MAIN_H_
#define NEWSWIRE_COMMON_SERVICE_SERVICE_MAIN_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "common/kafka/stream_processor.h"
#include "prometheus/registry.h"

namespace newswire {

struct ServiceHooks {
  // Called after topics exist and the previous instance with this
  // transactional.id has been fenced, before the loop starts (e.g. to
  // rebuild state from a compacted topic). A non-OK status ends the service.
  std::function<absl::Status()> before_run;
};

// Runs the service until SIGTERM/SIGINT (exit code 0 after the open
// transaction is committed or aborted) or a fatal error (exit code 1; a
// configuration error is 2). `registry` holds the stage's own metrics too.
int RunStreamService(const std::string& stage, const std::string& input_topic,
                     kafka::RecordHandler* handler,
                     const std::shared_ptr<prometheus::Registry>& registry,
                     const ServiceHooks& hooks = {});

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_SERVICE_SERVICE_MAIN_H_
