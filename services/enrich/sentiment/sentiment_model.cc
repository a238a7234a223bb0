#include "services/enrich/sentiment/sentiment_model.h"

#include "absl/strings/str_cat.h"

namespace newswire::sentiment {
namespace {

// Baseline: neutral everywhere. The trained model replaces it.
class NeutralModel : public SentimentModel {
 public:
  v1::Sentiment ScoreDocument(absl::string_view,
                              absl::string_view) const override {
    return Neutral();
  }
  v1::Sentiment ScoreTarget(absl::string_view, size_t,
                            size_t) const override {
    return Neutral();
  }
  void ScoreEntities(absl::string_view,
                     std::vector<v1::Entity>* entities) const override {
    for (v1::Entity& e : *entities) *e.mutable_sentiment() = Neutral();
  }

 private:
  static v1::Sentiment Neutral() {
    v1::Sentiment s;
    s.set_label(v1::NEUTRAL);
    s.set_confidence(0.34);
    return s;
  }
};

}  // namespace

absl::StatusOr<std::unique_ptr<SentimentModel>> SentimentModel::Load(
    const std::string& model_path) {
  if (!model_path.empty()) {
    return absl::UnimplementedError(
        absl::StrCat("no trained sentiment model is built in yet: ",
                     model_path));
  }
  return std::make_unique<NeutralModel>();
}

}  // namespace newswire::sentiment
