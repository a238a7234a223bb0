#include "services/enrich/sentiment/sentiment_cli.h"

#include <cstdio>
#include <iostream>

#include "absl/flags/flag.h"
#include "newswire/v1/wire.pb.h"
#include "services/enrich/sentiment/sentiment_model.h"

ABSL_FLAG(std::string, sentiment_model, "",
          "sentiment model file (empty: built-in)");

namespace newswire::sentiment {

int RunSentimentCommand(const std::vector<std::string>& args) {
  auto model = SentimentModel::Load(absl::GetFlag(FLAGS_sentiment_model));
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    v1::Sentiment s = (*model)->ScoreDocument("", line);
    std::printf("%.4f\t%s\n", s.score(),
                v1::SentimentLabel_Name(s.label()).c_str());
  }
  return 0;
}

int RunTrainSentimentCommand(const std::vector<std::string>& args) {
  std::fprintf(stderr, "train-sentiment: no trainer built in yet\n");
  return 1;
}

}  // namespace newswire::sentiment
