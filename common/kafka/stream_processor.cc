#include "common/kafka/stream_processor.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/kafka/client.h"
#include "common/kafka/error.h"
#include "common/log/log.h"
#include "common/status/reason.h"
#include "common/status/status_macros.h"
#include "common/time/proto_time.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::kafka {
namespace {

// How long one poll of an idle consumer waits for a record.
constexpr absl::Duration kPollWait = absl::Milliseconds(100);

int ToMs(absl::Duration d) {
  return static_cast<int>(absl::ToInt64Milliseconds(d));
}

// Retries `call` while it fails with a retriable error, up to `attempts`.
template <typename Fn>
absl::Status WithRetries(Fn call, int attempts = 10) {
  absl::Status s;
  for (int i = 0; i < attempts; ++i) {
    s = call();
    if (!IsRetriable(s)) return s;
    NW_LOG(WARNING, "retrying: %s", s.ToString());
    absl::SleepFor(absl::Milliseconds(200 * (i + 1)));
  }
  return s;
}

std::vector<int32_t> PartitionIds(
    const std::vector<RdKafka::TopicPartition*>& partitions) {
  std::vector<int32_t> ids;
  ids.reserve(partitions.size());
  for (const RdKafka::TopicPartition* tp : partitions) {
    ids.push_back(tp->partition());
  }
  return ids;
}

}  // namespace

// Rebalance callback, forwarded to the processor. librdkafka calls it from
// inside consume(), i.e. on Run()'s thread.
class StreamProcessor::Callbacks : public RdKafka::RebalanceCb {
 public:
  explicit Callbacks(StreamProcessor* owner) : owner_(owner) {}

  void rebalance_cb(
      RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
      std::vector<RdKafka::TopicPartition*>& partitions) override {
    owner_->OnRebalance(consumer, err, partitions);
  }

 private:
  StreamProcessor* owner_;
};

StreamProcessor::StreamProcessor(StreamProcessorOptions options,
                                 RecordHandler* handler, StreamMetrics* metrics)
    : options_(std::move(options)),
      handler_(handler),
      metrics_(metrics),
      events_(options_.stage) {}

StreamProcessor::~StreamProcessor() {
  if (consumer_ != nullptr) consumer_->close();
  if (producer_ != nullptr) producer_->flush(5000);
}

absl::StatusOr<std::unique_ptr<StreamProcessor>> StreamProcessor::Create(
    StreamProcessorOptions options, RecordHandler* handler,
    StreamMetrics* metrics) {
  if (options.input_topic.empty() || options.group_id.empty() ||
      options.transactional_id.empty()) {
    return absl::InvalidArgumentError(
        "input topic, group id and transactional id are required");
  }
  if (options.batch_size < 1) {
    return absl::InvalidArgumentError("batch size must be at least 1");
  }
  if (options.session_timeout < absl::Seconds(1)) {
    return absl::InvalidArgumentError("session timeout must be at least 1 s");
  }
  std::unique_ptr<StreamProcessor> p(
      new StreamProcessor(std::move(options), handler, metrics));
  const StreamProcessorOptions& o = p->options_;
  p->callbacks_ = std::make_unique<Callbacks>(p.get());
  p->events_.set_statistics_sink([metrics](const std::string& json) {
    metrics->UpdateFromStatistics(json);
  });
  std::string stats_ms =
      absl::StrCat(absl::ToInt64Milliseconds(o.statistics_interval));
  std::string txn_ms =
      absl::StrCat(absl::ToInt64Milliseconds(o.transaction_timeout));
  const int64_t session_ms = absl::ToInt64Milliseconds(o.session_timeout);
  // Members learn of a rebalance by heartbeat; a cooperative rebalance takes
  // two rounds, so this interval adds up to twice to every hand-over.
  const int64_t heartbeat_ms = std::min<int64_t>(1000, session_ms / 3);
  // message.timeout.ms must not exceed transaction.timeout.ms.
  std::string msg_ms =
      absl::StrCat(absl::ToInt64Milliseconds(o.transaction_timeout) * 9 / 10);

  Properties consumer_props = {
      {"group.id", o.group_id},
      {"enable.auto.commit", "false"},
      {"enable.auto.offset.store", "false"},
      {"isolation.level", "read_committed"},
      {"auto.offset.reset", "earliest"},
      {"partition.assignment.strategy", "cooperative-sticky"},
      {"session.timeout.ms", absl::StrCat(session_ms)},
      {"heartbeat.interval.ms", absl::StrCat(heartbeat_ms)},
      {"statistics.interval.ms", stats_ms}};
  if (!o.group_instance_id.empty()) {
    consumer_props.emplace_back("group.instance.id", o.group_instance_id);
  }
  ASSIGN_OR_RETURN(p->consumer_,
                   CreateConsumer(o.kafka, consumer_props, &p->events_,
                                  p->callbacks_.get()));
  ASSIGN_OR_RETURN(p->producer_,
                   CreateProducer(o.kafka,
                                  {{"transactional.id", o.transactional_id},
                                   {"transaction.timeout.ms", txn_ms},
                                   {"message.timeout.ms", msg_ms},
                                   {"linger.ms", "5"},
                                   {"compression.type", "lz4"}},
                                  &p->events_));
  return p;
}

