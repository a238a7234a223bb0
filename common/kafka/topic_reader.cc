#include "common/kafka/topic_reader.h"

#include <algorithm>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/kafka/error.h"
#include "common/status/status_macros.h"

namespace newswire::kafka {
namespace {

// Not const: RdKafka::Message::headers() is not.
OwnedRecord ToOwnedRecord(RdKafka::Message& m) {
  OwnedRecord r;
  r.topic = m.topic_name();
  r.partition = m.partition();
  r.offset = m.offset();
  if (m.key() != nullptr) r.key = *m.key();
  r.value.assign(static_cast<const char*>(m.payload()), m.len());
  r.timestamp_ms = m.timestamp().timestamp;
  if (RdKafka::Headers* h = m.headers(); h != nullptr) {
    for (const RdKafka::Headers::Header& header : h->get_all()) {
      const char* v = static_cast<const char*>(header.value());
      r.headers.emplace_back(
          header.key(),
          v == nullptr ? std::string() : std::string(v, header.value_size()));
    }
  }
  return r;
}

}  // namespace

TopicReader::~TopicReader() {
  if (consumer_ == nullptr || topic_ == nullptr) return;
  for (int32_t partition : partitions_) {
    consumer_->stop(topic_.get(), partition);
  }
}

absl::StatusOr<std::unique_ptr<TopicReader>> TopicReader::Open(
    const KafkaClientConfig& config, const std::string& topic,
    bool from_beginning, absl::Duration timeout) {
  std::unique_ptr<TopicReader> reader(new TopicReader());
  ASSIGN_OR_RETURN(
      reader->consumer_,
      CreatePartitionConsumer(config,
                              {{"isolation.level", "read_committed"},
                               {"enable.partition.eof", "true"}},
                              &reader->events_));
  KafkaClientConfig probe = config;
  probe.connect_timeout = std::min(timeout, config.connect_timeout);
  RETURN_IF_ERROR(
      WaitForCluster(reader->consumer_.get(), reader->events_, probe));

  std::string error;
  reader->topic_.reset(
      RdKafka::Topic::create(reader->consumer_.get(), topic, nullptr, error));
  if (reader->topic_ == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("topic ", topic, ": ", error));
  }
  RdKafka::Metadata* raw_metadata = nullptr;
  absl::Status status =
      FromErrorCode(reader->consumer_->metadata(
                        false, reader->topic_.get(), &raw_metadata,
                        static_cast<int>(absl::ToInt64Milliseconds(timeout))),
                    absl::StrCat("metadata for ", topic));
  std::unique_ptr<RdKafka::Metadata> metadata(raw_metadata);
  RETURN_IF_ERROR(status);
  for (const RdKafka::TopicMetadata* t : *metadata->topics()) {
    if (t->topic() != topic) continue;
    if (t->err() != RdKafka::ERR_NO_ERROR) {
      absl::Status s =
          FromErrorCode(t->err(), absl::StrCat("reading topic ", topic));
      if (IsFatal(s)) return s;  // e.g. not authorized
      return absl::NotFoundError(s.message());
    }
    for (const RdKafka::PartitionMetadata* p : *t->partitions()) {
      reader->partitions_.push_back(p->id());
    }
  }
  if (reader->partitions_.empty()) {
    return absl::NotFoundError(absl::StrCat("topic ", topic, " not found"));
  }
  reader->partition_count_ = reader->partitions_.size();
  reader->queue_.reset(RdKafka::Queue::create(reader->consumer_.get()));
  const int64_t start = from_beginning ? RdKafka::Topic::OFFSET_BEGINNING
                                       : RdKafka::Topic::OFFSET_END;
  for (int32_t partition : reader->partitions_) {
    RETURN_IF_ERROR(
        FromErrorCode(reader->consumer_->start(reader->topic_.get(), partition,
                                               start, reader->queue_.get()),
                      absl::StrCat("starting ", topic, "[", partition, "]")));
  }
  return reader;
}

absl::StatusOr<std::optional<OwnedRecord>> TopicReader::Next(
    absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (true) {
    RETURN_IF_ERROR(events_.fatal());
    int wait_ms =
        static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now()));
    std::unique_ptr<RdKafka::Message> m(
        consumer_->consume(queue_.get(), wait_ms < 0 ? 0 : wait_ms));
    consumer_->poll(0);  // serves error and log events
    switch (m->err()) {
      case RdKafka::ERR_NO_ERROR:
        return std::optional<OwnedRecord>(ToOwnedRecord(*m));
      case RdKafka::ERR__PARTITION_EOF:
        eof_partitions_.insert(m->partition());
        break;
      case RdKafka::ERR__TIMED_OUT:
        break;
      default: {
        absl::Status s = FromErrorCode(m->err(), "consuming");
        if (!IsRetriable(s)) return s;
        break;
      }
    }
    if (absl::Now() >= deadline) return std::optional<OwnedRecord>();
  }
}

