#include "services/enrich/sentiment/train_command.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "services/enrich/sentiment/trainer.h"

ABSL_FLAG(std::string, sentiment_data, "../shared/data",
          "train-sentiment: folder holding newsmtsc/ and lexicons/");
ABSL_FLAG(std::string, sentiment_train, "",
          "train-sentiment: comma-separated NewsMTSC JSON-lines files to train "
          "on (empty: <sentiment_data>/newsmtsc/rw/train.jsonl)");
ABSL_FLAG(std::string, sentiment_eval, "",
          "train-sentiment: comma-separated name=file sets to score (empty: "
          "rw and mt dev.jsonl under <sentiment_data>/newsmtsc)");
ABSL_FLAG(int, sentiment_epochs, 0,
          "train-sentiment: if > 0, train exactly this many epochs with the "
          "single --sentiment_l2 value; the eval sets choose nothing");
ABSL_FLAG(std::string, sentiment_predictions, "",
          "train-sentiment: if set, write 'gold predicted' class lines of the "
          "trained model for each eval set to <this>.<name>");
ABSL_FLAG(std::string, sentiment_out, "models/sentiment/newsmtsc.nwsm",
          "train-sentiment: model file to write");
ABSL_FLAG(int, sentiment_max_epochs, 25,
          "train-sentiment: most epochs tried per L2 value");
ABSL_FLAG(std::string, sentiment_l2, "0.01,0.03,0.1,0.3",
          "train-sentiment: comma-separated L2 strengths to try");
ABSL_FLAG(double, sentiment_learning_rate, 0.003,
          "train-sentiment: AdaGrad learning rate");
ABSL_FLAG(uint64_t, sentiment_seed, 20210419,
          "train-sentiment: shuffling seed");
ABSL_FLAG(bool, sentiment_further_mentions, false,
          "train-sentiment: also learn from coreferent mentions (lowered "
          "dev macro-F1 when tried)");
ABSL_FLAG(bool, sentiment_average, true,
          "train-sentiment: keep the mean of the end-of-epoch weights");
ABSL_FLAG(int, sentiment_seeds, 1,
          "train-sentiment: average the weights of this many models trained "
          "with shuffling seeds seed, seed + 7919, ...");
ABSL_FLAG(int, sentiment_bias_folds, 5,
          "train-sentiment: if >= 2, tune per-class logit offsets for "
          "macro-F1 on out-of-fold scores of the training data (this many "
          "contiguous folds) and add them to the model; the eval sets choose "
          "nothing");
ABSL_FLAG(double, sentiment_bias_range, 1.0,
          "train-sentiment: largest class offset tried by the bias search");
ABSL_FLAG(std::string, sentiment_class_weights, "1,1,1",
          "train-sentiment: loss weights of negative, neutral and positive "
          "examples");
ABSL_FLAG(
    std::string, sentiment_vectors, "",
    "train-sentiment: GloVe 100-d word vectors (scripts/ner_embeddings.sh) "
    "for the mean context vector features; empty: none");
ABSL_FLAG(int, sentiment_vector_words, 30000,
          "train-sentiment: keep the vectors of this many most frequent words");
ABSL_FLAG(double, sentiment_prune, 1e-4,
          "train-sentiment: drop weight rows below this magnitude");

