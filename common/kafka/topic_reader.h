// Reads every partition of one topic without joining a consumer group.
//
// Used by `newswire tail`, by tests that check what the pipeline published,
// and by services that rebuild state from a compacted topic. Reads with
// isolation.level=read_committed, so records of open or aborted transactions
// are never returned. It uses no group id at all (it never looks up a group
// coordinator or commits), so on a cluster with ACLs it needs only Read and
// Describe on the topic.
//
// Example:
//   ASSIGN_OR_RETURN(auto reader, TopicReader::Open(config, kEnrichedTopic,
//                                                   /*from_beginning=*/true));
//   while (!reader->AtEnd()) {
//     ASSIGN_OR_RETURN(std::optional<OwnedRecord> r,
//                      reader->Next(absl::Seconds(1)));
//     if (r) Handle(*r);
//   }
//
// Thread-compatible.
#ifndef NEWSWIRE_COMMON_KAFKA_TOPIC_READER_H_
#define NEWSWIRE_COMMON_KAFKA_TOPIC_READER_H_

#include <librdkafka/rdkafkacpp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/kafka/client.h"
#include "common/kafka/client_config.h"
#include "common/kafka/record.h"

namespace newswire::kafka {

class TopicReader {
 public:
  // Starts reading all partitions of `topic`, at the beginning or at the
  // current end. Returns NotFound if the topic does not exist (or is not
  // visible to this user), Unavailable if the cluster does not answer within
  // `timeout`, and the fatal error for refused credentials.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<TopicReader>> Open(
      const KafkaClientConfig& config, const std::string& topic,
      bool from_beginning, absl::Duration timeout = absl::Seconds(30));
  ~TopicReader();
  TopicReader(const TopicReader&) = delete;
  TopicReader& operator=(const TopicReader&) = delete;

  // Returns the next committed record, or nullopt if none arrived within
  // `timeout`. Returns an error for a consumer error that is not transient.
  [[nodiscard]] absl::StatusOr<std::optional<OwnedRecord>> Next(
      absl::Duration timeout);

  // True once every partition has reported reaching its end at least once
  // since Open (later records still arrive through Next).
  bool AtEnd() const { return eof_partitions_.size() >= partition_count_; }

  int partition_count() const { return static_cast<int>(partition_count_); }

 private:
  TopicReader() : events_("reader") {}

  ClientEvents events_;  // outlives the clients below
  std::unique_ptr<RdKafka::Consumer> consumer_;
  std::unique_ptr<RdKafka::Topic> topic_;
  std::unique_ptr<RdKafka::Queue> queue_;
  std::vector<int32_t> partitions_;
  size_t partition_count_ = 0;
  absl::flat_hash_set<int32_t> eof_partitions_;
};

// Reads `topic` from the beginning to its end (as of the call), passing each
// committed record to `fn`. Stops at the first error `fn` returns.
[[nodiscard]] absl::Status ReadTopicToEnd(
    const KafkaClientConfig& config, const std::string& topic,
    const std::function<absl::Status(const OwnedRecord&)>& fn,
    absl::Duration timeout = absl::Minutes(5));

// Reads the given partitions of `topic` from the beginning up to their high
// watermarks as of the call, passing each committed record to `fn`. Unlike
// ReadTopicToEnd it does not stop at the last stable offset: records of a
// transaction still open when it starts are waited for until that
// transaction commits (they are passed on) or aborts (they are skipped), so
// the caller sees every write made before the call. Returns
// DeadlineExceeded after `timeout`, and stops at the first error `fn`
// returns.
[[nodiscard]] absl::Status ReadPartitionsToEnd(
    const KafkaClientConfig& config, const std::string& topic,
    const std::vector<int32_t>& partitions,
    const std::function<absl::Status(const OwnedRecord&)>& fn,
    absl::Duration timeout = absl::Minutes(5));

}  // namespace newswire::kafka

#endif  // NEWSWIRE_COMMON_KAFKA_TOPIC_READER_H_
