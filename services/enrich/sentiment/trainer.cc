#include "services/enrich/sentiment/trainer.h"

#include <cmath>
#include <fstream>
#include <random>

#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace newswire::sentiment {
namespace {

int PolarityToClass(double polarity) {
  if (polarity < 3.0) return 0;
  if (polarity > 5.0) return 2;
  return 1;
}

const google::protobuf::Value* Field(const google::protobuf::Struct& s,
                                     const char* name) {
  auto it = s.fields().find(name);
  return it == s.fields().end() ? nullptr : &it->second;
}

}  // namespace

size_t CodePointToByte(absl::string_view text, size_t code_points) {
  size_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    // Count lead bytes only (continuation bytes are 10xxxxxx).
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (seen == code_points) return i;
      ++seen;
    }
  }
  return text.size();
}

absl::StatusOr<std::vector<NewsMtscRecord>> ReadNewsMtscRecords(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::vector<NewsMtscRecord> out;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    google::protobuf::Struct json;
    if (!google::protobuf::util::JsonStringToMessage(line, &json).ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": not JSON"));
    }
    const auto* sentence = Field(json, "sentence_normalized");
    const auto* targets = Field(json, "targets");
    if (sentence == nullptr || targets == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", line_no, ": needs sentence_normalized and targets"));
    }
    NewsMtscRecord record;
    record.text = sentence->string_value();
    for (const auto& t : targets->list_value().values()) {
      const auto* from = Field(t.struct_value(), "from");
      const auto* to = Field(t.struct_value(), "to");
      const auto* polarity = Field(t.struct_value(), "polarity");
      if (from == nullptr || to == nullptr || polarity == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            path, ":", line_no, ": target needs from/to/polarity"));
      }
      LabeledSpan span;
      span.label = PolarityToClass(polarity->number_value());
      span.begin = CodePointToByte(record.text,
                                   static_cast<size_t>(from->number_value()));
      span.end =
          CodePointToByte(record.text, static_cast<size_t>(to->number_value()));
      if (const auto* more = Field(t.struct_value(), "further_mentions")) {
        for (const auto& m : more->list_value().values()) {
          const auto* mf = Field(m.struct_value(), "from");
          const auto* mt = Field(m.struct_value(), "to");
          if (mf == nullptr || mt == nullptr) continue;
          span.further.emplace_back(
              CodePointToByte(record.text,
                              static_cast<size_t>(mf->number_value())),
              CodePointToByte(record.text,
                              static_cast<size_t>(mt->number_value())));
        }
      }
      record.targets.push_back(span);
    }
    out.push_back(std::move(record));
  }
  return out;
}

absl::StatusOr<std::vector<Example>> ReadNewsMtsc(const std::string& path,
                                                  const Lexicon& lexicon,
                                                  bool with_further_mentions) {
  auto records = ReadNewsMtscRecords(path);
  if (!records.ok()) return records.status();
  std::vector<Example> out;
  auto add = [&](const std::string& text, size_t begin, size_t end, int label) {
    Example ex;
    ex.label = label;
    // A span without a word token (never seen in NewsMTSC) is skipped.
    if (ExtractTargetFeatures(lexicon, text, begin, end, &ex.features,
                              &ex.tone)) {
      out.push_back(std::move(ex));
    }
  };
  for (const NewsMtscRecord& r : *records) {
    for (const LabeledSpan& t : r.targets) {
      add(r.text, t.begin, t.end, t.label);
      if (!with_further_mentions) continue;
      for (const auto& [begin, end] : t.further)
        add(r.text, begin, end, t.label);
    }
  }
  return out;
}

void TrainEpochs(const std::vector<Example>& data, const TrainOptions& options,
                 int epochs, LinearModel* weights, TrainState* state) {
  if (state->sparse_g2.empty()) {
    state->sparse_g2.assign(LinearModel::kRows * kNumClasses, 0.0f);
    state->dense_g2.assign(kNumDense * kNumClasses, 0.0f);
  }
  std::vector<uint32_t> order(data.size());
  for (int epoch = 0; epoch < epochs; ++epoch) {
    // Fisher-Yates with mt19937_64 (whose output the standard fixes), so the
    // order does not depend on the standard library's shuffle.
    std::mt19937_64 rng(options.seed + state->epochs_done);
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[rng() % i]);
    }
    const float lr = options.learning_rate;
    const float l2 = options.l2;
    for (uint32_t idx : order) {
      const Example& ex = data[idx];
      float p[kNumClasses] = {0, 0, 0};
      weights->AddScores(ex.features, p);
      Softmax(p);
      float g[kNumClasses];
      const float cw = options.class_weight[ex.label];
      for (int c = 0; c < kNumClasses; ++c) {
        g[c] = cw * (p[c] - (c == ex.label ? 1.0f : 0.0f));
      }
      for (uint32_t id : ex.features.ids) {
        float* w = weights->sparse_row(id);
        float* g2 = &state->sparse_g2[size_t{id} * kNumClasses];
        for (int c = 0; c < kNumClasses; ++c) {
          const float grad = g[c] + l2 * w[c];
          g2[c] += grad * grad;
          w[c] -= lr * grad / std::sqrt(g2[c] + 1e-6f);
        }
      }
      for (int i = 0; i < kNumDense; ++i) {
        const float x = ex.features.dense[i];
        if (x == 0) continue;
        float* w = weights->dense_row(i);
        float* g2 = &state->dense_g2[static_cast<size_t>(i) * kNumClasses];
        for (int c = 0; c < kNumClasses; ++c) {
          const float grad = g[c] * x + l2 * w[c];
          g2[c] += grad * grad;
          w[c] -= lr * grad / std::sqrt(g2[c] + 1e-6f);
        }
      }
    }
    ++state->epochs_done;
    if (state->average == nullptr)
      state->average = std::make_unique<LinearModel>();
    const float k = 1.0f / static_cast<float>(state->epochs_done);
    state->average->Blend(1.0f - k, *weights, k);
  }
}

