// HTTP endpoint for /metrics (Prometheus text format), /healthz and /readyz.
//
// One port serves all three, so a Kubernetes pod needs one containerPort for
// its probes and its scrape. /healthz answers 200 while the process is alive
// and its main loop has not reported itself stuck; /readyz answers 200 once the
// service has joined its group and initialised its transactions, 503 before.
//
// Example:
//   auto registry = std::make_shared<prometheus::Registry>();
//   ASSIGN_OR_RETURN(auto server, MetricsServer::Start("0.0.0.0:9464",
//                                                      registry));
//   ...
//   server->SetReady(true);
//
// Thread-safety: SetReady/SetHealthy may be called from any thread.
#ifndef NEWSWIRE_COMMON_METRICS_METRICS_SERVER_H_
#define NEWSWIRE_COMMON_METRICS_METRICS_SERVER_H_

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
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
  bool ready() const { return ready_.load(); }
  bool healthy() const { return healthy_.load(); }

  // The port actually bound (useful with port 0).
  int port() const;

 private:
  MetricsServer();

  std::atomic<bool> ready_{false};
  std::atomic<bool> healthy_{true};
  std::unique_ptr<CivetCallbacks> callbacks_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::shared_ptr<prometheus::Registry> registry_;
};

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_METRICS_METRICS_SERVER_H_
