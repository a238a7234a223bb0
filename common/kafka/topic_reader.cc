#include "common/kafka/topic_reader.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/kafka/error.h"
#include "common/status/status_macros.h"

namespace newswire::kafka {

TopicReader::~TopicReader() {
  if (consumer_ != nullptr) consumer_->close();
}

absl::StatusOr<std::unique_ptr<TopicReader>> TopicReader::Open(
    const KafkaClientConfig& config, const std::string& topic,
    bool from_beginning, absl::Duration timeout) {
  std::unique_ptr<TopicReader> reader(new TopicReader());
  // A group id is required by the KafkaConsumer API, but nothing is ever
  // committed or subscribed under it: partitions are assigned by hand.
  ASSIGN_OR_RETURN(std::unique_ptr<RdKafka::Conf> conf,
                   MakeConf(config, {{"group.id", "newswire-reader"},
                                     {"enable.auto.commit", "false"},
                                     {"enable.auto.offset.store", "false"},
                                     {"isolation.level", "read_committed"},
                                     {"enable.partition.eof", "true"}}));
  std::string error;
  reader->consumer_.reset(RdKafka::KafkaConsumer::create(conf.get(), error));
  if (reader->consumer_ == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("creating consumer: ", error));
  }

  std::unique_ptr<RdKafka::Topic> handle(
      RdKafka::Topic::create(reader->consumer_.get(), topic, nullptr, error));
  RdKafka::Metadata* raw_metadata = nullptr;
  absl::Status status =
      FromErrorCode(reader->consumer_->metadata(
                        false, handle.get(), &raw_metadata,
                        static_cast<int>(absl::ToInt64Milliseconds(timeout))),
                    absl::StrCat("metadata for ", topic));
  std::unique_ptr<RdKafka::Metadata> metadata(raw_metadata);
  RETURN_IF_ERROR(status);
  std::vector<RdKafka::TopicPartition*> partitions;
  for (const RdKafka::TopicMetadata* t : *metadata->topics()) {
    if (t->topic() != topic) continue;
    if (t->err() != RdKafka::ERR_NO_ERROR) {
      return absl::NotFoundError(
          absl::StrCat("topic ", topic, ": ", RdKafka::err2str(t->err())));
    }
    for (const RdKafka::PartitionMetadata* p : *t->partitions()) {
      partitions.push_back(RdKafka::TopicPartition::create(
          topic, p->id(),
          from_beginning ? RdKafka::Topic::OFFSET_BEGINNING
                         : RdKafka::Topic::OFFSET_END));
    }
  }
  if (partitions.empty()) {
    return absl::NotFoundError(absl::StrCat("topic ", topic, " not found"));
  }
  reader->partition_count_ = partitions.size();
  status = FromErrorCode(reader->consumer_->assign(partitions),
                         absl::StrCat("assigning ", topic));
  RdKafka::TopicPartition::destroy(partitions);
  RETURN_IF_ERROR(status);
  return reader;
}

absl::StatusOr<std::optional<OwnedRecord>> TopicReader::Next(
    absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  while (true) {
    int wait_ms =
        static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now()));
    std::unique_ptr<RdKafka::Message> m(
        consumer_->consume(wait_ms < 0 ? 0 : wait_ms));
    switch (m->err()) {
      case RdKafka::ERR_NO_ERROR: {
        OwnedRecord r;
        r.topic = m->topic_name();
        r.partition = m->partition();
        r.offset = m->offset();
        if (m->key() != nullptr) r.key = *m->key();
        r.value.assign(static_cast<const char*>(m->payload()), m->len());
        r.timestamp_ms = m->timestamp().timestamp;
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
