#include "services/enrich/enrich_metrics.h"

namespace newswire::enrich {

EnrichMetrics::EnrichMetrics(prometheus::Registry& registry) {
  auto& entities = prometheus::BuildCounter()
                       .Name("newswire_entities_tagged_total")
                       .Help("Entity mentions tagged, by type.")
                       .Register(registry);
  const char* types[] = {"unspecified", "person", "organization", "location",
                         "misc"};
  for (int i = 0; i < 5; ++i)
    entities_[i] = &entities.Add({{"type", types[i]}});

  auto& labels = prometheus::BuildCounter()
                     .Name("newswire_sentiment_articles_total")
                     .Help("Articles by document sentiment label.")
                     .Register(registry);
  const char* names[] = {"unspecified", "negative", "neutral", "positive"};
  for (int i = 0; i < 4; ++i) labels_[i] = &labels.Add({{"label", names[i]}});

  score_ =
      &prometheus::BuildHistogram()
           .Name("newswire_sentiment_score")
           .Help("Document sentiment scores in [-1, 1].")
           .Register(registry)
           .Add({}, prometheus::Histogram::BucketBoundaries{
                        -0.75, -0.5, -0.25, -0.05, 0.05, 0.25, 0.5, 0.75, 1.0});
}

void EnrichTally::Add(const v1::EnrichedArticle& record) {
  for (const v1::Entity& e : record.entities()) {
    int t = static_cast<int>(e.type());
    if (t >= 0 && t < static_cast<int>(entities.size())) ++entities[t];
  }
  int l = static_cast<int>(record.sentiment().label());
  if (l >= 0 && l < static_cast<int>(labels.size())) ++labels[l];
  scores.push_back(record.sentiment().score());
}

void EnrichTally::Clear() {
  entities.fill(0);
  labels.fill(0);
  scores.clear();
}

void EnrichMetrics::Publish(const EnrichTally& tally) {
  for (size_t t = 0; t < entities_.size(); ++t) {
    if (tally.entities[t] > 0) {
      entities_[t]->Increment(static_cast<double>(tally.entities[t]));
    }
  }
  for (size_t l = 0; l < labels_.size(); ++l) {
    if (tally.labels[l] > 0) {
      labels_[l]->Increment(static_cast<double>(tally.labels[l]));
    }
  }
  for (double score : tally.scores) score_->Observe(score);
}

}  // namespace newswire::enrich
