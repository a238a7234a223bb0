// The exactly-once consume-transform-produce loop every service runs.
//
// A StreamProcessor consumes one input topic in a consumer group and hands
// each record to a RecordHandler. Whatever the handler emits, plus the
// consumer offsets, is written in one Kafka transaction, committed every
// `batch_size` records or `commit_interval`, whichever comes first, or, with
// `idle_commit` set, as soon as the input is drained. Readers with
// isolation.level=read_committed therefore see each output exactly once.
//
// A record the handler rejects (non-OK status) is wrapped in a
// newswire.v1.DeadLetter with ReasonOf(status) and written to the dead-letter
// topic in the same transaction; the loop goes on.
//
// Errors: an abortable error aborts the transaction, rewinds the consumer to
// the last committed offsets, calls RecordHandler::OnAbort() and carries on.
// When the broker or client rejects a record's output (too large for the
// topic, ...), the records of the failed transaction are replayed one per
// transaction until the culprit is found; it is then dead-lettered (reason
// "output.too_large" or "output.rejected") without passing through the
// handler again, so no record is retried forever and none is lost.
// A fatal error (fenced by a newer instance with the same transactional.id,
// authorization) ends Run() with that status; the process should exit
// non-zero so that its supervisor restarts it.
//
// Rebalancing is cooperative-sticky: on revocation the open transaction is
// committed first (or aborted if the assignment was lost), then the handler
// hears OnRevoked(). On assignment the open transaction is committed and
// the handler's OnAssigned() runs before the new partitions are fetched. After
// Stop(), Run() commits and closes the consumer, which (with dynamic
// membership) leaves the group, so the partitions move to the other members at
// once.
//
// Metrics: records consumed, produced and dead-lettered (and the totals
// below) are counted when their transaction commits, never while it is open,
// so a record replayed after an abort counts once and the counters describe
// delivered records. Processing time, in-flight and last-processed describe
// work done and include replays.
//
// Liveness: Stalled() reports a loop that has made no progress for
// `stall_timeout` while it holds partitions with input pending (records
// fetched but not committed, or consumer lag above 0). Progress is a
// committed transaction, a new assignment, or a pass through the loop with
// no open transaction and no lag. A handler blocked inside Handle(), or a
// loop whose transactions keep aborting, therefore turns Stalled() true once
// the timeout has passed; an idle pipeline never does. Services serve it as
// /healthz, so Kubernetes restarts such a pod.
//
// Example:
//   MyHandler handler;
//   StreamMetrics metrics(*registry, "dedup");
//   ASSIGN_OR_RETURN(auto processor,
//                    StreamProcessor::Create(options, &handler, &metrics));
//   absl::Status s = processor->Run();  // until Stop() or a fatal error
//
// Thread-safety: Run() runs on one thread; Stop(), ready() and Stalled() may
// be called from any thread (Stop() is async-signal-safe).
#ifndef NEWSWIRE_COMMON_KAFKA_STREAM_PROCESSOR_H_
#define NEWSWIRE_COMMON_KAFKA_STREAM_PROCESSOR_H_

#include <librdkafka/rdkafkacpp.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/kafka/client.h"
#include "common/kafka/client_config.h"
#include "common/kafka/record.h"
#include "common/kafka/topics.h"
#include "common/metrics/stream_metrics.h"

namespace newswire::kafka {

// The stage logic behind a StreamProcessor. Called only from Run()'s thread.
class RecordHandler {
 public:
  virtual ~RecordHandler() = default;

  // Processes one record and appends the records to produce to `out`.
  // Emitting nothing filters the record. A non-OK status sends the input to
  // the dead-letter topic (and `out` is discarded); the handler must then
  // leave its own state as if it had not seen the record.
  [[nodiscard]] virtual absl::Status Handle(const InputRecord& in,
                                            std::vector<OutputRecord>* out) = 0;

  // The transaction holding every record handled since the previous
  // OnCommit/OnAbort committed.
  virtual void OnCommit() {}

  // That transaction was aborted; its input will be handled again. A stateful
  // handler rolls its state back to the last OnCommit.
  virtual void OnAbort() {}