std::unique_ptr<LinearModel> TrainAveraged(const std::vector<Example>& data,
                                           const TrainOptions& options,
                                           int epochs, int seeds,
                                           bool averaged) {
  std::unique_ptr<LinearModel> mean;
  for (int k = 0; k < seeds; ++k) {
    TrainOptions opt = options;
    opt.seed = options.seed + static_cast<uint64_t>(k) * kSeedStride;
    auto weights = std::make_unique<LinearModel>();
    TrainState state;
    TrainEpochs(data, opt, epochs, weights.get(), &state);
    if (averaged && state.average != nullptr) {
      weights = std::move(state.average);
    }
    if (mean == nullptr) {
      mean = std::move(weights);
    } else {
      const float add = 1.0f / static_cast<float>(k + 1);
      mean->Blend(1.0f - add, *weights, add);
    }
  }
  if (mean == nullptr) mean = std::make_unique<LinearModel>();
  return mean;
}

std::vector<Logits> OutOfFoldLogits(const std::vector<Example>& data,
                                    const TrainOptions& options, int epochs,
                                    int seeds, bool averaged, int folds) {
  std::vector<Logits> out(data.size());
  const size_t n = data.size();
  for (int k = 0; k < folds; ++k) {
    const size_t lo = n * static_cast<size_t>(k) / static_cast<size_t>(folds);
    const size_t hi =
        n * static_cast<size_t>(k + 1) / static_cast<size_t>(folds);
    std::vector<Example> train;
    train.reserve(n - (hi - lo));
    train.insert(train.end(), data.begin(), data.begin() + lo);
    train.insert(train.end(), data.begin() + hi, data.end());
    std::unique_ptr<LinearModel> w =
        TrainAveraged(train, options, epochs, seeds, averaged);
    for (size_t i = lo; i < hi; ++i) {
      out[i].fill(0);
      w->AddScores(data[i].features, out[i].data());
    }
  }
  return out;
}

Logits TuneClassBiases(const std::vector<Logits>& logits,
                       const std::vector<int>& gold, float range, float step) {
  Logits best{0, 0, 0};
  double best_f1 = -1;
  float best_norm = 0;
  const int steps = static_cast<int>(std::lround(range / step));
  std::vector<int> predicted(logits.size());
  for (int i = -steps; i <= steps; ++i) {
    for (int j = -steps; j <= steps; ++j) {
      const Logits bias{static_cast<float>(i) * step, 0,
                        static_cast<float>(j) * step};
      for (size_t k = 0; k < logits.size(); ++k) {
        float p[kNumClasses];
        for (int c = 0; c < kNumClasses; ++c) p[c] = logits[k][c] + bias[c];
        predicted[k] = ArgMax(p);
      }
      const double f1 = ScorePredictions(gold, predicted).macro_f1;
      const float norm = std::abs(bias[0]) + std::abs(bias[2]);
      if (f1 > best_f1 + 1e-12 ||
          (std::abs(f1 - best_f1) <= 1e-12 && norm < best_norm)) {
        best_f1 = f1;
        best_norm = norm;
        best = bias;
      }
    }
  }
  return best;
}

void AddClassBiases(const Logits& bias, LinearModel* weights) {
  float* w = weights->dense_row(0);
  for (int c = 0; c < kNumClasses; ++c) w[c] += bias[c];
}

int ArgMax(const float* logits) {
  int best = 0;
  for (int c = 1; c < kNumClasses; ++c) {
    if (logits[c] > logits[best]) best = c;
  }
  return best;
}

std::vector<int> Predict(const LinearModel& weights,
                         const std::vector<Example>& data) {
  std::vector<int> out;
  out.reserve(data.size());
  for (const Example& ex : data) {
    float p[kNumClasses] = {0, 0, 0};
    weights.AddScores(ex.features, p);
    out.push_back(ArgMax(p));
  }
  return out;
}

Scores ScorePredictions(const std::vector<int>& gold,
                        const std::vector<int>& predicted) {
  Scores s;
  s.n = gold.size();
  size_t tp[kNumClasses] = {}, fp[kNumClasses] = {}, fn[kNumClasses] = {};
  size_t correct = 0;
  for (size_t i = 0; i < gold.size() && i < predicted.size(); ++i) {
    if (gold[i] == predicted[i]) {
      ++correct;
      ++tp[gold[i]];
    } else {
      ++fp[predicted[i]];
      ++fn[gold[i]];
    }
  }
  for (int c = 0; c < kNumClasses; ++c) {
    const double denom = 2.0 * tp[c] + fp[c] + fn[c];
    s.f1[c] = denom == 0 ? 0 : 2.0 * tp[c] / denom;
    s.macro_f1 += s.f1[c] / kNumClasses;
  }
  s.accuracy = s.n == 0 ? 0 : static_cast<double>(correct) / s.n;
  return s;
}

}  // namespace newswire::sentiment
