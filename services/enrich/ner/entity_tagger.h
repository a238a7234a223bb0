// Named-entity tagging: finds PERSON / ORGANIZATION / LOCATION / MISC
// mentions in article text with the trained averaged-perceptron tagger
// (common/text/segment.h splits the text, ner_model.h labels the tokens).
//
// Example:
//   ASSIGN_OR_RETURN(auto tagger, EntityTagger::Load("models/ner/ner.model"));
//   for (const Mention& m : tagger->Tag(body)) { body.substr(m.begin, ...) }
//
// Thread-safety: after Load, Tag() is const and safe from many threads.
#ifndef NEWSWIRE_SERVICES_ENRICH_NER_ENTITY_TAGGER_H_
#define NEWSWIRE_SERVICES_ENRICH_NER_ENTITY_TAGGER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/text/segment.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::ner {

// One entity mention: text[begin, end) in bytes.
struct Mention {
  uint32_t begin = 0;
  uint32_t end = 0;
  v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
  float confidence = 0;
};

// The committed model, relative to the data directory (common/io/data_path.h).
inline constexpr char kDefaultNerModel[] = "models/ner/ner.model";

class EntityTagger {
 public:
  // Loads a model file (see ner_model.h). An empty path loads
  // kDefaultNerModel as FindDataFile (common/io/data_path.h) finds it.
  // Returns NotFound when no default exists or the file cannot be opened,
  // DataLoss for a corrupt file; the message names the path. With `warm`,
  // the per-word score cache is filled for the whole vocabulary now
  // (about 0.35 G instructions) instead of as words are first tagged: for a
  // benchmark of the steady state, or a service that would rather pay
  // before its first document.
  static absl::StatusOr<std::unique_ptr<EntityTagger>> Load(
      const std::string& model_path, bool warm = false);
  virtual ~EntityTagger() = default;

  // Returns the mentions in `text` in order, non-overlapping.
  std::vector<Mention> Tag(absl::string_view text) const;

  // The same for `tokens`, which must be text::Segment(text): lets a caller
  // that segments the text for other uses too (the enricher) do it once.
  virtual std::vector<Mention> Tag(
      absl::string_view text, const std::vector<text::Token>& tokens) const = 0;
};

}  // namespace newswire::ner

#endif  // NEWSWIRE_SERVICES_ENRICH_NER_ENTITY_TAGGER_H_
