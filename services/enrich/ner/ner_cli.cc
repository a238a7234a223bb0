#include "services/enrich/ner/ner_cli.h"

#include <cstdio>
#include <fstream>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/io/data_path.h"
#include "services/enrich/enrich_flags.h"
#include "services/enrich/ner/conll.h"
#include "services/enrich/ner/entity_tagger.h"
#include "services/enrich/ner/ner_model.h"
#include "services/enrich/ner/trainer.h"

ABSL_FLAG(std::string, conll, "", "CoNLL file to tag (newswire tag)");
ABSL_FLAG(bool, ner_eval, false,
          "newswire tag: print exact-span P/R/F1 per type against the "
          "file's own tags to stderr");
ABSL_FLAG(std::string, ner_train, "", "train-ner: CoNLL training file");
ABSL_FLAG(std::string, ner_dev, "",
          "train-ner: CoNLL dev file (chooses the epoch); 'none' to train "
          "exactly --ner_epochs epochs and keep the last");
ABSL_FLAG(std::string, ner_out, "models/ner/ner.model",
          "train-ner: where to write the model");
ABSL_FLAG(uint64_t, ner_seed, 1, "train-ner: shuffling seed");
ABSL_FLAG(int, ner_orders, 3,
          "train-ner: perceptrons trained side by side on different "
          "shuffled document orders, their weights averaged into one model "
          "(1 = a single averaged perceptron)");
ABSL_FLAG(int, ner_epochs, 25, "train-ner: maximum epochs");
ABSL_FLAG(int, ner_min_count, 2,
          "train-ner: drop features seen fewer times in training");
ABSL_FLAG(std::string, ner_gazetteer, "services/enrich/linking/gazetteer.tsv",
          "train-ner: gazetteer TSV whose names become features");
ABSL_FLAG(std::string, ner_unlabeled, "../shared/data/newsmtsc/rw/train.jsonl",
          "train-ner: comma-separated unlabeled text (CoNLL or .jsonl) for "
          "word clusters, besides the training tokens; 'none' for no "
          "clusters");
ABSL_FLAG(std::string, ner_embeddings, "build/ner-embeddings/glove-6b-100d.txt",
          "train-ner: pre-trained word vectors (`word v1 .. vD` lines, most "
          "frequent first; scripts/ner_embeddings.sh fetches them) clustered "
          "into word-class features; 'none' for none");
ABSL_FLAG(int, ner_embedding_words, 200000,
          "train-ner: how many of the most frequent vector words get a class");
ABSL_FLAG(int, ner_embedding_coarse, 64,
          "train-ner: coarse embedding classes (at most 128)");
ABSL_FLAG(int, ner_embedding_fine, 512,
          "train-ner: fine embedding classes (at most 512)");
ABSL_FLAG(std::string, ner_cues, "services/enrich/ner/lexicons/cues.tsv",
          "train-ner: cue-word list (first names, org/loc head words)");

namespace newswire::ner {

int RunTagCommand(const std::vector<std::string>& args) {
  std::string path = absl::GetFlag(FLAGS_conll);
  if (path.empty() && !args.empty()) path = args[0];
  if (path.empty()) {
    std::fprintf(stderr, "usage: newswire tag --conll FILE [--ner_eval]\n");
    return 2;
  }
  auto docs = ReadConll(path);
  if (!docs.ok()) {
    std::fprintf(stderr, "%s\n", docs.status().ToString().c_str());
    return 1;
  }
  absl::StatusOr<std::string> model_path =
      ModelPathOrDefault(absl::GetFlag(FLAGS_ner_model), kDefaultNerModel);
  if (!model_path.ok()) {
    std::fprintf(stderr, "%s\n", model_path.status().ToString().c_str());
    return 1;
  }
  auto model = NerModel::Load(*model_path);
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  std::vector<std::vector<std::string>> predicted;
  SpanScorer scorer = EvaluateConll(**model, *docs, &predicted);
  // Prints the documents back in CoNLL form with the tag appended.
  size_t k = 0;
  std::string out;
  for (const ConllDocument& doc : *docs) {
    out += "-DOCSTART- -X- -X- O O\n\n";
    for (const ConllSentence& s : doc.sentences) {
      for (size_t i = 0; i < s.lines.size(); ++i) {
        absl::StrAppend(&out, s.lines[i], " ", predicted[k][i], "\n");
      }
      out += "\n";
      ++k;
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
  }
  if (absl::GetFlag(FLAGS_ner_eval)) {
    std::fprintf(stderr, "%s", scorer.Report().c_str());
  }
  return 0;
}

int RunTrainNerCommand(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::fprintf(stderr, "newswire train-ner takes flags only, not '%s'\n",
                 args[0].c_str());
    return 2;
  }
  TrainOptions opt;
  opt.train_path = absl::GetFlag(FLAGS_ner_train);
  opt.dev_path = absl::GetFlag(FLAGS_ner_dev);
  const bool fixed_epochs = opt.dev_path == "none";
  if (fixed_epochs) opt.dev_path.clear();
  opt.seed = absl::GetFlag(FLAGS_ner_seed);
  opt.max_epochs = absl::GetFlag(FLAGS_ner_epochs);
  opt.min_feature_count = absl::GetFlag(FLAGS_ner_min_count);
  opt.orders = absl::GetFlag(FLAGS_ner_orders);
  opt.gazetteer_path = absl::GetFlag(FLAGS_ner_gazetteer);
  opt.cues_path = absl::GetFlag(FLAGS_ner_cues);
  const std::string unlabeled = absl::GetFlag(FLAGS_ner_unlabeled);
  if (unlabeled == "none") {
    opt.use_clusters = false;
  } else {
    opt.unlabeled_paths = absl::StrSplit(unlabeled, ',', absl::SkipEmpty());
  }
  const std::string embeddings = absl::GetFlag(FLAGS_ner_embeddings);
  if (embeddings != "none") opt.embeddings_path = embeddings;
  opt.embedding_words = absl::GetFlag(FLAGS_ner_embedding_words);
  opt.embedding_coarse = absl::GetFlag(FLAGS_ner_embedding_coarse);
  opt.embedding_fine = absl::GetFlag(FLAGS_ner_embedding_fine);
  if (opt.train_path.empty() || (opt.dev_path.empty() && !fixed_epochs)) {
    std::fprintf(stderr,
                 "usage: newswire train-ner --ner_train FILE --ner_dev "
                 "FILE|none [--ner_out FILE] [--ner_seed N] [--ner_epochs N] "
                 "[--ner_orders N]\n");
    return 2;
  }
  auto result = TrainNer(opt, &std::cerr);
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().ToString().c_str());
    return 1;
  }
  const std::string out_path = absl::GetFlag(FLAGS_ner_out);
  std::string bytes = result->model->Serialize();
  std::ofstream out(out_path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.good()) {
    std::fprintf(stderr, "cannot write %s\n", out_path.c_str());
    return 1;
  }
  std::cerr << (fixed_epochs ? "last epoch " : "best epoch ")
            << result->best_epoch << ", " << bytes.size()
            << " bytes written to " << out_path << "\n";
  if (!fixed_epochs) std::cerr << "dev:\n" << result->dev.Report();
  return 0;
}

}  // namespace newswire::ner
