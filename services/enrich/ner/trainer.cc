#include "services/enrich/ner/trainer.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status/status_macros.h"
#include "common/text/hash.h"
#include "common/text/segment.h"
#include "services/enrich/ner/features.h"
#include "services/enrich/ner/word_clusters.h"

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
  std::vector<uint64_t> lower_hash;
  std::vector<bool> caps;
};

using TrainDoc = std::vector<TrainSentence>;

class Perceptron {
 public:
  explicit Perceptron(size_t rows)
      : total_(rows * kNumLabels), stamp_(rows * kNumLabels) {
    view_.rows.assign(rows * kNumLabels, 0.0f);
  }
  const float* Row(uint32_t r) const { return view_.Row(r); }
  // The current (not averaged) weights; only the dense rows are read.
  const Weights& AsWeights() const { return view_; }
  void Update(uint32_t row, int label, float delta) {
    size_t i = size_t{row} * kNumLabels + label;
    total_[i] += static_cast<double>(time_ - stamp_[i]) * view_.rows[i];
    stamp_[i] = time_;
    view_.rows[i] += delta;
  }
  void Tick() { ++time_; }
  std::vector<float> Averaged() const {
    const std::vector<float>& w = view_.rows;
    std::vector<float> avg(w.size());
    for (size_t i = 0; i < w.size(); ++i) {
      double t = total_[i] + static_cast<double>(time_ - stamp_[i]) * w[i];
      avg[i] = time_ == 0 ? 0.0f : static_cast<float>(t / time_);
    }
    return avg;
  }

 private:
  Weights view_;
  std::vector<double> total_;
  std::vector<int64_t> stamp_;
  int64_t time_ = 0;
};

std::vector<absl::string_view> Views(const std::vector<std::string>& s) {
  return std::vector<absl::string_view>(s.begin(), s.end());
}

// One pass over the documents in a freshly shuffled order: tags each
// sentence with the current weights and the document's label history of
// its own predictions, and updates on every token it got wrong.
void RunEpoch(const std::vector<TrainDoc>& docs, Rng* rng,
              std::vector<size_t>* order, Perceptron* p, long* errors,
              long* tokens) {
  for (size_t k = order->size(); k > 1; --k) {
    std::swap((*order)[k - 1], (*order)[rng->Next() % k]);
  }
  std::vector<float> scores;
  std::vector<int> pred, hist;
  for (size_t d : *order) {
    DocHistory history;
    for (const TrainSentence& s : docs[d]) {
      const int n = static_cast<int>(s.tokens.size());
      scores.assign(size_t(n) * kNumLabels, 0.0f);
      hist.resize(n);
      pred.resize(n);
      for (int i = 0; i < n; ++i) {
        float* sc = &scores[size_t(i) * kNumLabels];
        for (uint32_t k = s.feat_begin[i]; k < s.feat_begin[i + 1]; ++k) {
          const float* row = p->Row(s.feats[k]);
          for (int l = 0; l < kNumLabels; ++l) sc[l] += row[l];
        }
        hist[i] = history.Value(s.lower_hash[i], s.caps[i]);
        const float* row = p->Row(HistRow(hist[i]));
        for (int l = 0; l < kNumLabels; ++l) sc[l] += row[l];
      }
      ViterbiDecode(scores.data(), n, p->AsWeights(), pred.data(), nullptr);
      p->Tick();
      *tokens += n;
      for (int i = 0; i < n; ++i) {
        const int g = s.gold[i], q = pred[i];
        const int gp = i == 0 ? kBos : s.gold[i - 1];
        const int qp = i == 0 ? kBos : pred[i - 1];
        if (g != q) {
          ++*errors;
          for (uint32_t k = s.feat_begin[i]; k < s.feat_begin[i + 1]; ++k) {
            p->Update(s.feats[k], g, 1.0f);
            p->Update(s.feats[k], q, -1.0f);
          }
          p->Update(HistRow(hist[i]), g, 1.0f);
          p->Update(HistRow(hist[i]), q, -1.0f);
        }
        if (g != q || gp != qp) {
          p->Update(PrevRow(gp), g, 1.0f);
          p->Update(PrevRow(qp), q, -1.0f);
        }
      }
      for (int i = 0; i < n; ++i) {
        history.Record(s.lower_hash[i], s.caps[i], pred[i]);
      }
    }
  }
}

}  // namespace

