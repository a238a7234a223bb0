// The one place where newswire makes librdkafka clients.
//
// Every producer and consumer (the stream loop, the publisher, the topic
// reader, the admin calls) is created here from a KafkaClientConfig, so each
// gets the same connection settings and the same callbacks, through a
// ClientEvents the caller owns:
//   - librdkafka's own log lines go through common/log, in the project's
//     format, instead of raw "%3|...|FAIL|..." lines on stderr;
//   - error events and failed deliveries are translated once (error.h); an
//     authentication, TLS or authorization failure, or any fatal error, is
//     kept as ClientEvents::fatal(), so that a loop stops with a clear error
//     instead of retrying forever;
//   - librdkafka statistics go to an optional sink (consumer lag metrics).
// CheckCluster() answers within the configured connect timeout whether the
// cluster is reachable with these credentials.
//
// Example:
//   ClientEvents events("publish");
//   ASSIGN_OR_RETURN(std::unique_ptr<RdKafka::Producer> producer,
//                    CreateProducer(config, {{"acks", "all"}}, &events));
//   ...
//   producer->poll(0);
//   if (!events.fatal().ok()) return events.fatal();
//
// Ownership: the caller owns both the client and `events`; `events` (and any
// sink or callback given to it) must outlive the client. Declare the
// ClientEvents member before the client member so it is destroyed after it.
#ifndef NEWSWIRE_COMMON_KAFKA_CLIENT_H_
#define NEWSWIRE_COMMON_KAFKA_CLIENT_H_

#include <librdkafka/rdkafkacpp.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/kafka/client_config.h"

namespace newswire::kafka {

// Callbacks shared by every client. librdkafka calls them from the thread
// that polls the client and, for log lines, from its internal threads.
//
// Thread-safe.
class ClientEvents : public RdKafka::EventCb, public RdKafka::DeliveryReportCb {
 public:
  using StatisticsSink = std::function<void(const std::string& json)>;
  using DeliverySink = std::function<void(RdKafka::Message& message)>;

  // `name` prefixes log lines ("dedup", "publish", ...).
  explicit ClientEvents(std::string name) : name_(std::move(name)) {}

  // Optional sinks; set them before the client is created.
  void set_statistics_sink(StatisticsSink sink) { stats_ = std::move(sink); }
  void set_delivery_sink(DeliverySink sink) { delivery_ = std::move(sink); }

  // The first fatal error the client reported (fenced, authentication, TLS,
  // authorization, ...), or OK. Once set it stays set.
  [[nodiscard]] absl::Status fatal() const;
  // The most recent error of any class, or OK: what a caller reports when
  // the cluster does not answer in time.
  [[nodiscard]] absl::Status last_error() const;

  void event_cb(RdKafka::Event& event) override;
  void dr_cb(RdKafka::Message& message) override;

  // Records `status` as the client's error, fatal if IsFatal(status).
  void Record(const absl::Status& status);

 private:
  const std::string name_;
  StatisticsSink stats_;
  DeliverySink delivery_;
  mutable absl::Mutex mu_;
  absl::Status fatal_ ABSL_GUARDED_BY(mu_);
  absl::Status last_ ABSL_GUARDED_BY(mu_);
};

// Creates a producer from `config` plus `overrides` (later entries win).
// Delivery reports go to `events` (and on to its delivery sink). Returns
// InvalidArgument for a configuration librdkafka rejects.
[[nodiscard]] absl::StatusOr<std::unique_ptr<RdKafka::Producer>> CreateProducer(
    const KafkaClientConfig& config, const Properties& overrides,
    ClientEvents* events);

// Creates a group consumer; `rebalance` may be null (librdkafka's default
// assignment handling).
[[nodiscard]] absl::StatusOr<std::unique_ptr<RdKafka::KafkaConsumer>>
CreateConsumer(const KafkaClientConfig& config, const Properties& overrides,
               ClientEvents* events, RdKafka::RebalanceCb* rebalance = nullptr);

// Creates a consumer that reads partitions it is told to read, outside any
// consumer group: it never looks up a group coordinator, so it needs only
// Read and Describe on its topics.
[[nodiscard]] absl::StatusOr<std::unique_ptr<RdKafka::Consumer>>
CreatePartitionConsumer(const KafkaClientConfig& config,
                        const Properties& overrides, ClientEvents* events);

// Waits, at most config.connect_timeout, until the cluster answers a
// metadata request from `client` (a producer or a partition consumer, not a
// group consumer). Returns OK, the client's fatal error as soon as `events`
// has one (wrong password, untrusted certificate, ...), or Unavailable naming
// the brokers and the last error seen.
[[nodiscard]] absl::Status WaitForCluster(RdKafka::Handle* client,
                                          const ClientEvents& events,
                                          const KafkaClientConfig& config);

// Connects to the cluster and waits, at most config.connect_timeout, until it
// answers a metadata request. Returns OK, the client's fatal error as soon
// as there is one (wrong password, untrusted certificate, ...), or
// Unavailable naming the brokers and the last error seen. Use it at the
// start of a program so that a wrong address or credential fails fast.
[[nodiscard]] absl::Status CheckCluster(const KafkaClientConfig& config);

}  // namespace newswire::kafka

#endif  // NEWSWIRE_COMMON_KAFKA_CLIENT_H_
