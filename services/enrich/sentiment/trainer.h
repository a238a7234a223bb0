// Training and evaluation of the target-sentiment model on NewsMTSC.
//
// NewsMTSC lines are JSON: {"sentence_normalized": "...", "targets": [{"from":
// F, "to": T, "polarity": 2.0|4.0|6.0}, ...]}. `from`/`to` count Unicode code
// points (Python string offsets); the reader converts them to UTF-8 byte
// offsets. Polarity 2/4/6 maps to classes 0/1/2 (negative/neutral/positive).
//
// Training is multinomial logistic regression with AdaGrad and L2, over
// examples shuffled by a seeded Mersenne Twister: the same data, options and
// seed give the same weights bit for bit on one platform.
//
// Example:
//   Lexicon lex = Lexicon::BuiltIn();
//   ASSIGN_OR_RETURN(auto train, ReadNewsMtsc(train_path, lex));
//   LinearModel w;
//   TrainOptions opt;
//   TrainEpochs(train, opt, 10, &w, &state);
//   Scores s = Evaluate(w, dev);   // s.macro_f1
//
// Thread-safety: functions without shared state.
// Errors: ReadNewsMtsc returns NotFound / InvalidArgument (with line number).
#ifndef NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TRAINER_H_
#define NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TRAINER_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/enrich/sentiment/features.h"
#include "services/enrich/sentiment/lexicon.h"
#include "services/enrich/sentiment/linear_model.h"

namespace newswire::sentiment {

struct Example {
  FeatureVector features;
  float tone = 0;  // rule-based sentence tone (for lexicon baselines)
  int label = 1;
};

// Converts a code-point offset into a byte offset of UTF-8 `text` (clamped
// to text.size()).
size_t CodePointToByte(absl::string_view text, size_t code_points);

// One NewsMTSC sentence with its targets as byte spans.
struct LabeledSpan {
  size_t begin = 0;
  size_t end = 0;
  int label = 1;
  // Coreferent mentions ("she", "the senator") the annotators linked.
  std::vector<std::pair<size_t, size_t>> further;
};
struct NewsMtscRecord {
  std::string text;
  std::vector<LabeledSpan> targets;
};

absl::StatusOr<std::vector<NewsMtscRecord>> ReadNewsMtscRecords(
    const std::string& path);

// ReadNewsMtscRecords + feature extraction: one Example per target, plus
// one per further mention (same label) if `with_further_mentions`.
absl::StatusOr<std::vector<Example>> ReadNewsMtsc(
    const std::string& path, const Lexicon& lexicon,
    bool with_further_mentions = false);

struct TrainOptions {
  float learning_rate = 0.1f;
  float l2 = 1e-4f;
  uint64_t seed = 20210419;
  // Loss weight of an example of each class (1, 1, 1: plain log loss).
  std::array<float, kNumClasses> class_weight{1.0f, 1.0f, 1.0f};
};

// AdaGrad accumulators and the running mean of the weights at the end of
// every epoch so far, kept across epochs.
struct TrainState {
  std::vector<float> sparse_g2;
  std::vector<float> dense_g2;
  uint64_t epochs_done = 0;
  std::unique_ptr<LinearModel> average;
};

// Runs `epochs` more passes over `data`, updating `weights` and `state`
// (state->average is the mean of the end-of-epoch weights).
void TrainEpochs(const std::vector<Example>& data, const TrainOptions& options,
                 int epochs, LinearModel* weights, TrainState* state);

struct Scores {
  double macro_f1 = 0;
  double accuracy = 0;
  std::array<double, kNumClasses> f1{};
  size_t n = 0;
};

// Trains `seeds` models for `epochs` epochs, the k-th with shuffling seed
// options.seed + k * kSeedStride (k = 0 is exactly TrainEpochs), and returns
// the mean of their weights (each the mean of its end-of-epoch weights if
// `averaged`). Deterministic.
constexpr uint64_t kSeedStride = 7919;
std::unique_ptr<LinearModel> TrainAveraged(const std::vector<Example>& data,
                                           const TrainOptions& options,
                                           int epochs, int seeds,
                                           bool averaged);

using Logits = std::array<float, kNumClasses>;

// Logits of every example of `data` from models trained on the rest: the
// data is cut into `folds` contiguous blocks (NewsMTSC files are sorted by
// article, so a block keeps an article's sentences together) and each block
// is scored by a model trained on the others with TrainAveraged.
// REQUIRES: folds >= 2.
std::vector<Logits> OutOfFoldLogits(const std::vector<Example>& data,
                                    const TrainOptions& options, int epochs,
                                    int seeds, bool averaged, int folds);

// Per-class logit offsets maximising macro-F1 of argmax(logits + offset)
// against `gold`: neutral's offset is 0, negative's and positive's are
// searched on the grid {-range, -range + step, ..., range}; among equal
// scores the offsets nearest zero win. Deterministic.
Logits TuneClassBiases(const std::vector<Logits>& logits,
                       const std::vector<int>& gold, float range, float step);

// Adds `bias` to the weights of dense feature 0 (the constant 1), so the
// model file carries it without a format change.
void AddClassBiases(const Logits& bias, LinearModel* weights);

// Scores predicted classes against gold labels.
Scores ScorePredictions(const std::vector<int>& gold,
                        const std::vector<int>& predicted);
std::vector<int> Predict(const LinearModel& weights,
                         const std::vector<Example>& data);
// The class of the largest logit (ties go to the lower class).
int ArgMax(const float* logits);

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TRAINER_H_