namespace newswire::sentiment {
namespace {

struct DevSet {
  std::string name;
  std::vector<Example> examples;
  std::vector<int> gold;
};

// Label of the rule-only sentence tone (the lexicon baseline of our own).
std::vector<int> ToneLabels(const std::vector<Example>& data) {
  std::vector<int> out;
  out.reserve(data.size());
  for (const Example& ex : data) {
    out.push_back(ex.tone <= -0.05f ? 0 : ex.tone >= 0.05f ? 2 : 1);
  }
  return out;
}

void PrintScores(const char* what, const DevSet& dev, const Scores& s) {
  std::printf(
      "%-22s %-3s macro-F1 %.4f  acc %.4f  F1 neg/neu/pos %.3f/%.3f/%.3f  "
      "(n=%zu)\n",
      what, dev.name.c_str(), s.macro_f1, s.accuracy, s.f1[0], s.f1[1], s.f1[2],
      s.n);
}

// Writes one "gold predicted" class pair a line.
absl::Status WritePredictions(const std::string& path,
                              const std::vector<int>& gold,
                              const std::vector<int>& predicted) {
  std::ofstream out(path);
  for (size_t k = 0; k < gold.size() && k < predicted.size(); ++k) {
    out << gold[k] << ' ' << predicted[k] << '\n';
  }
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

absl::Status Run() {
  const std::string data = absl::GetFlag(FLAGS_sentiment_data);
  Lexicon lexicon = Lexicon::BuiltIn();
  absl::Status s =
      lexicon.AddVader(absl::StrCat(data, "/lexicons/vader/vader_lexicon.txt"));
  if (!s.ok()) return s;
  s = lexicon.AddAfinn(absl::StrCat(data, "/lexicons/afinn/AFINN-en-165.txt"));
  if (!s.ok()) return s;
  lexicon.ApplyNewsOverrides();
  const std::string vectors_path = absl::GetFlag(FLAGS_sentiment_vectors);
  if (!vectors_path.empty()) {
    auto vectors = WordVectors::ReadText(
        vectors_path, static_cast<size_t>(std::max(
                          0, absl::GetFlag(FLAGS_sentiment_vector_words))));
    if (!vectors.ok()) return vectors.status();
    *lexicon.mutable_vectors() = std::move(*vectors);
    std::printf("word vectors: %zu words\n", lexicon.vectors().size());
  }

  std::string train_files = absl::GetFlag(FLAGS_sentiment_train);
  if (train_files.empty()) {
    train_files = absl::StrCat(data, "/newsmtsc/rw/train.jsonl");
  }
  std::vector<Example> train;
  for (absl::string_view path :
       absl::StrSplit(train_files, ',', absl::SkipEmpty())) {
    auto ex = ReadNewsMtsc(std::string(path), lexicon,
                           absl::GetFlag(FLAGS_sentiment_further_mentions));
    if (!ex.ok()) return ex.status();
    train.insert(train.end(), ex->begin(), ex->end());
  }
  std::string eval_sets = absl::GetFlag(FLAGS_sentiment_eval);
  if (eval_sets.empty()) {
    eval_sets = absl::StrCat("rw=", data, "/newsmtsc/rw/dev.jsonl,mt=", data,
                             "/newsmtsc/mt/dev.jsonl");
  }
  std::vector<DevSet> devs;
  for (absl::string_view item :
       absl::StrSplit(eval_sets, ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> named =
        absl::StrSplit(item, absl::MaxSplits('=', 1));
    if (named.second.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("eval set '", item, "' is not name=file"));
    }
    auto ex = ReadNewsMtsc(named.second, lexicon);
    if (!ex.ok()) return ex.status();
    DevSet d{named.first, std::move(*ex), {}};
    for (const Example& e : d.examples) d.gold.push_back(e.label);
    devs.push_back(std::move(d));
  }
  std::printf("train: %zu targets;", train.size());
  for (const DevSet& d : devs) {
    std::printf(" %s %zu", d.name.c_str(), d.examples.size());
  }
  std::printf("\n");
  for (const DevSet& d : devs) {
    PrintScores("rules-only tone", d,
                ScorePredictions(d.gold, ToneLabels(d.examples)));
  }

  std::vector<float> l2s;
  for (absl::string_view v :
       absl::StrSplit(absl::GetFlag(FLAGS_sentiment_l2), ',')) {
    float x = 0;
    if (!absl::SimpleAtof(v, &x)) {
      return absl::InvalidArgumentError(absl::StrCat("bad L2 value ", v));
    }
    l2s.push_back(x);
  }
  Logits class_weight{1, 1, 1};
  {
    const std::vector<absl::string_view> parts =
        absl::StrSplit(absl::GetFlag(FLAGS_sentiment_class_weights), ',');
    if (parts.size() != kNumClasses) {
      return absl::InvalidArgumentError(
          "--sentiment_class_weights needs 3 comma-separated values");
    }
    for (int c = 0; c < kNumClasses; ++c) {
      if (!absl::SimpleAtof(parts[c], &class_weight[c]) ||
          class_weight[c] <= 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("bad class weight ", parts[c]));
      }
    }
  }
  TrainOptions best_options;
  best_options.class_weight = class_weight;
  int best_epochs = 0;
  double best = -1;
  const int max_epochs = absl::GetFlag(FLAGS_sentiment_max_epochs);
  const bool averaged = absl::GetFlag(FLAGS_sentiment_average);
  const int fixed_epochs = absl::GetFlag(FLAGS_sentiment_epochs);
  if (fixed_epochs > 0) {
    if (l2s.size() != 1) {
      return absl::InvalidArgumentError(
          "--sentiment_epochs needs exactly one --sentiment_l2 value");
    }
    best_options.l2 = l2s[0];
    best_options.learning_rate =
        static_cast<float>(absl::GetFlag(FLAGS_sentiment_learning_rate));
    best_options.seed = absl::GetFlag(FLAGS_sentiment_seed);
    best_epochs = fixed_epochs;
    l2s.clear();  // no search: the eval sets choose nothing
  }
  for (float l2 : l2s) {
    TrainOptions opt;
    opt.l2 = l2;
    opt.class_weight = class_weight;
    opt.learning_rate =
        static_cast<float>(absl::GetFlag(FLAGS_sentiment_learning_rate));
    opt.seed = absl::GetFlag(FLAGS_sentiment_seed);
    auto weights = std::make_unique<LinearModel>();
    TrainState state;
    for (int epoch = 1; epoch <= max_epochs; ++epoch) {
      TrainEpochs(train, opt, 1, weights.get(), &state);
      // Selection criterion: mean macro-F1 of the two dev sets.
      double mean = 0;
      std::string line;
      for (const DevSet& d : devs) {
        const Scores sc = ScorePredictions(
            d.gold, Predict(averaged ? *state.average : *weights, d.examples));
        mean += sc.macro_f1 / devs.size();
        absl::StrAppend(&line, " ", d.name, " ", sc.macro_f1);
      }
      std::printf("l2=%g epoch=%d%s mean %.4f\n", l2, epoch, line.c_str(),
                  mean);
      if (mean > best) {
        best = mean;
        best_options = opt;
        best_epochs = epoch;
      }
    }
  }
  if (fixed_epochs > 0) {
    std::printf("fixed: l2=%g epochs=%d\n", best_options.l2, best_epochs);
  } else {
    std::printf("chosen: l2=%g epochs=%d (mean dev macro-F1 %.4f)\n",
                best_options.l2, best_epochs, best);
  }
  const int seeds = std::max(1, absl::GetFlag(FLAGS_sentiment_seeds));
  std::unique_ptr<LinearModel> weights =
      TrainAveraged(train, best_options, best_epochs, seeds, averaged);
  const int bias_folds = absl::GetFlag(FLAGS_sentiment_bias_folds);
  if (bias_folds >= 2) {
    const std::vector<Logits> oof = OutOfFoldLogits(
        train, best_options, best_epochs, seeds, averaged, bias_folds);
    std::vector<int> gold;
    gold.reserve(train.size());
    for (const Example& ex : train) gold.push_back(ex.label);
    const Logits bias = TuneClassBiases(
        oof, gold,
        static_cast<float>(absl::GetFlag(FLAGS_sentiment_bias_range)), 0.05f);
    const Logits zero{0, 0, 0};
    auto oof_f1 = [&](const Logits& b) {
      std::vector<int> predicted;
      predicted.reserve(oof.size());
      for (const Logits& l : oof) {
        float p[kNumClasses];
        for (int c = 0; c < kNumClasses; ++c) p[c] = l[c] + b[c];
        predicted.push_back(ArgMax(p));
      }
      return ScorePredictions(gold, predicted).macro_f1;
    };
    std::printf(
        "class offsets neg %+.2f pos %+.2f (train out-of-fold macro-F1 %.4f "
        "-> %.4f, %d folds)\n",
        bias[0], bias[2], oof_f1(zero), oof_f1(bias), bias_folds);
    AddClassBiases(bias, weights.get());
  }
  const std::string predictions = absl::GetFlag(FLAGS_sentiment_predictions);
  for (const DevSet& d : devs) {
    const std::vector<int> predicted = Predict(*weights, d.examples);
    PrintScores("trained model", d, ScorePredictions(d.gold, predicted));
    if (!predictions.empty()) {
      s = WritePredictions(absl::StrCat(predictions, ".", d.name), d.gold,
                           predicted);
      if (!s.ok()) return s;
    }
  }
  const std::string out = absl::GetFlag(FLAGS_sentiment_out);
  s = WriteModelFile(out, *weights, lexicon,
                     static_cast<float>(absl::GetFlag(FLAGS_sentiment_prune)));
  if (!s.ok()) return s;
  std::ifstream written(out, std::ios::binary | std::ios::ate);
  std::printf("wrote %s (%lld bytes)\n", out.c_str(),
              static_cast<long long>(written.tellg()));
  return absl::OkStatus();
}

}  // namespace

int RunTraining() {
  absl::Status s = Run();
  if (!s.ok()) {
    std::fprintf(stderr, "train-sentiment: %s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace newswire::sentiment
