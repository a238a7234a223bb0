#include "common/kafka/client.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/kafka/error.h"
#include "common/log/log.h"
#include "common/status/status_macros.h"

namespace newswire::kafka {
namespace {

// librdkafka log levels are syslog's: 0 emerg ... 3 err, 4 warning,
// 5 notice, 6 info, 7 debug.
LogSeverity SeverityOf(RdKafka::Event::Severity s) {
  if (s <= RdKafka::Event::EVENT_SEVERITY_ERROR) return LogSeverity::kError;
  if (s == RdKafka::Event::EVENT_SEVERITY_WARNING) {
    return LogSeverity::kWarning;
  }
  if (s <= RdKafka::Event::EVENT_SEVERITY_INFO) return LogSeverity::kInfo;
  return LogSeverity::kDebug;
}

// The configuration every client starts from: `config`, `overrides` and the
// shared event callback.
absl::StatusOr<std::unique_ptr<RdKafka::Conf>> BaseConf(
    const KafkaClientConfig& config, const Properties& overrides,
    ClientKind kind, ClientEvents* events) {
  ASSIGN_OR_RETURN(std::unique_ptr<RdKafka::Conf> conf,
                   MakeConf(config, overrides, kind));
  std::string error;
  if (conf->set("event_cb", static_cast<RdKafka::EventCb*>(events), error) !=
      RdKafka::Conf::CONF_OK) {
    return absl::InternalError(absl::StrCat("event_cb: ", error));
  }
  return conf;
}

// Wraps what a librdkafka create() call returned.
template <typename Client>
absl::StatusOr<std::unique_ptr<Client>> Created(Client* client,
                                                const char* what,
                                                const std::string& error) {
  if (client == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("creating Kafka ", what, ": ", error));
  }
  return std::unique_ptr<Client>(client);
}

}  // namespace

absl::Status ClientEvents::fatal() const {
  absl::MutexLock lock(&mu_);
  return fatal_;
}

absl::Status ClientEvents::last_error() const {
  absl::MutexLock lock(&mu_);
  return last_;
}

void ClientEvents::Record(const absl::Status& status) {
  if (status.ok()) return;
  bool first_fatal = false;
  {
    absl::MutexLock lock(&mu_);
    last_ = status;
    if (IsFatal(status) && fatal_.ok()) {
      fatal_ = status;
      first_fatal = true;
    }
  }
  if (first_fatal) {
    NW_LOG(ERROR, "%s: kafka: %s", name_, status.message());
  } else if (!IsFatal(status)) {
    NW_LOG(WARNING, "%s: kafka: %s", name_, status.message());
  }
}

void ClientEvents::event_cb(RdKafka::Event& event) {
  switch (event.type()) {
    case RdKafka::Event::EVENT_STATS:
      if (stats_) stats_(event.str());
      break;
    case RdKafka::Event::EVENT_ERROR: {
      // A fatal event means the client itself is unusable whatever the code
      // (librdkafka keeps the underlying code in fatal_error()).
      absl::Status s = FromErrorCode(
          event.fatal() ? RdKafka::ERR__FATAL : event.err(), event.str());
      Record(s);
      break;
    }
    case RdKafka::Event::EVENT_LOG: {
      LogSeverity severity = SeverityOf(event.severity());
      if (LogEnabled(severity)) {
        LogLine(severity, absl::StrCat(name_, ": kafka ", event.fac(), ": ",
                                       event.str()));
      }
      break;
    }
    default:
      break;
  }
}

void ClientEvents::dr_cb(RdKafka::Message& message) {
  if (message.err() != RdKafka::ERR_NO_ERROR) {
    absl::Status s = FromErrorCode(
        message.err(), absl::StrCat("delivering to ", message.topic_name()));
    // Only a refusal the client cannot get past is worth keeping here; other
    // failures surface where the caller flushes or commits.
    if (IsFatal(s)) Record(s);
  }
  if (delivery_) delivery_(message);
}

absl::StatusOr<std::unique_ptr<RdKafka::Producer>> CreateProducer(
    const KafkaClientConfig& config, const Properties& overrides,
    ClientEvents* events) {
  ASSIGN_OR_RETURN(std::unique_ptr<RdKafka::Conf> conf,
                   BaseConf(config, overrides, ClientKind::kProducer, events));
  std::string error;
  if (conf->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(events),
                error) != RdKafka::Conf::CONF_OK) {
    return absl::InternalError(absl::StrCat("dr_cb: ", error));
  }
  return Created(RdKafka::Producer::create(conf.get(), error), "producer",
                 error);
}

absl::StatusOr<std::unique_ptr<RdKafka::KafkaConsumer>> CreateConsumer(
    const KafkaClientConfig& config, const Properties& overrides,
    ClientEvents* events, RdKafka::RebalanceCb* rebalance) {
  ASSIGN_OR_RETURN(std::unique_ptr<RdKafka::Conf> conf,
                   BaseConf(config, overrides, ClientKind::kConsumer, events));
  std::string error;
  if (rebalance != nullptr &&
      conf->set("rebalance_cb", rebalance, error) != RdKafka::Conf::CONF_OK) {
    return absl::InternalError(absl::StrCat("rebalance_cb: ", error));
  }
  return Created(RdKafka::KafkaConsumer::create(conf.get(), error), "consumer",
                 error);
}

absl::StatusOr<std::unique_ptr<RdKafka::Consumer>> CreatePartitionConsumer(
    const KafkaClientConfig& config, const Properties& overrides,
    ClientEvents* events) {
  ASSIGN_OR_RETURN(std::unique_ptr<RdKafka::Conf> conf,
                   BaseConf(config, overrides, ClientKind::kConsumer, events));
  std::string error;
  return Created(RdKafka::Consumer::create(conf.get(), error), "consumer",
                 error);
}

absl::Status WaitForCluster(RdKafka::Handle* client, const ClientEvents& events,
                            const KafkaClientConfig& config) {
  const absl::Time deadline = absl::Now() + config.connect_timeout;
  while (true) {
    client->poll(0);
    absl::Status fatal = events.fatal();
    if (!fatal.ok()) {
      return absl::Status(
          fatal.code(), absl::StrCat("connecting to ", config.ToString(), ": ",
                                     fatal.message()));
    }
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) break;
    RdKafka::Metadata* raw = nullptr;
    const int wait_ms = static_cast<int>(std::max<int64_t>(
        1, absl::ToInt64Milliseconds(std::min(left, absl::Milliseconds(500)))));
    RdKafka::ErrorCode err = client->metadata(false, nullptr, &raw, wait_ms);
    std::unique_ptr<RdKafka::Metadata> metadata(raw);
    if (err == RdKafka::ERR_NO_ERROR && metadata != nullptr &&
        !metadata->brokers()->empty()) {
      return absl::OkStatus();
    }
  }
  absl::Status last = events.last_error();
  return absl::UnavailableError(
      absl::StrCat("no answer from Kafka at ", config.ToString(), " within ",
                   absl::FormatDuration(config.connect_timeout),
                   last.ok() ? "" : absl::StrCat(": ", last.message())));
}

absl::Status CheckCluster(const KafkaClientConfig& config) {
  ClientEvents events("connect");
  ASSIGN_OR_RETURN(std::unique_ptr<RdKafka::Producer> probe,
                   CreateProducer(config, {}, &events));
  return WaitForCluster(probe.get(), events, config);
}

}  // namespace newswire::kafka
