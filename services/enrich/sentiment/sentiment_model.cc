#include "services/enrich/sentiment/sentiment_model.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "common/io/data_path.h"
#include "common/status/status_macros.h"
#include "services/enrich/sentiment/document_tone.h"
#include "services/enrich/sentiment/features.h"
#include "services/enrich/sentiment/lexicon.h"
#include "services/enrich/sentiment/linear_model.h"
#include "services/enrich/sentiment/tokens.h"

namespace newswire::sentiment {
namespace {

v1::Sentiment FromProbabilities(const float* p) {
  v1::Sentiment s;
  int best = 1;  // ties go to neutral
  if (p[0] > p[best]) best = 0;
  if (p[2] > p[best]) best = 2;
  static constexpr v1::SentimentLabel kLabels[] = {v1::NEGATIVE, v1::NEUTRAL,
                                                   v1::POSITIVE};
  s.set_score(p[2] - p[0]);
  s.set_label(kLabels[best]);
  s.set_confidence(p[best]);
  return s;
}

class TrainedModel : public SentimentModel {
 public:
  // Projects the weights onto lexicon_'s vectors, which live as long as
  // the weights and stay in place from here on.
  TrainedModel(std::unique_ptr<LinearModel> weights, Lexicon lexicon)
      : weights_(std::move(weights)), lexicon_(std::move(lexicon)) {
    weights_->ProjectVectors(lexicon_.vectors());
  }

  using SentimentModel::ScoreDocument;
  using SentimentModel::ScoreEntities;

  v1::Sentiment ScoreDocument(
      absl::string_view headline, absl::string_view body,
      const std::vector<text::Token>& body_segments) const override {
    const DocumentTone tone =
        ScoreDocumentTone(lexicon_, headline, body, body_segments);
    v1::Sentiment s;
    s.set_score(tone.score);
    s.set_label(ToneLabel(tone.total));
    // Heuristic: the further from the nearest threshold, the surer.
    const float margin = std::fabs(std::fabs(tone.total) - kToneThreshold);
    s.set_confidence(0.5 + 0.5 * std::tanh(margin / 0.25f));
    return s;
  }

  v1::Sentiment ScoreTarget(absl::string_view text, size_t begin,
                            size_t end) const override {
    thread_local FeatureVector f;
    float p[kNumClasses] = {0, 0, 0};
    if (ExtractTargetFeatures(lexicon_, text, begin, end, &f)) {
      weights_->AddScores(f, p);
    }
    Softmax(p);
    return FromProbabilities(p);
  }

  void ScoreEntities(absl::string_view body,
                     const std::vector<text::Token>& body_segments,
                     std::vector<v1::Entity>* entities) const override;

 private:
  std::unique_ptr<LinearModel> weights_;
  Lexicon lexicon_;
};

void TrainedModel::ScoreEntities(absl::string_view body,
                                 const std::vector<text::Token>& body_segments,
                                 std::vector<v1::Entity>* entities) const {
  thread_local std::vector<Token> tokens;
  thread_local std::vector<SentenceSpan> sentences;
  thread_local SentenceAnalysis analysis;
  thread_local FeatureVector f;
  thread_local FeatureVector unmasked;
  AnnotateTokens(body, body_segments, &tokens);
  SplitSentences(tokens, &sentences);
  // Sum of class probabilities and mention count per canonical id.
  absl::flat_hash_map<absl::string_view, std::array<float, kNumClasses + 1>>
      totals;
  size_t analysed = sentences.size();  // index of the sentence in `analysis`
  float sentence_logits[kNumClasses] = {0, 0, 0};
  for (const v1::Entity& e : *entities) {
    float p[kNumClasses] = {0, 0, 0};
    uint32_t tb = 0, te = 0;
    if (TargetTokens(tokens, e.begin(), e.end(), &tb, &te)) {
      const size_t si = static_cast<size_t>(
          std::upper_bound(
              sentences.begin(), sentences.end(), tb,
              [](uint32_t t, const SentenceSpan& s) { return t < s.end; }) -
          sentences.begin());
      if (si != analysed) {
        AnalyzeSentence(lexicon_, tokens, sentences[si], &analysis);
        f.Clear();
        SentenceFeatures(analysis, 0, 0, &f);
        std::fill(sentence_logits, sentence_logits + kNumClasses, 0.0f);
        weights_->AddSparse(f.ids.data(), f.ids.size(), sentence_logits);
        analysed = si;
      }
      te = std::min(te, sentences[si].end);
      f.Clear();
      unmasked.Clear();
      TargetMaskDelta(analysis, tb, te, &unmasked, &f);
      TargetFeatures(analysis, tb, te, &f);
      float removed[kNumClasses] = {0, 0, 0};
      weights_->AddSparse(unmasked.ids.data(), unmasked.ids.size(), removed);
      for (int c = 0; c < kNumClasses; ++c) {
        p[c] = sentence_logits[c] - removed[c];
      }
      weights_->AddProjectedScores(f, p);
    }
    Softmax(p);
    const std::string& key =
        e.canonical_id().empty() ? e.text() : e.canonical_id();
    auto& t = totals[key];
    for (int c = 0; c < kNumClasses; ++c) t[c] += p[c];
    t[kNumClasses] += 1;
  }
  for (v1::Entity& e : *entities) {
    const std::string& key =
        e.canonical_id().empty() ? e.text() : e.canonical_id();
    const auto& t = totals[key];
    float p[kNumClasses];
    for (int c = 0; c < kNumClasses; ++c) p[c] = t[c] / t[kNumClasses];
    *e.mutable_sentiment() = FromProbabilities(p);
  }
}

}  // namespace

v1::Sentiment SentimentModel::ScoreDocument(absl::string_view headline,
                                            absl::string_view body) const {
  return ScoreDocument(headline, body, text::Segment(body));
}

void SentimentModel::ScoreEntities(absl::string_view body,
                                   std::vector<v1::Entity>* entities) const {
  ScoreEntities(body, text::Segment(body), entities);
}

absl::StatusOr<std::unique_ptr<SentimentModel>> SentimentModel::Load(
    const std::string& model_path) {
  ASSIGN_OR_RETURN(std::string path,
                   ModelPathOrDefault(model_path, kDefaultSentimentModel));
  auto weights = std::make_unique<LinearModel>();
  Lexicon lexicon = Lexicon::BuiltIn();
  RETURN_IF_ERROR(ReadModelFile(path, weights.get(), &lexicon));
  return std::make_unique<TrainedModel>(std::move(weights), std::move(lexicon));
}

}  // namespace newswire::sentiment
