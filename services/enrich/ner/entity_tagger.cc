#include "services/enrich/ner/entity_tagger.h"

#include <cmath>

#include "common/io/data_path.h"
#include "common/status/status_macros.h"
#include "common/text/segment.h"
#include "services/enrich/ner/ner_model.h"

namespace newswire::ner {
namespace {

// Maps a span's smallest max-marginal margin to a probability-like score.
// Fitted by eye to dev-set precision per margin bucket: margin <1 -> 0.31
// correct, 8-16 -> 0.66, 16-32 -> 0.85, >32 -> 0.98.
float MarginToConfidence(float margin) {
  return 1.0f / (1.0f + std::exp(-(margin - 6.0f) / 8.0f));
}

v1::EntityType ToEntityType(EntityClass c) {
  switch (c) {
    case EntityClass::kPer:
      return v1::PERSON;
    case EntityClass::kOrg:
      return v1::ORGANIZATION;
    case EntityClass::kLoc:
      return v1::LOCATION;
    case EntityClass::kMisc:
      return v1::MISC;
  }
  return v1::ENTITY_TYPE_UNSPECIFIED;
}

class PerceptronTagger : public EntityTagger {
 public:
  explicit PerceptronTagger(std::unique_ptr<NerModel> model)
      : model_(std::move(model)) {}

  using EntityTagger::Tag;

  std::vector<Mention> Tag(
      absl::string_view text,
      const std::vector<text::Token>& tokens) const override {
    std::vector<std::vector<absl::string_view>> sentences;
    std::vector<size_t> first_token;
    for (size_t k = 0; k < tokens.size(); ++k) {
      if (tokens[k].sentence_start || sentences.empty()) {
        sentences.emplace_back();
        first_token.push_back(k);
      }
      sentences.back().push_back(
          text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin));
    }
    std::vector<std::vector<int>> labels;
    std::vector<std::vector<float>> margins;
    model_->TagDocument(sentences, &labels, &margins);
    std::vector<Mention> out;
    for (size_t s = 0; s < sentences.size(); ++s) {
      for (const TokenSpan& span : LabelsToSpans(labels[s])) {
        const text::Token& b = tokens[first_token[s] + span.begin];
        const text::Token& e = tokens[first_token[s] + span.end - 1];
        float margin = margins[s][span.begin];
        for (int i = span.begin; i < span.end; ++i) {
          margin = std::min(margin, margins[s][i]);
        }
        Mention m;
        m.begin = b.begin;
        m.end = e.end;
        m.type = ToEntityType(span.cls);
        m.confidence = MarginToConfidence(margin);
        out.push_back(m);
      }
    }
    return out;
  }

 private:
  std::unique_ptr<NerModel> model_;
};

}  // namespace

std::vector<Mention> EntityTagger::Tag(absl::string_view text) const {
  return Tag(text, text::Segment(text));
}

absl::StatusOr<std::unique_ptr<EntityTagger>> EntityTagger::Load(
    const std::string& model_path, bool warm) {
  ASSIGN_OR_RETURN(std::string path,
                   ModelPathOrDefault(model_path, kDefaultNerModel));
  ASSIGN_OR_RETURN(std::unique_ptr<NerModel> model, NerModel::Load(path));
  if (warm) model->FillCache();
  return std::make_unique<PerceptronTagger>(std::move(model));
}

}  // namespace newswire::ner
