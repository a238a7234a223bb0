// HTTP endpoint for /metrics (Prometheus text format), /healthz and /readyz.
//
// One port serves all three, so a Kubernetes pod needs one containerPort for
// its probes and its scrape. /healthz answers 200 while the process is alive,
// SetHealthy(false) has not been called and the health check (if any) passes
// — services check that their loop is not stalled — and 503 otherwise;
// /readyz answers 200 once the service has joined its group and initialised
// its transactions, 503 before.
//
// Example:
//   auto registry = std::make_shared<prometheus::Registry>();
//   ASSIGN_OR_RETURN(auto server, MetricsServer::Start("0.0.0.0:9464",
//                                                      registry));
//   ...
//   server->SetReady(true);
//   server->SetHealthCheck([&] { return !processor->Stalled(absl::Now()); });
//   ...
//   server->SetHealthCheck(nullptr);  // before `processor` goes away
//
// Thread-safety: every method may be called from any thread.
#ifndef NEWSWIRE_COMMON_METRICS_METRICS_SERVER_H_
#define NEWSWIRE_COMMON_METRICS_METRICS_SERVER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"

struct CivetCallbacks;

namespace newswire {

class MetricsServer {
 public:
  // Starts serving on `address` ("host:port"; port 0 picks a free one).
  // Returns an error if the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<MetricsServer>> Start(
      const std::string& address,
      std::shared_ptr<prometheus::Registry> registry);

  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  void SetReady(bool ready) { ready_.store(ready); }
  void SetHealthy(bool healthy) { healthy_.store(healthy); }
  // Sets a check that /healthz runs on every request (on a server thread):
  // false answers 503. nullptr removes it. Whatever `check` refers to must
  // stay alive until it is replaced or removed.
  void SetHealthCheck(std::function<bool()> check);
  bool ready() const { return ready_.load(); }
  // SetHealthy's flag and the health check's answer.
  bool healthy() const;

  // The port actually bound (useful with port 0).
  int port() const;

 private:
  MetricsServer();

  std::atomic<bool> ready_{false};
  std::atomic<bool> healthy_{true};
  mutable absl::Mutex check_mu_;
  std::function<bool()> check_ ABSL_GUARDED_BY(check_mu_);
  std::unique_ptr<CivetCallbacks> callbacks_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::shared_ptr<prometheus::Registry> registry_;
};

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_METRICS_METRICS_SERVER_H_
