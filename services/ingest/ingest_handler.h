// Kafka adapter for the ingest stage: wire.raw (RawWire) -> wire.articles
// (Article). One record in, one record out per Article it holds (a NewsML-G2
// newsMessage gives one per newsItem, in document order; see ingest.h), or a
// dead-letter for the whole record when any part fails. Keys each Article by
// its provider id (or id), so every version of one story lands on one
// partition, in order.
//
// Metrics (IngestMetrics):
//   newswire_articles_parsed_total{format}         counts Articles emitted, so
//       a 3-item newsMessage adds 3;
//   newswire_parse_failures_total{format,reason}   counts input records
//       dead-lettered by ingest (one per record, however many items).
// Like the stream loop's record counters, both count committed work only:
// Handle() notes the counts, OnCommit() publishes them and OnAbort() drops
// them (the records will be handled again), so a replay never counts twice.
//
// Example:
//   auto registry = std::make_shared<prometheus::Registry>();
//   IngestHandler handler(IngestOptions(), TopicName(kArticlesTopic),
//                         *registry);
//   RunStreamService("ingest", kRawTopic, &handler, registry);
//
// Ownership: `registry` must outlive the handler.
// Thread-compatible; used by one StreamProcessor.
#ifndef NEWSWIRE_SERVICES_INGEST_INGEST_HANDLER_H_
#define NEWSWIRE_SERVICES_INGEST_INGEST_HANDLER_H_

#include <string>
#include <utility>
#include <vector>

#include "common/kafka/stream_processor.h"
#include "prometheus/registry.h"
#include "services/ingest/ingest.h"
#include "services/ingest/ingest_metrics.h"

namespace newswire::ingest {

class IngestHandler : public kafka::RecordHandler {
 public:
  IngestHandler(IngestOptions options, std::string output_topic,
                prometheus::Registry& registry)
      : options_(options),
        output_topic_(std::move(output_topic)),
        metrics_(registry) {}

  // Appends one output per Article of the record to `out`; appends nothing
  // on error. Errors: "raw.malformed_envelope" when the record is not a
  // RawWire, else whatever IngestRawAll reports.
  absl::Status Handle(const kafka::InputRecord& in,
                      std::vector<kafka::OutputRecord>* out) override;

  // Publishes / drops the counts of the records handled since the last
  // OnCommit or OnAbort.
  void OnCommit() override;
  void OnAbort() override;

 private:
  const IngestOptions options_;
  const std::string output_topic_;
  IngestMetrics metrics_;
  // Counts of the open transaction: format label of each article parsed,
  // and (format, reason) of each record that failed.
  std::vector<std::string> pending_parsed_;
  std::vector<std::pair<std::string, std::string>> pending_failed_;
};

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_INGEST_HANDLER_H_
