// An idempotent producer for feeding records into the pipeline.
//
// Used by `newswire publish`, the drop-folder watcher and tests. Delivery is
// acks=all with idempotence, so a record acknowledged by Flush() is on the
// broker exactly once however often the client retried. Wire copy enters the
// pipeline through SendRaw(), keyed by RawWireKey(), whichever door it comes
// in by.
//
// Example:
//   ASSIGN_OR_RETURN(auto publisher, Publisher::Create(config));
//   RETURN_IF_ERROR(publisher->SendRaw(TopicName(kRawTopic), raw));
//   RETURN_IF_ERROR(publisher->Flush(absl::Seconds(30)));
//
// Thread-compatible: use one Publisher from one thread at a time.
#ifndef NEWSWIRE_COMMON_KAFKA_PUBLISHER_H_
#define NEWSWIRE_COMMON_KAFKA_PUBLISHER_H_

#include <librdkafka/rdkafkacpp.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/kafka/client.h"
#include "common/kafka/client_config.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::kafka {

// The record key of a RawWire on the raw topic: the hex fingerprint of its
// payload (16 lowercase hex digits). Copies of the same bytes share a key,
// hence a partition, whatever their file name or source.
std::string RawWireKey(const v1::RawWire& raw);

class Publisher {
 public:
  // Creates the producer and waits (at most config.connect_timeout) until the
  // cluster answers, so that a wrong address or credential is reported here,
  // in seconds, rather than as records that never arrive.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Publisher>> Create(
      const KafkaClientConfig& config);
  ~Publisher();
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;

  // Queues one record (copying the bytes). Blocks while the local queue is
  // full. Returns an error for a record the client rejects outright (e.g.
  // larger than message.max.bytes) and, at once, for a fatal client error
  // (refused credentials, a missing ACL); other delivery errors surface in
  // Flush().
  [[nodiscard]] absl::Status Send(absl::string_view topic,
                                  absl::string_view key,
                                  absl::string_view value);

  // Send() of `raw` serialized, keyed by RawWireKey(raw).
  [[nodiscard]] absl::Status SendRaw(absl::string_view topic,
                                     const v1::RawWire& raw);

  // Waits until every queued record is acknowledged or failed. Returns the
  // first delivery error seen since the last Flush, if any.
  [[nodiscard]] absl::Status Flush(absl::Duration timeout);

  int64_t delivered() const { return delivered_.load(); }
  int64_t failed() const { return failed_.load(); }

 private:
  Publisher() : events_("publish") {}
  void OnDelivery(RdKafka::Message& message);

  ClientEvents events_;  // outlives producer_
  std::unique_ptr<RdKafka::Producer> producer_;
  std::atomic<int64_t> delivered_{0};
  std::atomic<int64_t> failed_{0};
  absl::Mutex mu_;
  absl::Status first_error_ ABSL_GUARDED_BY(mu_);
};

}  // namespace newswire::kafka

#endif  // NEWSWIRE_COMMON_KAFKA_PUBLISHER_H_
