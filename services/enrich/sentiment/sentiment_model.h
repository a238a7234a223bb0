// Sentiment of a document and toward the entities it mentions.
//
// Example:
//   ASSIGN_OR_RETURN(auto model, SentimentModel::Load(""));
//   v1::Sentiment doc = model->ScoreDocument(headline, body);
//   model->ScoreEntities(body, &entities);
//   v1::Sentiment toward = model->ScoreTarget(sentence, begin, end);
//
// Document sentiment is rule-based: contextual lexicon valences (negation,
// intensifiers, hedges, contrast) per sentence, combined the way a reader
// weighs a story (document_tone.h: relief, resolution, negativity, position
// and peak weighting). Target and entity sentiment come from a
// logistic-regression model trained on NewsMTSC (see
// models/sentiment/MODEL_CARD.md).
//
// Thread-safety: after Load, all methods are const and thread-safe.
#ifndef NEWSWIRE_SERVICES_ENRICH_SENTIMENT_SENTIMENT_MODEL_H_
#define NEWSWIRE_SERVICES_ENRICH_SENTIMENT_SENTIMENT_MODEL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::sentiment {

// The committed model: "models/sentiment/newsmtsc.nwsm" relative to the
// working directory, else under the source tree this binary was built from;
// "" if neither exists.
std::string DefaultSentimentModelPath();

class SentimentModel {
 public:
  // Loads a model file written by `newswire train-sentiment`. An empty path
  // loads DefaultSentimentModelPath(); if that finds no file either, the
  // model keeps the built-in rules and news vocabulary only (document tone
  // works, entity sentiment is neutral) and logs a warning. Returns NotFound
  // / DataLoss / FailedPrecondition for a missing, corrupt or incompatible
  // file.
  static absl::StatusOr<std::unique_ptr<SentimentModel>> Load(
      const std::string& model_path);
  virtual ~SentimentModel() = default;

  // Sentiment of the whole article.
  virtual v1::Sentiment ScoreDocument(absl::string_view headline,
                                      absl::string_view body) const = 0;

  // Sentiment toward text[begin, end) in the context of `text`.
  virtual v1::Sentiment ScoreTarget(absl::string_view text, size_t begin,
                                    size_t end) const = 0;

  // Sets Entity.sentiment on every entity: the sentiment toward it in the
  // sentences that mention it, aggregated over all mentions that share its
  // canonical_id.
  virtual void ScoreEntities(absl::string_view body,
                             std::vector<v1::Entity>* entities) const = 0;
};

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_SENTIMENT_MODEL_H_