absl::Status StreamProcessor::InitTransactions() {
  if (initialized_) return absl::OkStatus();
  const int txn_ms = ToMs(options_.transaction_timeout);
  // init_transactions fences any earlier producer with this transactional.id
  // and aborts (or completes) its open transaction.
  RETURN_IF_ERROR(WithRetries([&] {
    if (stop_.load()) return absl::CancelledError("stopping");
    return FromError(producer_->init_transactions(txn_ms), "init_transactions");
  }));
  initialized_ = true;
  return absl::OkStatus();
}

absl::Status StreamProcessor::Run() {
  RETURN_IF_ERROR(InitTransactions());
  RETURN_IF_ERROR(
      FromErrorCode(consumer_->subscribe({options_.input_topic}),
                    absl::StrCat("subscribing to ", options_.input_topic)));
  ready_.store(true);
  MarkProgress();
  NW_LOG(INFO, "%s: consuming %s as group %s, transactional.id %s",
         options_.stage, options_.input_topic, options_.group_id,
         options_.transactional_id);

  // When the last record arrived; with idle commits on, an open transaction
  // is committed once a poll comes back empty idle_commit after it.
  absl::Time last_input = absl::InfinitePast();
  while (!stop_.load()) {
    const absl::Duration wait =
        txn_open_ ? std::min(options_.idle_commit, kPollWait) : kPollWait;
    std::unique_ptr<RdKafka::Message> message(consumer_->consume(ToMs(wait)));
    bool drained = false;
    // Fenced, refused credentials or a missing ACL: either client reports
    // it as an event; retrying cannot help.
    if (fatal_.ok()) fatal_ = events_.fatal();
    if (!fatal_.ok()) break;
    switch (message->err()) {
      case RdKafka::ERR_NO_ERROR: {
        last_input = absl::Now();
        absl::Status s = HandleMessage(*message);
        if (!s.ok()) {
          if (IsFatal(s)) {
            fatal_ = s;
          } else {
            NW_LOG(WARNING, "aborting transaction: %s", s.ToString());
            absl::Status a = Abort();
            if (!a.ok()) fatal_ = a;
          }
        }
        break;
      }
      case RdKafka::ERR__TIMED_OUT:
        drained = options_.idle_commit != absl::InfiniteDuration() &&
                  absl::Now() - last_input >= options_.idle_commit;
        [[fallthrough]];
      case RdKafka::ERR__PARTITION_EOF:
        // Caught up: nothing fetched, nothing open, nothing waiting.
        if (!txn_open_ && metrics_->TotalLag() <= 0) MarkProgress();
        break;
      default: {
        absl::Status s = FromErrorCode(message->err(), "consume");
        if (IsFatal(s)) {
          fatal_ = s;
        } else {
          NW_LOG(WARNING, "%s", s.ToString());
        }
        break;
      }
    }
    if (!fatal_.ok()) break;
    // While records of a failed transaction are replayed, each gets a
    // transaction of its own, so that a record the broker keeps rejecting
    // is singled out (see CommitOrAbort).
    const int batch = isolate_remaining_ > 0 ? 1 : options_.batch_size;
    if (txn_open_ && (pending_ >= batch || drained ||
                      absl::Now() - txn_started_ >= options_.commit_interval)) {
      absl::Status s = CommitOrAbort();
      if (!s.ok()) fatal_ = s;
    }
  }

  ready_.store(false);
  assigned_.store(0);
  if (!fatal_.ok()) {
    NW_LOG(ERROR, "%s: stopping on fatal error: %s", options_.stage,
           fatal_.message());
    return fatal_;
  }
  absl::Status s = CommitOrAbort();
  consumer_->close();
  NW_LOG(INFO, "%s: stopped after %d records (%d dead-lettered)",
         options_.stage, handled_.load(), dead_lettered_.load());
  return s;
}

