// The enrich stage: tags entities, links them, and scores sentiment for the
// article and toward each entity. The body is segmented once
// (common/text/segment.h) and the tokens go to both the tagger and the
// sentiment model.
//
// One implementation behind newswire-enrich, `newswire process`, the tests and
// the benchmarks.
//
// Example:
//   EnricherOptions options;
//   options.ner_model = "models/ner/ner.model";
//   ASSIGN_OR_RETURN(auto enricher, Enricher::Create(options));
//   v1::EnrichedArticle record = ...;  // article and dedup set
//   enricher->Enrich(&record);
//
// Thread-safety: after Create, Enrich() is const and safe from many threads.
#ifndef NEWSWIRE_SERVICES_ENRICH_ENRICHER_H_
#define NEWSWIRE_SERVICES_ENRICH_ENRICHER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "newswire/v1/wire.pb.h"
#include "services/enrich/linking/entity_linker.h"
#include "services/enrich/ner/entity_tagger.h"
#include "services/enrich/sentiment/sentiment_model.h"

namespace newswire::enrich {

struct EnricherOptions {
  // Empty model paths load the committed models as FindDataFile
  // (common/io/data_path.h) finds them; an empty gazetteer is the one
  // compiled into the binary. A given path that cannot be read is an error.
  std::string ner_model;
  std::string gazetteer;
  std::string sentiment_model;
  // Fill the NER score cache at load (EntityTagger::Load's `warm`).
  bool ner_warm = false;
};

class Enricher {
 public:
  // Loads the models. Errors (NotFound, DataLoss, ...) name the file that
  // could not be loaded.
  static absl::StatusOr<std::unique_ptr<Enricher>> Create(
      const EnricherOptions& options);

  // Replaces record->entities, record->sentiment and record->entity_summary
  // (see entity_summary.h), and sets enriched_time.
  void Enrich(v1::EnrichedArticle* record) const;

 private:
  Enricher() = default;
  std::unique_ptr<ner::EntityTagger> tagger_;
  std::unique_ptr<linking::EntityLinker> linker_;
  std::unique_ptr<sentiment::SentimentModel> sentiment_;
};

}  // namespace newswire::enrich

#endif  // NEWSWIRE_SERVICES_ENRICH_ENRICHER_H_