  // These partitions of the input topic are now this instance's. Called
  // with no transaction open, before the consumer fetches them: no record of
  // theirs reaches Handle() before this returns, so a handler keeping state
  // per partition loads it here. A non-OK status is fatal: the partitions
  // are not taken and Run() returns it.
  [[nodiscard]] virtual absl::Status OnAssigned(
      const std::vector<int32_t>& /*partitions*/) {
    return absl::OkStatus();
  }

  // These partitions were taken away (rebalance, lost assignment, close),
  // after the transaction holding their records committed or aborted
  // (OnCommit/OnAbort came first). No record of theirs is handled until
  // they are assigned again.
  virtual void OnRevoked(const std::vector<int32_t>& /*partitions*/) {}
};

struct StreamProcessorOptions {
  // "ingest", "dedup" or "enrich": used in DeadLetter.stage and metrics.
  std::string stage;
  KafkaClientConfig kafka;
  std::string group_id;
  std::string input_topic;
  std::string dlq_topic = kDlqTopic;
  // Stable per instance (e.g. the pod name); a restarted instance must reuse
  // it so that it fences its predecessor's open transaction.
  std::string transactional_id;
  // Static group membership (KIP-345): when set, a restarted instance with
  // the same id takes its partitions back at once instead of waiting for the
  // dead member's session to time out. But a static member does not leave
  // the group when it closes (librdkafka cannot make it), so its partitions
  // stall for `session_timeout` after a deliberate stop as well: use it only
  // for instances that come back with the same identity (a StatefulSet
  // ordinal). Empty: dynamic membership, where Stop() hands the partitions
  // over at once.
  std::string group_instance_id;
  // The group coordinator gives a silent member's partitions to the others
  // after this long (session.timeout.ms; heartbeats every third of it, at
  // most 1 s). Bounds how long a crashed instance's partitions wait.
  absl::Duration session_timeout = absl::Seconds(10);
  // Records per transaction at most.
  int batch_size = 1000;
  // A transaction is committed at least this often while records arrive.
  absl::Duration commit_interval = absl::Milliseconds(500);
  // Idle commit: once the input is drained (a poll comes back empty and no
  // record has arrived for this long), the open transaction is committed at
  // once instead of waiting out `commit_interval`. Downstream read_committed
  // readers then see a burst of input as soon as it is handled, which cuts
  // a lightly loaded stage's latency to its handling time plus this wait
  // and one commit, at the price of more, smaller transactions. Under a
  // backlog the input is never drained, so transactions stay `batch_size`
  // records long. InfiniteDuration() (the default) turns it off.
  absl::Duration idle_commit = absl::InfiniteDuration();
  // transaction.timeout.ms: the broker aborts a transaction left open this
  // long (by a crashed instance that is not restarted); until then it blocks
  // read_committed readers of the partitions it wrote to and the consumer
  // offsets it sent. Must exceed `commit_interval` plus a commit's duration.
  absl::Duration transaction_timeout = absl::Seconds(10);
  // How often librdkafka reports statistics (consumer lag); 0 disables.
  absl::Duration statistics_interval = absl::Seconds(5);
  // Stalled() turns true after this long without progress while input is
  // pending; zero or negative disables the check.
  absl::Duration stall_timeout = absl::Minutes(5);
};

class StreamProcessor {
 public:
  // Creates the consumer and the transactional producer. `handler` and
  // `metrics` must outlive the processor.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<StreamProcessor>> Create(
      StreamProcessorOptions options, RecordHandler* handler,
      StreamMetrics* metrics);
  ~StreamProcessor();
  StreamProcessor(const StreamProcessor&) = delete;
  StreamProcessor& operator=(const StreamProcessor&) = delete;

  // Fences any earlier instance with the same transactional.id (completing
  // or aborting its open transaction). Run() calls it if needed; call it
  // first when state must be read only after the predecessor is fenced
  // (dedup's restore from its state topic). Retries transient errors;
  // returns Cancelled if Stop() is called meanwhile.
  [[nodiscard]] absl::Status InitTransactions();

  // Initialises transactions, subscribes and processes records until Stop()
  // is called (then commits or aborts the open transaction and returns OK) or
  // a fatal error occurs (returned).
  [[nodiscard]] absl::Status Run();

  // Asks Run() to finish. Async-signal-safe.
  void Stop() { stop_.store(true); }