absl::Status StreamProcessor::BeginIfNeeded() {
  if (txn_open_) return absl::OkStatus();
  RETURN_IF_ERROR(
      FromError(producer_->begin_transaction(), "begin_transaction"));
  txn_open_ = true;
  txn_started_ = absl::Now();
  pending_ = 0;
  pending_source_times_.clear();
  DropCounts();
  return absl::OkStatus();
}

absl::Status StreamProcessor::HandleMessage(const RdKafka::Message& message) {
  RETURN_IF_ERROR(BeginIfNeeded());
  // topic_name() returns by value: keep it alive while `in` refers to it.
  const std::string topic = message.topic_name();
  InputRecord in;
  in.topic = topic;
  in.partition = message.partition();
  in.offset = message.offset();
  if (message.key_pointer() != nullptr) {
    in.key = absl::string_view(static_cast<const char*>(message.key_pointer()),
                               message.key_len());
  }
  in.value = absl::string_view(static_cast<const char*>(message.payload()),
                               message.len());
  in.timestamp_ms = message.timestamp().timestamp;
  uncommitted_.fetch_add(1);
  ++counts_.consumed[topic];
  const RecordId id{in.partition, in.offset};
  last_in_txn_ = id;

  // A record singled out as one whose output the broker rejects: it goes to
  // the dead-letter topic without passing through the handler again.
  auto poison = poison_.find(id);
  if (poison != poison_.end()) {
    absl::Status why = poison->second;
    poison_.erase(poison);
    ++pending_;
    return DeadLetter(message, why);
  }

  std::vector<OutputRecord> out;
  absl::Time start = absl::Now();
  absl::Status status = handler_->Handle(in, &out);
  // Work done, replays included (unlike the record counters).
  metrics_->ObserveProcessing(absl::ToDoubleSeconds(absl::Now() - start));
  ++pending_;
  metrics_->SetInFlight(pending_);
  metrics_->SetLastProcessed(
      absl::ToDoubleSeconds(absl::Now() - absl::UnixEpoch()));
  if (!status.ok()) return DeadLetter(message, status);
  for (const OutputRecord& record : out) {
    absl::Status s = Produce(record);
    if (s.ok()) continue;
    if (IsRetriable(s) || IsFatal(s)) return s;
    // The client rejects this output outright (too large, ...). The handler
    // has already taken the record into its state, so the transaction is
    // aborted (rolling the handler back) and on replay the record goes to
    // the dead-letter topic instead.
    poison_[id] = s;
    return absl::AbortedError(absl::StrCat("output of ", topic, "[",
                                           in.partition, "]@", in.offset,
                                           " rejected: ", s.message()));
  }
  return absl::OkStatus();
}

