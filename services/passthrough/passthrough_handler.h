// The pass-through baseline: a RecordHandler that does the cheapest valid
// transformation of a stage, so that a service run with --passthrough
// measures the Kafka loop alone (consume, transactions, produce, protobuf
// decode and encode) on the same topics as the real stage.
//
// Per stage (the input and output record types are the real ones):
//   kIngest  RawWire -> Article: id "passthrough-<partition>-<offset>" (unique
//            per input record and the same on a replay), source, the payload
//            as body, received_time, format = format_hint, version 1,
//            priority 5, language "und". No format detection, no parsing.
//   kDedup   Article -> EnrichedArticle{article, dedup}: every record UNIQUE,
//            story_id = article id, story_version 1, deduped_time and
//            ingested_time as the real stage sets them. Nothing is indexed
//            and no state record is written.
//   kEnrich  EnrichedArticle -> the same record with enriched_time set: no
//            tagging, linking or sentiment.
//   kRoute   EnrichedArticle -> the consumed key and value, unchanged, to one
//            fixed topic with `headers` (the route service passes its first
//            subscription's topic and name); an empty output topic forwards
//            nothing. No matching, no follow-up memory.
// Keys are those of the real stage (ingest: the id; dedup and enrich: the
// story id; route: the consumed key). Input that does not decode goes to the
// dead-letter topic with the real stage's reason ("raw.malformed_envelope",
// "article.malformed", "enriched.malformed"); a payload that is not UTF-8
// (an Article's body must be) with "passthrough.not_utf8".
//
// Example (services/enrich/main.cc):
//   PassthroughHandler passthrough({PassthroughStage::kEnrich, topic, {}});
//   RunStreamService("enrich", kafka::kUniqueTopic,
//                    StageOrPassthrough(&handler, &passthrough), registry);
//
// Stateless; thread-compatible; used by one StreamProcessor.
#ifndef NEWSWIRE_SERVICES_PASSTHROUGH_PASSTHROUGH_HANDLER_H_
#define NEWSWIRE_SERVICES_PASSTHROUGH_PASSTHROUGH_HANDLER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "common/kafka/record.h"
#include "common/kafka/stream_processor.h"

namespace newswire {

enum class PassthroughStage { kIngest, kDedup, kEnrich, kRoute };

struct PassthroughOptions {
  PassthroughStage stage = PassthroughStage::kIngest;
  // Where every output goes (dedup: the unique topic).
  std::string output_topic;
  // Headers (name, value) put on every output record (route: the
  // subscription header).
  std::vector<std::pair<std::string, std::string>> headers;
};

class PassthroughHandler : public kafka::RecordHandler {
 public:
  explicit PassthroughHandler(PassthroughOptions options)
      : options_(std::move(options)) {}

  // Appends at most one output record; see the file comment.
  absl::Status Handle(const kafka::InputRecord& in,
                      std::vector<kafka::OutputRecord>* out) override;

 private:
  const PassthroughOptions options_;
};

// `passthrough` when the service runs with --passthrough (PassthroughFlag()
// in common/service/service_flags.h), else `stage`.
kafka::RecordHandler* StageOrPassthrough(kafka::RecordHandler* stage,
                                         PassthroughHandler* passthrough);

}  // namespace newswire

#endif  // NEWSWIRE_SERVICES_PASSTHROUGH_PASSTHROUGH_HANDLER_H_