absl::StatusOr<std::vector<std::vector<std::string>>> ReadUnlabeled(
    const std::string& path) {
  std::vector<std::vector<std::string>> out;
  if (!absl::EndsWith(path, ".jsonl")) {
    ASSIGN_OR_RETURN(std::vector<ConllDocument> docs, ReadConll(path));
    for (const ConllDocument& d : docs) {
      for (const ConllSentence& s : d.sentences) out.push_back(s.tokens);
    }
    return out;
  }
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  const std::string kKey = "\"sentence_normalized\": \"";
  std::string line;
  while (std::getline(in, line)) {
    size_t at = line.find(kKey);
    if (at == std::string::npos) continue;
    // The JSON string up to its closing quote; escapes become spaces or
    // the escaped character, which is enough for word contexts.
    std::string text;
    for (size_t i = at + kKey.size(); i < line.size() && line[i] != '"'; ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        ++i;
        text.push_back(line[i] == '"' || line[i] == '\\' ? line[i] : ' ');
        continue;
      }
      text.push_back(line[i]);
    }
    std::vector<std::string> tokens;
    for (const text::Token& t : text::Segment(text)) {
      tokens.emplace_back(text.substr(t.begin, t.end - t.begin));
    }
    out.push_back(std::move(tokens));
  }
  return out;
}

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
  const bool choose_on_dev = !options.dev_path.empty();
  std::vector<ConllDocument> dev;
  if (choose_on_dev) {
    ASSIGN_OR_RETURN(dev, ReadConll(options.dev_path));
  }
  Lexicon lexicon;
  if (!options.gazetteer_path.empty()) {
    RETURN_IF_ERROR(lexicon.LoadGazetteerTsv(options.gazetteer_path));
  }
  if (!options.cues_path.empty()) {
    RETURN_IF_ERROR(lexicon.LoadCueWords(options.cues_path));
  }

  if (options.use_clusters) {
    std::vector<std::vector<std::string>> corpus;
    for (const ConllDocument& d : train) {
      for (const ConllSentence& s : d.sentences) corpus.push_back(s.tokens);
    }
    for (const std::string& path : options.unlabeled_paths) {
      ASSIGN_OR_RETURN(std::vector<std::vector<std::string>> more,
                       ReadUnlabeled(path));
      corpus.insert(corpus.end(), std::make_move_iterator(more.begin()),
                    std::make_move_iterator(more.end()));
    }
    WordClusterOptions copt;
    copt.seed = options.seed;
    absl::flat_hash_map<std::string, uint16_t> clusters =
        BuildWordClusters(corpus, copt);
    if (log != nullptr) {
      *log << absl::StrFormat(
          "train-ner: %d clustered words from %d sentences\n", clusters.size(),
          corpus.size());
    }
    lexicon.SetClusters(std::move(clusters));
  }

  if (!options.embeddings_path.empty()) {
    EmbeddingClusterOptions eopt;
    eopt.max_words = options.embedding_words;
    eopt.coarse = options.embedding_coarse;
    eopt.fine = options.embedding_fine;
    eopt.seed = options.seed;
    ASSIGN_OR_RETURN(auto classes,
                     BuildEmbeddingClusters(options.embeddings_path, eopt));
    if (log != nullptr) {
      *log << absl::StrFormat("train-ner: %d words with embedding classes\n",
                              classes.size());
    }
    lexicon.SetEmbeddingClusters(classes);
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
    std::vector<std::vector<absl::string_view>> doc_views;
    for (const ConllSentence& cs : cd.sentences) {
      doc_views.push_back(Views(cs.tokens));
    }
    const DocumentCase doc_case(doc_views, &lexicon);
    for (size_t si = 0; si < cd.sentences.size(); ++si) {
      const ConllSentence& cs = cd.sentences[si];
      TrainSentence s;
      s.tokens = cs.tokens;
      const int n = static_cast<int>(s.tokens.size());
      s.gold = SpansToLabels(TagsToSpans(cs.tags), n);
      std::vector<absl::string_view> toks = Views(s.tokens);
      SentenceContext ctx(lexicon, toks, &doc_case, si);
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
        s.lower_hash.push_back(ctx.lower_hash(i));
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

  // One perceptron per document order; the model is the mean of their
  // averaged weights (orders = 1: the plain averaged perceptron).
  const int num_orders = std::max(1, options.orders);
  std::vector<Perceptron> perceptrons;
  std::vector<Rng> rngs;
  std::vector<std::vector<size_t>> orders;
  for (int k = 0; k < num_orders; ++k) {
    perceptrons.emplace_back(kDenseRows + index.size());
    // Order 0 keeps the seed's own sequence, so one order reproduces the
    // single-perceptron model.
    rngs.emplace_back(k == 0 ? options.seed : Mix64(options.seed + k));
    orders.emplace_back(docs.size());
    for (size_t d = 0; d < docs.size(); ++d) orders.back()[d] = d;
  }
  TrainResult result;
  std::string best_bytes;
  double best_f1 = -1;
  int stale = 0;
  for (int epoch = 1; epoch <= options.max_epochs; ++epoch) {
    long errors = 0, tokens = 0;
    for (int k = 0; k < num_orders; ++k) {
      RunEpoch(docs, &rngs[k], &orders[k], &perceptrons[k], &errors, &tokens);
    }
    if (!choose_on_dev) {
      if (log != nullptr) {
        *log << absl::StrFormat("epoch %2d: train token errors %.4f\n", epoch,
                                static_cast<double>(errors) / tokens);
      }
      if (epoch < options.max_epochs) continue;
    }
    Weights w;
    w.index = index;
    w.rows = perceptrons[0].Averaged();
    for (int k = 1; k < num_orders; ++k) {
      const std::vector<float> more = perceptrons[k].Averaged();
      for (size_t i = 0; i < more.size(); ++i) w.rows[i] += more[i];
    }
    if (num_orders > 1) {
      for (float& x : w.rows) x /= static_cast<float>(num_orders);
    }
    auto model = std::make_unique<NerModel>(lexicon, std::move(w), vocab);
    if (!choose_on_dev) {  // fixed epoch count: keep the last epoch
      result.best_epoch = epoch;
      result.model = std::move(model);
      break;
    }
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
