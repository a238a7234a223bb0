// sentiment_newsmtsc: the NewsMTSC side of `make bench-sentiment` and a
// training front door that does not need the whole newswire binary.
//
//   sentiment_newsmtsc train [--sentiment_* flags]   same as train-sentiment
//   sentiment_newsmtsc eval  [--sentiment_model=F] [--sentiment_data=D]
//       prints "<set> <macro-F1> <accuracy> <F1 neg> <F1 neu> <F1 pos> <n>"
//       for rw and mt dev, for the model and (as rules-<set>) for the
//       rule-based sentence tone alone
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "common/io/data_path.h"
#include "services/enrich/sentiment/linear_model.h"
#include "services/enrich/sentiment/sentiment_model.h"
#include "services/enrich/sentiment/train_command.h"
#include "services/enrich/sentiment/trainer.h"

ABSL_DECLARE_FLAG(std::string, sentiment_model);
ABSL_DECLARE_FLAG(std::string, sentiment_data);

namespace newswire::sentiment {
namespace {

int Eval() {
  absl::StatusOr<std::string> path = ModelPathOrDefault(
      absl::GetFlag(FLAGS_sentiment_model), kDefaultSentimentModel);
  if (!path.ok()) {
    std::fprintf(stderr, "%s\n", path.status().ToString().c_str());
    return 1;
  }
  LinearModel weights;
  Lexicon lexicon = Lexicon::BuiltIn();
  absl::Status s = ReadModelFile(*path, &weights, &lexicon);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  for (const char* set : {"rw", "mt"}) {
    auto dev = ReadNewsMtsc(absl::StrCat(absl::GetFlag(FLAGS_sentiment_data),
                                         "/newsmtsc/", set, "/dev.jsonl"),
                            lexicon);
    if (!dev.ok()) {
      std::fprintf(stderr, "%s\n", dev.status().ToString().c_str());
      return 1;
    }
    std::vector<int> gold;
    for (const Example& ex : *dev) gold.push_back(ex.label);
    std::vector<int> rules;
    for (const Example& ex : *dev) {
      rules.push_back(ex.tone <= -0.05f ? 0 : ex.tone >= 0.05f ? 2 : 1);
    }
    for (const auto& [name, predicted] :
         {std::make_pair(std::string(set), Predict(weights, *dev)),
          std::make_pair(absl::StrCat("rules-", set), rules)}) {
      const Scores sc = ScorePredictions(gold, predicted);
      std::printf("%s %.4f %.4f %.3f %.3f %.3f %zu\n", name.c_str(),
                  sc.macro_f1, sc.accuracy, sc.f1[0], sc.f1[1], sc.f1[2], sc.n);
    }
  }
  return 0;
}

}  // namespace
}  // namespace newswire::sentiment

int main(int argc, char** argv) {
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  const std::string cmd = args.size() > 1 ? args[1] : "";
  if (cmd == "train") return newswire::sentiment::RunTraining();
  if (cmd == "eval") return newswire::sentiment::Eval();
  std::fprintf(stderr, "usage: sentiment_newsmtsc train|eval [flags]\n");
  return 2;
}
