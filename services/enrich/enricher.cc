#include "services/enrich/enricher.h"

#include "absl/time/clock.h"
#include "common/status/status_macros.h"
#include "common/text/segment.h"
#include "common/time/proto_time.h"
#include "services/enrich/entity_summary.h"

namespace newswire::enrich {

absl::StatusOr<std::unique_ptr<Enricher>> Enricher::Create(
    const EnricherOptions& options) {
  std::unique_ptr<Enricher> e(new Enricher());
  ASSIGN_OR_RETURN(
      e->tagger_, ner::EntityTagger::Load(options.ner_model, options.ner_warm));
  ASSIGN_OR_RETURN(e->linker_,
                   linking::EntityLinker::Create(options.gazetteer));
  ASSIGN_OR_RETURN(e->sentiment_,
                   sentiment::SentimentModel::Load(options.sentiment_model));
  return e;
}

void Enricher::Enrich(v1::EnrichedArticle* record) const {
  const v1::Article& article = record->article();
  // The body is segmented once; the tagger and the sentiment model share it.
  thread_local std::vector<text::Token> segments;
  text::Segment(article.body(), &segments);
  std::vector<ner::Mention> mentions = tagger_->Tag(article.body(), segments);
  std::vector<v1::Entity> entities = linker_->Link(article.body(), mentions);
  sentiment_->ScoreEntities(article.body(), segments, &entities);
  record->clear_entities();
  for (v1::Entity& e : entities) *record->add_entities() = std::move(e);
  *record->mutable_sentiment() =
      sentiment_->ScoreDocument(article.headline(), article.body(), segments);
  record->clear_entity_summary();
  for (v1::EntitySummary& s : SummarizeEntities(
           article.headline(), article.body(), record->entities())) {
    *record->add_entity_summary() = std::move(s);
  }
  ToProtoTime(absl::Now(), record->mutable_enriched_time());
}

}  // namespace newswire::enrich
