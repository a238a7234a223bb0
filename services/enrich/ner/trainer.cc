#include "services/enrich/ner/trainer.h"

#include <cmath>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_format.h"
#include "common/status/status_macros.h"
#include "common/text/hash.h"
#include "services/enrich/ner/features.h"

namespace newswire::ner {
namespace {

// A deterministic generator (splitmix64) so the shuffle is the same on every
// platform and standard library.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() { return Mix64(s_ += 0x9E3779B97F4A7C15ull); }

 private:
  uint64_t s_;
};

struct TrainSentence {
  std::vector<std::string> tokens;
  std::vector<int> gold;
  std::vector<uint32_t> feat_begin;  // per token, into feats; size n+1
  std::vector<uint32_t> feats;       // row ids
  std::vector<std::string> lower;
  std::vector<bool> caps;
};

using TrainDoc = std::vector<TrainSentence>;

class Perceptron {
 public:
  explicit Perceptron(size_t rows)
      : w_(rows * kNumLabels),
        total_(rows * kNumLabels),
        stamp_(rows * kNumLabels) {}
  const float* Row(uint32_t r) const { return &w_[size_t{r} * kNumLabels]; }
  void Update(uint32_t row, int label, float delta) {
    size_t i = size_t{row} * kNumLabels + label;
    total_[i] += static_cast<double>(time_ - stamp_[i]) * w_[i];
    stamp_[i] = time_;
    w_[i] += delta;
  }
  void Tick() { ++time_; }
  std::vector<float> Averaged() const {
    std::vector<float> avg(w_.size());
    for (size_t i = 0; i < w_.size(); ++i) {
      double t = total_[i] + static_cast<double>(time_ - stamp_[i]) * w_[i];
      avg[i] = time_ == 0 ? 0.0f : static_cast<float>(t / time_);
    }
    return avg;
  }

 private:
  std::vector<float> w_;
  std::vector<double> total_;
  std::vector<int64_t> stamp_;
  int64_t time_ = 0;
};

std::vector<absl::string_view> Views(const std::vector<std::string>& s) {
  return std::vector<absl::string_view>(s.begin(), s.end());
}

}  // namespace

SpanScorer EvaluateConll(const NerModel& model,
                         const std::vector<ConllDocument>& docs,
                         std::vector<std::vector<std::string>>* predicted) {
  SpanScorer scorer;
  std::vector<std::vector<int>> labels;
  for (const ConllDocument& doc : docs) {
    std::vector<std::vector<absl::string_view>> sentences;
    for (const ConllSentence& s : doc.sentences) {
      sentences.push_back(Views(s.tokens));
    }
    model.TagDocument(sentences, &labels, nullptr);
    for (size_t k = 0; k < doc.sentences.size(); ++k) {
      std::vector<TokenSpan> spans = LabelsToSpans(labels[k]);
      scorer.Add(TagsToSpans(doc.sentences[k].tags), spans);
      if (predicted != nullptr) {
        predicted->push_back(SpansToIob1(
            spans, static_cast<int>(doc.sentences[k].tokens.size())));
      }
    }
  }
  return scorer;
}