absl::Status StreamProcessor::Produce(const OutputRecord& record) {
  while (true) {
    // librdkafka owns the headers once produce() succeeds; not before.
    std::unique_ptr<RdKafka::Headers> headers;
    if (!record.headers.empty()) {
      headers.reset(RdKafka::Headers::create());
      for (const auto& [name, value] : record.headers) {
        headers->add(name, value.data(), value.size());
      }
    }
    RdKafka::ErrorCode err = producer_->produce(
        record.topic,
        record.partition == kAnyPartition ? RdKafka::Topic::PARTITION_UA
                                          : record.partition,
        RdKafka::Producer::RK_MSG_COPY, const_cast<char*>(record.value.data()),
        record.value.size(), record.key.empty() ? nullptr : record.key.data(),
        record.key.size(), 0, headers.get(), nullptr);
    if (err == RdKafka::ERR_NO_ERROR) static_cast<void>(headers.release());
    if (err == RdKafka::ERR__QUEUE_FULL) {
      // Wait for deliveries to make room, but not past a stop request or a
      // fatal error (the queue would never drain).
      absl::Status fatal = events_.fatal();
      if (!fatal.ok()) return fatal;
      if (stop_.load()) {
        return FromErrorCode(err, absl::StrCat("producing to ", record.topic,
                                               " while stopping"));
      }
      producer_->poll(50);
      continue;
    }
    producer_->poll(0);
    if (err == RdKafka::ERR_NO_ERROR) {
      ++counts_.produced[record.topic];
      if (record.source_time != absl::InfinitePast()) {
        pending_source_times_.push_back(record.source_time);
      }
      return absl::OkStatus();
    }
    absl::Status s =
        FromErrorCode(err, absl::StrCat("producing to ", record.topic));
    if (err == RdKafka::ERR_MSG_SIZE_TOO_LARGE) {
      return WithReason(absl::InvalidArgumentError(s.message()),
                        "output.too_large");
    }
    return s;
  }
}

absl::Status StreamProcessor::DeadLetter(const RdKafka::Message& message,
                                         const absl::Status& why) {
  v1::DeadLetter letter;
  letter.set_original(static_cast<const char*>(message.payload()),
                      message.len());
  if (message.key_pointer() != nullptr) {
    letter.set_original_key(static_cast<const char*>(message.key_pointer()),
                            message.key_len());
  }
  letter.set_stage(options_.stage);
  letter.set_error_code(ReasonOf(why));
  letter.set_reason(std::string(why.message()));
  letter.set_source_topic(message.topic_name());
  letter.set_source_partition(message.partition());
  letter.set_source_offset(message.offset());
  ToProtoTime(absl::Now(), letter.mutable_failed_time());
  OutputRecord record;
  record.topic = options_.dlq_topic;
  record.key =
      message.key_pointer() != nullptr
          ? std::string(static_cast<const char*>(message.key_pointer()),
                        message.key_len())
          : "";
  record.value = letter.SerializeAsString();
  NW_LOG(WARNING, "%s: dead-lettering %s[%d]@%d: %s: %s", options_.stage,
         message.topic_name(), message.partition(), message.offset(),
         letter.error_code(), letter.reason());
  ++counts_.dead_lettered[letter.error_code()];
  absl::Status s = Produce(record);
  if (!s.ok() && !IsRetriable(s) && !IsFatal(s)) {
    // Even the dead letter is too large: keep the reason, drop the bytes,
    // so the record is accounted for rather than silently lost.
    letter.clear_original();
    record.value = letter.SerializeAsString();
    s = Produce(record);
  }
  return s;
}