  // True once transactions are initialised and the consumer is subscribed.
  bool ready() const { return ready_.load(); }

  // True if, at `now`, Run() holds partitions with input pending (records
  // fetched but not committed, or consumer lag > 0) and has made no progress
  // for longer than options.stall_timeout (see the file comment). False
  // before Run() has partitions, after it returns, and when the check is
  // disabled.
  bool Stalled(absl::Time now) const;

  // Records handled (dead-lettered ones included) and dead-lettered in
  // committed transactions since start, for summaries and tests.
  int64_t records_handled() const { return handled_.load(); }
  int64_t records_dead_lettered() const { return dead_lettered_.load(); }

 private:
  class Callbacks;
  StreamProcessor(StreamProcessorOptions options, RecordHandler* handler,
                  StreamMetrics* metrics);

  absl::Status BeginIfNeeded();
  absl::Status HandleMessage(const RdKafka::Message& message);
  absl::Status Produce(const OutputRecord& record);
  absl::Status DeadLetter(const RdKafka::Message& message,
                          const absl::Status& why);
  // Commits the open transaction, or aborts and rewinds on abortable
  // errors. Returns non-OK only for fatal errors.
  absl::Status CommitOrAbort();
  // Aborts the open transaction (if any) and calls the handler's OnAbort().
  // A failure to abort is returned as fatal.
  absl::Status AbortTransaction();
  // AbortTransaction(), then rewind to the committed offsets.
  absl::Status Abort();
  absl::Status RewindToCommitted();
  // After a commit: adds the transaction's counts (counts_, pending_) to the
  // metrics and totals, then clears them.
  void PublishCounts();
  // After an abort (or before a new transaction): forgets them.
  void DropCounts();
  void OnRebalance(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                   std::vector<RdKafka::TopicPartition*>& partitions);
  // Restarts the stall clock (see Stalled()).
  void MarkProgress();

  const StreamProcessorOptions options_;
  RecordHandler* const handler_;
  StreamMetrics* const metrics_;
  std::unique_ptr<Callbacks> callbacks_;
  // Errors and statistics of both clients; declared before them so that it
  // outlives them.
  ClientEvents events_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::unique_ptr<RdKafka::Producer> producer_;

  // An input record, by partition and offset (one input topic).
  struct RecordId {
    int32_t partition;
    int64_t offset;
    bool operator==(const RecordId& o) const {
      return partition == o.partition && offset == o.offset;
    }
    template <typename H>
    friend H AbslHashValue(H h, const RecordId& r) {
      return H::combine(std::move(h), r.partition, r.offset);
    }
  };

  bool initialized_ = false;
  bool txn_open_ = false;
  // Records whose output was rejected, with why: dead-lettered on replay.
  absl::flat_hash_map<RecordId, absl::Status> poison_;
  // Transactions still to run with a single record each after a rejection.
  int isolate_remaining_ = 0;
  std::optional<RecordId> last_in_txn_;
  int pending_ = 0;
  absl::Time txn_started_;
  std::vector<absl::Time> pending_source_times_;

  // What the open transaction has consumed, produced and dead-lettered, by
  // topic or reason code: added to the metrics when it commits, dropped when
  // it aborts.
  struct PendingCounts {
    absl::flat_hash_map<std::string, int64_t> consumed;
    absl::flat_hash_map<std::string, int64_t> produced;
    absl::flat_hash_map<std::string, int64_t> dead_lettered;
  };
  PendingCounts counts_;
  absl::Status fatal_;  // set by callbacks, checked by Run()

  std::atomic<bool> stop_{false};
  std::atomic<bool> ready_{false};
  std::atomic<int64_t> handled_{0};
  std::atomic<int64_t> dead_lettered_{0};

  // For Stalled(), read from other threads: when the loop last made
  // progress (Unix nanoseconds), the partitions it holds, and the records
  // taken from the consumer since the last commit or abort (one being
  // handled included).
  std::atomic<int64_t> progress_ns_{0};
  std::atomic<int> assigned_{0};
  std::atomic<int64_t> uncommitted_{0};
};

}  // namespace newswire::kafka

#endif  // NEWSWIRE_COMMON_KAFKA_STREAM_PROCESSOR_H_
