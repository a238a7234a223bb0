// newswire: the command-line front door to the pipeline.
#include <cstdio>
#include <string>
#include <vector>

#include "common/config/flags.h"
#include "services/cli/commands.h"
#include "services/enrich/ner/ner_cli.h"
#include "services/enrich/sentiment/sentiment_cli.h"

namespace {

constexpr char kUsage[] =
    "newswire <command> [flags] [args]\n"
    "\n"
    "commands:\n"
    "  process FILE...      run ingest, dedup and enrich in-process (no "
    "Kafka)\n"
    "                       and print one EnrichedArticle JSON a line\n"
    "                       (--subscriptions FILE: add matchedSubscriptions)\n"
    "  publish [FILE...|-]  publish wire copy to wire.raw\n"
    "  tail TOPIC           print a topic's records as JSON lines\n"
    "  tail --subscription NAME   the same for wire.sub.NAME\n"
    "                       (--from_beginning, --max N, --idle_timeout 10s,\n"
    "                       --to_end)\n"
    "  tag --conll FILE     append the predicted NER tag to each CoNLL line\n"
    "  train-ner            train the NER model from CoNLL files\n"
    "  sentiment            score one text a line from stdin\n"
    "  train-sentiment      train the sentiment model\n"
    "\n"
    "Every flag may also be set as NEWSWIRE_<FLAG> in the environment.\n"
    "Run 'newswire --helpfull' for all flags.";

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> positional =
      newswire::ParseFlagsWithEnv(argc, argv, kUsage);
  if (positional.size() < 2) {
    std::fprintf(stderr, "%s\n", kUsage);
    return 2;
  }
  const std::string command = positional[1];
  std::vector<std::string> args(positional.begin() + 2, positional.end());
  if (command == "process") return newswire::cli::RunProcessCommand(args);
  if (command == "publish") return newswire::cli::RunPublishCommand(args);
  if (command == "tail") return newswire::cli::RunTailCommand(args);
  if (command == "tag") return newswire::ner::RunTagCommand(args);
  if (command == "train-ner") return newswire::ner::RunTrainNerCommand(args);
  if (command == "sentiment") {
    return newswire::sentiment::RunSentimentCommand(args);
  }
  if (command == "train-sentiment") {
    return newswire::sentiment::RunTrainSentimentCommand(args);
  }
  std::fprintf(stderr, "unknown command '%s'\n\n%s\n", command.c_str(), kUsage);
  return 2;
}