absl::Status StreamProcessor::CommitOrAbort() {
  if (!txn_open_) return absl::OkStatus();
  const int txn_ms = ToMs(options_.transaction_timeout);
  // Whether the consumer offsets were refused (ILLEGAL_GENERATION while the
  // group rebalances, ...): that says nothing about the records.
  bool offsets_failed = false;
  std::vector<RdKafka::TopicPartition*> positions;
  absl::Status s =
      FromErrorCode(consumer_->assignment(positions), "assignment");
  if (s.ok()) s = FromErrorCode(consumer_->position(positions), "position");
  if (s.ok()) {
    std::unique_ptr<RdKafka::ConsumerGroupMetadata> group(
        consumer_->groupMetadata());
    // Partitions with no position yet (nothing consumed) carry no offset.
    std::vector<RdKafka::TopicPartition*> offsets;
    for (RdKafka::TopicPartition* tp : positions) {
      if (tp->offset() >= 0) offsets.push_back(tp);
    }
    if (!offsets.empty()) {
      offsets_failed = true;  // until it succeeds
      s = WithRetries([&] {
        return FromError(producer_->send_offsets_to_transaction(
                             offsets, group.get(), txn_ms),
                         "send_offsets_to_transaction");
      });
    }
  }
  RdKafka::TopicPartition::destroy(positions);
  if (s.ok()) {
    offsets_failed = false;
    s = WithRetries([&] {
      return FromError(producer_->commit_transaction(txn_ms),
                       "commit_transaction");
    });
  }
  if (s.ok()) {
    txn_open_ = false;
    absl::Time now = absl::Now();
    for (absl::Time t : pending_source_times_) {
      metrics_->ObserveEndToEnd(absl::ToDoubleSeconds(now - t));
    }
    pending_source_times_.clear();
    PublishCounts();
    pending_ = 0;
    metrics_->SetInFlight(0);
    metrics_->TransactionCommitted();
    uncommitted_.store(0);
    MarkProgress();
    handler_->OnCommit();
    if (isolate_remaining_ > 0) --isolate_remaining_;
    return absl::OkStatus();
  }
  if (IsFatal(s)) return s;
  // A delivery refused for good (a missing ACL on an output topic) fails the
  // commit too: stop rather than dead-letter every record as rejected.
  absl::Status fatal = events_.fatal();
  if (!fatal.ok()) return fatal;
  NW_LOG(WARNING, "%s: commit failed, aborting: %s", options_.stage,
         s.ToString());
  if (!IsRetriable(s) && !offsets_failed) {
    // The broker rejected something in this transaction. Replay its records
    // one per transaction; a single-record transaction that fails again
    // names the culprit, which is then dead-lettered.
    if (isolate_remaining_ > 0 && pending_ == 1 && last_in_txn_.has_value()) {
      poison_[*last_in_txn_] = WithReason(
          absl::InvalidArgumentError(absl::StrCat(
              "the broker rejects this record's output: ", s.message())),
          "output.rejected");
    } else {
      isolate_remaining_ = std::max(pending_, 1);
    }
  }
  return Abort();
}

void StreamProcessor::PublishCounts() {
  for (const auto& [topic, n] : counts_.consumed) {
    metrics_->Consumed(topic, static_cast<double>(n));
  }
  for (const auto& [topic, n] : counts_.produced) {
    metrics_->Produced(topic, static_cast<double>(n));
  }
  int64_t dead = 0;
  for (const auto& [reason, n] : counts_.dead_lettered) {
    metrics_->DeadLettered(reason, static_cast<double>(n));
    dead += n;
  }
  handled_.fetch_add(pending_);
  dead_lettered_.fetch_add(dead);
  DropCounts();
}

void StreamProcessor::DropCounts() {
  counts_.consumed.clear();
  counts_.produced.clear();
  counts_.dead_lettered.clear();
}

absl::Status StreamProcessor::AbortTransaction() {
  if (txn_open_) {
    const int txn_ms = ToMs(options_.transaction_timeout);
    absl::Status s = WithRetries([&] {
      return FromError(producer_->abort_transaction(txn_ms),
                       "abort_transaction");
    });
    // Cannot abort: nothing safe is left to do but exit and let the next
    // instance fence this one.
    if (!s.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot abort the transaction: ", s.ToString()));
    }
    txn_open_ = false;
    metrics_->TransactionAborted();
  }
  pending_ = 0;
  pending_source_times_.clear();
  // Its records will be consumed (and counted) again on replay, or by the
  // partitions' next owner.
  DropCounts();
  last_in_txn_.reset();
  uncommitted_.store(0);
  metrics_->SetInFlight(0);
  handler_->OnAbort();
  return absl::OkStatus();
}

absl::Status StreamProcessor::Abort() {
  RETURN_IF_ERROR(AbortTransaction());
  return RewindToCommitted();
}