absl::StatusOr<TrainResult> TrainNer(const TrainOptions& options,
                                     std::ostream* log) {
  ASSIGN_OR_RETURN(std::vector<ConllDocument> train,
                   ReadConll(options.train_path));
  ASSIGN_OR_RETURN(std::vector<ConllDocument> dev, ReadConll(options.dev_path));
  Lexicon lexicon;
  if (!options.gazetteer_path.empty()) {
    RETURN_IF_ERROR(lexicon.LoadGazetteerTsv(options.gazetteer_path));
  }
  if (!options.cues_path.empty()) {
    RETURN_IF_ERROR(lexicon.LoadCueWords(options.cues_path));
  }

  // Feature extraction, once. Features are counted first so that rare ones
  // can be dropped.
  absl::flat_hash_map<uint64_t, uint32_t> counts;
  std::vector<std::vector<std::vector<std::vector<uint64_t>>>> raw;
  std::vector<TrainDoc> docs;
  std::vector<uint64_t> f;
  absl::flat_hash_set<std::string> vocab_set;
  for (const ConllDocument& cd : train) {
    TrainDoc doc;
    raw.emplace_back();
    for (const ConllSentence& cs : cd.sentences) {
      TrainSentence s;
      s.tokens = cs.tokens;
      const int n = static_cast<int>(s.tokens.size());
      s.gold = SpansToLabels(TagsToSpans(cs.tags), n);
      std::vector<absl::string_view> toks = Views(s.tokens);
      SentenceContext ctx(lexicon, toks);
      raw.back().emplace_back();
      for (int i = 0; i < n; ++i) {
        vocab_set.insert(s.tokens[i]);
        f.clear();
        for (int o = kMinOffset; o <= kMaxOffset; ++o) {
          int j = i + o;
          absl::string_view w = j < 0    ? kBeginWord
                                : j >= n ? kEndWord
                                         : toks[j];
          AppendWordFeatures(lexicon, w, o, &f);
        }
        ctx.AppendContextFeatures(i, &f);
        for (uint64_t h : f) ++counts[h];
        raw.back().back().push_back(f);
        s.lower.push_back(ctx.lower(i));
        s.caps.push_back(ctx.Capitalized(i));
      }
      doc.push_back(std::move(s));
    }
    docs.push_back(std::move(doc));
  }
  // Row ids in sorted hash order, so the table is independent of hash-map
  // iteration order.
  std::vector<uint64_t> kept;
  for (const auto& [h, c] : counts) {
    if (static_cast<int>(c) >= options.min_feature_count) kept.push_back(h);
  }
  std::sort(kept.begin(), kept.end());
  absl::flat_hash_map<uint64_t, uint32_t> index;
  index.reserve(kept.size());
  for (size_t k = 0; k < kept.size(); ++k) {
    index.emplace(kept[k], static_cast<uint32_t>(kDenseRows + k));
  }
  for (size_t d = 0; d < docs.size(); ++d) {
    for (size_t s = 0; s < docs[d].size(); ++s) {
      TrainSentence& ts = docs[d][s];
      ts.feat_begin.push_back(0);
      for (const std::vector<uint64_t>& tf : raw[d][s]) {
        for (uint64_t h : tf) {
          auto it = index.find(h);
          if (it != index.end()) ts.feats.push_back(it->second);
        }
        ts.feat_begin.push_back(static_cast<uint32_t>(ts.feats.size()));
      }
    }
  }
  raw.clear();
  std::vector<std::string> vocab(vocab_set.begin(), vocab_set.end());
  std::sort(vocab.begin(), vocab.end());
  if (log != nullptr) {
    *log << absl::StrFormat("train-ner: %d docs, %d features, %d words\n",
                            docs.size(), index.size(), vocab.size());
  }

  Perceptron p(kDenseRows + index.size());
  Rng rng(options.seed);
  std::vector<size_t> order(docs.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  TrainResult result;
  std::string best_bytes;
  double best_f1 = -1;
  int stale = 0;
  for (int epoch = 1; epoch <= options.max_epochs; ++epoch) {
    for (size_t k = order.size(); k > 1; --k) {
      std::swap(order[k - 1], order[rng.Next() % k]);
    }
    long errors = 0, tokens = 0;
    for (size_t d : order) {
      DocHistory history;
      for (const TrainSentence& s : docs[d]) {
        const int n = static_cast<int>(s.tokens.size());
        int prev = kBos, prev2 = kBos;
        for (int i = 0; i < n; ++i) {
          float scores[kNumLabels] = {0};
          for (uint32_t k = s.feat_begin[i]; k < s.feat_begin[i + 1]; ++k) {
            const float* row = p.Row(s.feats[k]);
            for (int l = 0; l < kNumLabels; ++l) scores[l] += row[l];
          }
          int hist = history.Value(s.lower[i], s.caps[i]);
          uint32_t dense[3] = {static_cast<uint32_t>(PrevRow(prev)),
                               static_cast<uint32_t>(Prev2Row(prev2, prev)),
                               static_cast<uint32_t>(HistRow(hist))};
          for (uint32_t r : dense) {
            const float* row = p.Row(r);
            for (int l = 0; l < kNumLabels; ++l) scores[l] += row[l];
          }
          int pred = BestAllowedLabel(scores, prev, i == n - 1, nullptr);
          int gold = s.gold[i];
          p.Tick();
          ++tokens;
          if (pred != gold) {
            ++errors;
            for (uint32_t k = s.feat_begin[i]; k < s.feat_begin[i + 1]; ++k) {
              p.Update(s.feats[k], gold, 1.0f);
              p.Update(s.feats[k], pred, -1.0f);
            }
            for (uint32_t r : dense) {
              p.Update(r, gold, 1.0f);
              p.Update(r, pred, -1.0f);
            }
          }
          history.Record(s.lower[i], s.caps[i], pred);
          prev2 = prev;
          prev = pred;
        }
      }
    }
    Weights w;
    w.index = index;
    w.rows = p.Averaged();
    auto model = std::make_unique<NerModel>(lexicon, std::move(w), vocab);
    SpanScorer scorer = EvaluateConll(*model, dev);
    double f1 = scorer.overall().F1();
    if (log != nullptr) {
      *log << absl::StrFormat(
          "epoch %2d: train token errors %.4f, dev F1 %.4f\n", epoch,
          static_cast<double>(errors) / tokens, f1);
    }
    if (f1 > best_f1) {
      best_f1 = f1;
      result.best_epoch = epoch;
      result.dev = scorer;
      result.model = std::move(model);
      stale = 0;
    } else if (++stale >= options.patience) {
      break;
    }
  }
  return result;
}

}  // namespace newswire::ner
