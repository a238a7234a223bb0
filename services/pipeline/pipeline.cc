#include "services/pipeline/pipeline.h"

#include <utility>

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

absl::StatusOr<std::vector<v1::EnrichedArticle>> Pipeline::ProcessAll(
    const v1::RawWire& raw) {
  ASSIGN_OR_RETURN(std::vector<v1::Article> articles,
                   ingest::IngestRawAll(raw, options_.ingest));
  std::vector<v1::EnrichedArticle> records;
  records.reserve(articles.size());
  for (v1::Article& article : articles) {
    records.push_back(ProcessArticle(std::move(article)));
  }
  return records;
}

absl::StatusOr<v1::EnrichedArticle> Pipeline::Process(const v1::RawWire& raw) {
  ASSIGN_OR_RETURN(v1::Article article,
                   ingest::IngestRaw(raw, options_.ingest));
  return ProcessArticle(std::move(article));
}

v1::EnrichedArticle Pipeline::ProcessArticle(v1::Article article) {
  v1::EnrichedArticle record;
  *record.mutable_article() = std::move(article);
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