absl::Status StreamProcessor::RewindToCommitted() {
  // Re-assigning with OFFSET_INVALID makes the consumer fetch the committed
  // offsets again (auto.offset.reset where there are none), dropping every
  // record it had fetched after them.
  std::vector<RdKafka::TopicPartition*> assigned;
  RETURN_IF_ERROR(FromErrorCode(consumer_->assignment(assigned), "assignment"));
  if (assigned.empty()) return absl::OkStatus();
  for (RdKafka::TopicPartition* tp : assigned) {
    tp->set_offset(RdKafka::Topic::OFFSET_INVALID);
  }
  absl::Status s;
  if (consumer_->rebalance_protocol() == "COOPERATIVE") {
    s = FromError(consumer_->incremental_unassign(assigned), "unassign");
    if (s.ok())
      s = FromError(consumer_->incremental_assign(assigned), "assign");
  } else {
    s = FromErrorCode(consumer_->assign(assigned), "assign");
  }
  RdKafka::TopicPartition::destroy(assigned);
  NW_LOG(INFO, "%s: rewound to the last committed offsets", options_.stage);
  return s;
}

void StreamProcessor::OnRebalance(
    RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
    std::vector<RdKafka::TopicPartition*>& partitions) {
  const bool cooperative = consumer->rebalance_protocol() == "COOPERATIVE";
  if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
    metrics_->Rebalance("assign");
    NW_LOG(INFO, "%s: assigned %d partition(s)", options_.stage,
           partitions.size());
    absl::Status s;
    if (!partitions.empty()) {
      // The handler may take a while to load the new partitions' state:
      // settle the open transaction first, so that it cannot time out
      // meanwhile. The consumer fetches the new partitions only once they
      // are assigned below, so no record of theirs is handled before the
      // handler is ready for it.
      s = CommitOrAbort();
      if (s.ok()) s = handler_->OnAssigned(PartitionIds(partitions));
      if (!s.ok()) {
        NW_LOG(ERROR, "%s: taking over partitions: %s", options_.stage,
               s.ToString());
      }
    }
    if (s.ok()) {
      s = cooperative
              ? FromError(consumer->incremental_assign(partitions), "assign")
              : FromErrorCode(consumer->assign(partitions), "assign");
    }
    if (!s.ok() && fatal_.ok()) fatal_ = s;
    const int n = static_cast<int>(partitions.size());
    if (cooperative) {
      assigned_.fetch_add(n);
    } else {
      assigned_.store(n);
    }
    MarkProgress();  // new input: its stall clock starts now
    return;
  }
  // Revocation: settle the open transaction while we still own the
  // partitions, so that the next owner starts exactly where we stopped.
  absl::Status s;
  if (consumer->assignment_lost()) {
    metrics_->Rebalance("lost");
    NW_LOG(WARNING, "%s: assignment lost, aborting open transaction",
           options_.stage);
    // Records of the lost partitions are not replayed here: their new owner
    // starts at the committed offsets.
    s = AbortTransaction();
  } else {
    metrics_->Rebalance("revoke");
    s = CommitOrAbort();
  }
  if (!s.ok() && fatal_.ok()) fatal_ = s;
  absl::Status u =
      cooperative
          ? FromError(consumer->incremental_unassign(partitions), "unassign")
          : FromErrorCode(consumer->unassign(), "unassign");
  if (!u.ok()) NW_LOG(WARNING, "%s", u.ToString());
  if (!partitions.empty()) handler_->OnRevoked(PartitionIds(partitions));
  // Another instance reports these partitions' lag from now on.
  for (const RdKafka::TopicPartition* tp : partitions) {
    metrics_->ForgetLag(tp->topic(), tp->partition());
  }
  if (cooperative) {
    assigned_.fetch_sub(static_cast<int>(partitions.size()));
  } else {
    assigned_.store(0);
  }
}

void StreamProcessor::MarkProgress() {
  progress_ns_.store(absl::ToUnixNanos(absl::Now()));
}

bool StreamProcessor::Stalled(absl::Time now) const {
  if (options_.stall_timeout <= absl::ZeroDuration()) return false;
  if (assigned_.load() <= 0) return false;
  if (now - absl::FromUnixNanos(progress_ns_.load()) <=
      options_.stall_timeout) {
    return false;
  }
  return uncommitted_.load() > 0 || metrics_->TotalLag() > 0;
}

}  // namespace newswire::kafka
