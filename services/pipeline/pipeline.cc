#include "services/pipeline/pipeline.h"

#include "common/status/status_macros.h"

namespace newswire::pipeline {

absl::StatusOr<std::unique_ptr<Pipeline>> Pipeline::Create(
    const PipelineOptions& options) {
  std::unique_ptr<Pipeline> p(new Pipeline());
  p->options_ = options;
  ASSIGN_OR_RETURN(p->dedup_, dedup::Deduplicator::Create(options.dedup));
  ASSIGN_OR_RETURN(p->enricher_, enrich::Enricher::Create(options.enrich));
  return p;
}

absl::StatusOr<v1::EnrichedArticle> Pipeline::Process(const v1::RawWire& raw) {
  v1::EnrichedArticle record;
  ASSIGN_OR_RETURN(*record.mutable_article(),
                   ingest::IngestRaw(raw, options_.ingest));
  *record.mutable_dedup() = dedup_->Process(record.article(), nullptr);
  dedup_->Commit();
  const v1::Verdict verdict = record.dedup().verdict();
  if (verdict == v1::UNIQUE || verdict == v1::UPDATE ||
      record.article().pub_status() == v1::PUB_STATUS_CANCELED) {
    enricher_->Enrich(&record);
  }
  return record;
}

}  // namespace newswire::pipeline
