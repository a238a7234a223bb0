#include "services/enrich/ner/entity_tagger.h"

#include <cmath>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "services/enrich/ner/ner_model.h"
#include "services/enrich/ner/tokenizer.h"

#ifndef NEWSWIRE_NER_DEFAULT_MODEL
#define NEWSWIRE_NER_DEFAULT_MODEL ""
#endif

namespace newswire::ner {
namespace {

constexpr char kRelativeDefault[] = "models/ner/ner.model";

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

  std::vector<Mention> Tag(absl::string_view text) const override {
    std::vector<Token> tokens = Tokenize(text);
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
        const Token& b = tokens[first_token[s] + span.begin];
        const Token& e = tokens[first_token[s] + span.end - 1];
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

bool Exists(const std::string& path) {
  return !path.empty() && std::ifstream(path).good();
}

}  // namespace

std::string DefaultNerModelPath() {
  if (Exists(kRelativeDefault)) return kRelativeDefault;
  if (Exists(NEWSWIRE_NER_DEFAULT_MODEL)) return NEWSWIRE_NER_DEFAULT_MODEL;
  return "";
}

absl::StatusOr<std::unique_ptr<EntityTagger>> EntityTagger::Load(
    const std::string& model_path) {
  std::string path = model_path;
  if (path.empty()) {
    path = DefaultNerModelPath();
    if (path.empty()) {
      return absl::NotFoundError(absl::StrCat(
          "no NER model: neither ", kRelativeDefault, " nor ",
          NEWSWIRE_NER_DEFAULT_MODEL, " exists; pass --ner_model"));
    }
  }
  auto model = NerModel::Load(path);
  if (!model.ok()) return model.status();
  return std::make_unique<PerceptronTagger>(*std::move(model));
}

}  // namespace newswire::ner
