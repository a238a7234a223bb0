// Sentiment of a document and toward the entities it mentions.
//
// Example:
//   ASSIGN_OR_RETURN(auto model, SentimentModel::Load(""));  // the default
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
#include "common/text/segment.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::sentiment {

// The committed model, relative to the data directory (common/io/data_path.h).
inline constexpr char kDefaultSentimentModel[] =
    "models/sentiment/newsmtsc.nwsm";

class SentimentModel {
 public:
  // Loads a model file written by `newswire train-sentiment`. An empty path
  // loads kDefaultSentimentModel as FindDataFile (common/io/data_path.h)
  // finds it. Returns NotFound / DataLoss / FailedPrecondition, naming the
  // path, for a missing, corrupt or incompatible file: there is no fallback
  // to rules only.
  static absl::StatusOr<std::unique_ptr<SentimentModel>> Load(
      const std::string& model_path);
  virtual ~SentimentModel() = default;

  // Sentiment of the whole article.
  v1::Sentiment ScoreDocument(absl::string_view headline,
                              absl::string_view body) const;

  // The same with `body_segments` == text::Segment(body), for a caller that
  // segments the body for other uses too (the enricher).
  virtual v1::Sentiment ScoreDocument(
      absl::string_view headline, absl::string_view body,
      const std::vector<text::Token>& body_segments) const = 0;

  // Sentiment toward text[begin, end) in the context of `text`.
  virtual v1::Sentiment ScoreTarget(absl::string_view text, size_t begin,
                                    size_t end) const = 0;

  // Sets Entity.sentiment on every entity: the sentiment toward it in the
  // sentences that mention it, aggregated over all mentions that share its
  // canonical_id.
  void ScoreEntities(absl::string_view body,
                     std::vector<v1::Entity>* entities) const;

  // The same with `body_segments` == text::Segment(body).
  virtual void ScoreEntities(absl::string_view body,
                             const std::vector<text::Token>& body_segments,
                             std::vector<v1::Entity>* entities) const = 0;
};

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_SENTIMENT_MODEL_H_