absl::Status ReadTopicToEnd(
    const KafkaClientConfig& config, const std::string& topic,
    const std::function<absl::Status(const OwnedRecord&)>& fn,
    absl::Duration timeout) {
  ASSIGN_OR_RETURN(auto reader, TopicReader::Open(config, topic, true));
  absl::Time deadline = absl::Now() + timeout;
  while (!reader->AtEnd()) {
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("reading ", topic, " to its end took longer than ",
                       absl::FormatDuration(timeout)));
    }
    ASSIGN_OR_RETURN(std::optional<OwnedRecord> r,
                     reader->Next(absl::Milliseconds(500)));
    if (r.has_value()) RETURN_IF_ERROR(fn(*r));
  }
  return absl::OkStatus();
}

absl::Status ReadPartitionsToEnd(
    const KafkaClientConfig& config, const std::string& topic,
    const std::vector<int32_t>& partitions,
    const std::function<absl::Status(const OwnedRecord&)>& fn,
    absl::Duration timeout) {
  if (partitions.empty()) return absl::OkStatus();
  const absl::Time deadline = absl::Now() + timeout;
  ClientEvents events("reader");
  ASSIGN_OR_RETURN(
      std::unique_ptr<RdKafka::Consumer> consumer,
      CreatePartitionConsumer(config,
                              {{"isolation.level", "read_committed"},
                               {"enable.partition.eof", "true"}},
                              &events));
  std::string error;
  std::unique_ptr<RdKafka::Topic> t(
      RdKafka::Topic::create(consumer.get(), topic, nullptr, error));
  if (t == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("topic ", topic, ": ", error));
  }
  // Asked with read_committed, the broker answers the last stable offset
  // for the end of a partition: ask with read_uncommitted for the high
  // watermark, which includes records of transactions still open.
  ASSIGN_OR_RETURN(
      std::unique_ptr<RdKafka::Consumer> probe,
      CreatePartitionConsumer(config, {{"isolation.level", "read_uncommitted"}},
                              &events));
  std::unique_ptr<RdKafka::Queue> queue(RdKafka::Queue::create(consumer.get()));
  // The end of each partition: its high watermark now. A partition already
  // read to it is done.
  absl::flat_hash_map<int32_t, int64_t> end;
  std::vector<int32_t> started;
  absl::Status status;
  for (int32_t partition : partitions) {
    int64_t low = 0;
    int64_t high = 0;
    const int ms = static_cast<int>(std::max<int64_t>(
        1, absl::ToInt64Milliseconds(deadline - absl::Now())));
    status = FromErrorCode(
        probe->query_watermark_offsets(topic, partition, &low, &high, ms),
        absl::StrCat("watermarks of ", topic, "[", partition, "]"));
    if (!status.ok()) break;
    if (high <= low) continue;  // empty
    end[partition] = high;
    status = FromErrorCode(
        consumer->start(t.get(), partition, RdKafka::Topic::OFFSET_BEGINNING,
                        queue.get()),
        absl::StrCat("starting ", topic, "[", partition, "]"));
    if (!status.ok()) break;
    started.push_back(partition);
  }
  while (status.ok() && !end.empty()) {
    status = events.fatal();
    if (!status.ok()) break;
    if (absl::Now() > deadline) {
      status = absl::DeadlineExceededError(absl::StrCat(
          "reading ", topic, " to its high watermark took longer than ",
          absl::FormatDuration(timeout)));
      break;
    }
    std::unique_ptr<RdKafka::Message> m(consumer->consume(queue.get(), 200));
    consumer->poll(0);  // serves error and log events
    int64_t next = -1;  // the partition's position after this message
    switch (m->err()) {
      case RdKafka::ERR_NO_ERROR:
        status = fn(ToOwnedRecord(*m));
        next = m->offset() + 1;
        break;
      case RdKafka::ERR__PARTITION_EOF:
        // The offset of an end-of-partition event is the next fetch
        // position: past the control records of settled transactions, or
        // stuck at the last stable offset while one is open.
        next = m->offset();
        break;
      case RdKafka::ERR__TIMED_OUT:
        break;
      default: {
        absl::Status s = FromErrorCode(m->err(), "consuming");
        if (!IsRetriable(s)) status = s;
        break;
      }
    }
    auto it = end.find(m->partition());
    if (next >= 0 && it != end.end() && next >= it->second) end.erase(it);
  }
  for (int32_t partition : started) consumer->stop(t.get(), partition);
  return status;
}

}  // namespace newswire::kafka
