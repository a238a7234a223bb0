#include "common/metrics/metrics_server.h"

#include <CivetServer.h>
#include <civetweb.h>

#include <cstring>
#include <exception>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace newswire {
namespace {

// civetweb hands callbacks the CivetServer, not us, so the servers of this
// process are found by the port a request arrived on.
absl::Mutex g_servers_mu;
absl::flat_hash_map<int, MetricsServer*>& Servers()
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(g_servers_mu) {
  static auto* servers = new absl::flat_hash_map<int, MetricsServer*>();
  return *servers;
}

MetricsServer* FindServer(int port) {
  absl::MutexLock lock(&g_servers_mu);
  auto it = Servers().find(port);
  return it == Servers().end() ? nullptr : it->second;
}

void Reply(mg_connection* conn, int code, const char* body) {
  mg_printf(conn,
            "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\n"
            "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
            code, code == 200 ? "OK" : "Service Unavailable", std::strlen(body),
            body);
}

// Serves /healthz and /readyz before prometheus-cpp's handlers see the
// request; returns 0 for every other path so /metrics works as usual.
int BeginRequest(mg_connection* conn) {
  const mg_request_info* info = mg_get_request_info(conn);
  if (info->local_uri == nullptr) return 0;
  MetricsServer* server = FindServer(info->server_port);
  if (server == nullptr) return 0;
  if (std::strcmp(info->local_uri, "/healthz") == 0) {
    bool ok = server->healthy();
    Reply(conn, ok ? 200 : 503, ok ? "ok\n" : "unhealthy\n");
    return 200;
  }
  if (std::strcmp(info->local_uri, "/readyz") == 0) {
    bool ok = server->ready();
    Reply(conn, ok ? 200 : 503, ok ? "ready\n" : "not ready\n");
    return 200;
  }
  return 0;
}

}  // namespace

MetricsServer::MetricsServer() = default;
MetricsServer::~MetricsServer() {
  if (exposer_ != nullptr) {
    absl::MutexLock lock(&g_servers_mu);
    for (int port : exposer_->GetListeningPorts()) Servers().erase(port);
  }
}

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(
    const std::string& address,
    std::shared_ptr<prometheus::Registry> registry) {
  std::unique_ptr<MetricsServer> server(new MetricsServer());
  server->callbacks_ = std::make_unique<CivetCallbacks>();
  server->callbacks_->begin_request = &BeginRequest;
  // civetweb reports a bind failure by throwing from CivetServer's
  // constructor; this is the one place we translate an exception.
  try {
    server->exposer_ = std::make_unique<prometheus::Exposer>(
        std::vector<std::string>{"listening_ports", address, "num_threads",
                                 "2"},
        server->callbacks_.get());
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", address, ": ", e.what()));
  }
  server->registry_ = std::move(registry);
  server->exposer_->RegisterCollectable(server->registry_);
  {
    absl::MutexLock lock(&g_servers_mu);
    for (int port : server->exposer_->GetListeningPorts()) {
      Servers()[port] = server.get();
    }
  }
  return server;
}

void MetricsServer::SetHealthCheck(std::function<bool()> check) {
  absl::MutexLock lock(&check_mu_);
  check_ = std::move(check);
}

bool MetricsServer::healthy() const {
  if (!healthy_.load()) return false;
  absl::MutexLock lock(&check_mu_);
  return check_ == nullptr || check_();
}

int MetricsServer::port() const {
  std::vector<int> ports = exposer_->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

}  // namespace newswire
