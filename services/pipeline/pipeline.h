// The whole chain in one process, without Kafka: ingest -> dedup -> enrich.
//
// `newswire process`, the end-to-end benchmark and tests use it; the services
// run the same three stage libraries over Kafka.
//
// Example:
//   ASSIGN_OR_RETURN(auto pipeline, Pipeline::Create(options));
//   absl::StatusOr<std::vector<v1::EnrichedArticle>> r =
//       pipeline->ProcessAll(raw);
//
// Thread-compatible.
#ifndef NEWSWIRE_SERVICES_PIPELINE_PIPELINE_H_
#define NEWSWIRE_SERVICES_PIPELINE_PIPELINE_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "newswire/v1/wire.pb.h"
#include "services/dedup/deduplicator.h"
#include "services/enrich/enricher.h"
#include "services/ingest/ingest.h"

namespace newswire::pipeline {

struct PipelineOptions {
  ingest::IngestOptions ingest;
  dedup::DedupOptions dedup;
  enrich::EnricherOptions enrich;
};

class Pipeline {
 public:
  static absl::StatusOr<std::unique_ptr<Pipeline>> Create(
      const PipelineOptions& options);

  // Runs one raw record through all stages: one result per Article of the
  // record (a NewsML-G2 newsMessage holds several; see ingest.h), in order,
  // each deduplicated against everything before it, its own siblings
  // included. Duplicates come back with their dedup verdict and without
  // enrichment (as on wire.duplicates); everything else fully enriched (as on
  // wire.enriched). Errors are the ingest errors a service would dead-letter;
  // on error dedup has seen no article of the record.
  absl::StatusOr<std::vector<v1::EnrichedArticle>> ProcessAll(
      const v1::RawWire& raw);

  // ProcessAll for a record known to hold one story. A record holding several
  // fails with reason "ingest.several_articles" before dedup sees any of
  // them; callers that read arbitrary feeds use ProcessAll.
  absl::StatusOr<v1::EnrichedArticle> Process(const v1::RawWire& raw);

 private:
  Pipeline() = default;
  // Dedup (committed at once) and, unless a duplicate, enrichment.
  v1::EnrichedArticle ProcessArticle(v1::Article article);

  PipelineOptions options_;
  std::unique_ptr<dedup::Deduplicator> dedup_;
  std::unique_ptr<enrich::Enricher> enricher_;
};

}  // namespace newswire::pipeline

#endif  // NEWSWIRE_SERVICES_PIPELINE_PIPELINE_H_
