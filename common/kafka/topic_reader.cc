#include "common/kafka/topic_reader.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/kafka/error.h"
#include "common/status/status_macros.h"

namespace newswire::kafka {

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
      case RdKafka::ERR_NO_ERROR: {
        OwnedRecord r;
        r.topic = m->topic_name();
        r.partition = m->partition();
        r.offset = m->offset();
        if (m->key() != nullptr) r.key = *m->key();
        r.value.assign(static_cast<const char*>(m->payload()), m->len());
        r.timestamp_ms = m->timestamp().timestamp;
        if (RdKafka::Headers* h = m->headers(); h != nullptr) {
          for (const RdKafka::Headers::Header& header : h->get_all()) {
            const char* v = static_cast<const char*>(header.value());
            r.headers.emplace_back(header.key(),
                                   v == nullptr
                                       ? std::string()
                                       : std::string(v, header.value_size()));
          }
        }
        return std::optional<OwnedRecord>(std::move(r));
      }
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

}  // namespace newswire::kafka
