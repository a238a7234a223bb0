// Averaged-perceptron training of the NER tagger from CoNLL-2003 files.
//
// Trains greedy left-to-right BILOU decoding with the model's own earlier
// predictions as label history (so training sees what tagging sees),
// averages the weights, evaluates on the dev file after every epoch and
// keeps the epoch with the best dev F1 (dev is used for this choice only).
// Document order is shuffled each epoch by a seeded generator of our own,
// so a seed gives a byte-identical model. With orders > 1, that many
// perceptrons train side by side, each on its own shuffled order, and the
// model is the mean of their averaged weights: a cheap ensemble with the
// size and tagging speed of a single model.
//
// Example:
//   TrainOptions opt;
//   opt.train_path = "../shared/data/conll2003/train.txt";
//   opt.dev_path = "../shared/data/conll2003/dev.txt";
//   ASSIGN_OR_RETURN(TrainResult r, TrainNer(opt, &std::cerr));
//   RETURN_IF_ERROR(WriteFile(out, r.model->Serialize()));
//
// Threading: single-threaded. Errors: file and format errors of the inputs.
#ifndef NEWSWIRE_SERVICES_ENRICH_NER_TRAINER_H_
#define NEWSWIRE_SERVICES_ENRICH_NER_TRAINER_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/enrich/ner/conll.h"
#include "services/enrich/ner/ner_model.h"

namespace newswire::ner {

struct TrainOptions {
  std::string train_path;
  // Empty: no dev selection; train exactly max_epochs epochs and keep the
  // last (used by cross-validation, whose held-out fold must not choose).
  std::string dev_path;
  std::string gazetteer_path = "services/enrich/linking/gazetteer.tsv";
  std::string cues_path = "services/enrich/ner/lexicons/cues.tsv";
  int max_epochs = 25;
  int patience = 6;  // stop after this many epochs without dev gain
  uint64_t seed = 1;
  int min_feature_count = 2;  // drop features seen fewer times in training
  // Perceptrons trained side by side, each on its own shuffled document
  // order; the model is the mean of their averaged weights (same size and
  // speed as one). Training time grows linearly.
  int orders = 1;
  // Unlabeled text for word clusters, besides the training tokens: CoNLL
  // files (first column) or JSON lines with a "sentence_normalized" field
  // (NewsMTSC). Empty: clusters from the training tokens only; set
  // use_clusters = false for none.
  std::vector<std::string> unlabeled_paths;
  bool use_clusters = true;
  // Pre-trained word vectors clustered into word classes
  // (BuildEmbeddingClusters); empty: none.
  std::string embeddings_path;
  int embedding_words = 200000;
  int embedding_coarse = 64;
  int embedding_fine = 512;
};

// Reads sentences for clustering: CoNLL files by their tokens, *.jsonl by
// the tokenized "sentence_normalized" strings. NotFound for a missing file.
absl::StatusOr<std::vector<std::vector<std::string>>> ReadUnlabeled(
    const std::string& path);

struct TrainResult {
  std::unique_ptr<NerModel> model;
  int best_epoch = 0;
  SpanScorer dev;
};

absl::StatusOr<TrainResult> TrainNer(const TrainOptions& options,
                                     std::ostream* log);

// Tags every document with `model` and scores it against the gold tags.
// If predicted_iob1 is non-null it receives IOB1 tags per sentence.
SpanScorer EvaluateConll(
    const NerModel& model, const std::vector<ConllDocument>& docs,
    std::vector<std::vector<std::string>>* predicted_iob1 = nullptr);

}  // namespace newswire::ner

#endif  // NEWSWIRE_SERVICES_ENRICH_NER_TRAINER_H_
