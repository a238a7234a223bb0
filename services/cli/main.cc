// newswire: the command-line front door to the pipeline.
//
// Each subcommand is one entry of Commands(): its arguments, what it does,
// the flags it reads and the function that runs it. `newswire help CMD` and
// `newswire CMD --help` print that entry, with each flag's help text and
// default taken from the flag itself.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "common/config/flags.h"
#include "services/cli/commands.h"
#include "services/enrich/ner/ner_cli.h"
#include "services/enrich/sentiment/sentiment_cli.h"

namespace {

// Flags that say how to reach and authenticate to the cluster.
const std::vector<const char*> kKafkaFlags = {
    "brokers",
    "security_protocol",
    "sasl_mechanism",
    "sasl_username",
    "sasl_password_file",
    "ssl_ca_location",
    "ssl_certificate_location",
    "ssl_key_location",
    "ssl_key_password_file",
    "ssl_endpoint_identification",
    "connect_timeout",
    "client_id",
    "kafka_property",
    "topic_prefix",
};

struct Command {
  const char* name;
  const char* args;
  const char* summary;
  std::vector<const char*> flags;
  bool kafka;  // also reads kKafkaFlags
  int (*run)(const std::vector<std::string>& args);
};

const std::vector<Command>& Commands() {
  static const auto* commands = new std::vector<Command>{
      {"process",
       "FILE|DIR...",
       "run ingest, dedup and enrich in-process (no Kafka) and print one "
       "EnrichedArticle JSON a line; directories are walked (sorted, "
       "dotfiles and README skipped); exits 1 if any input was rejected; "
       "--subscriptions FILE adds matchedSubscriptions",
       {"allow_rejected", "subscriptions", "source", "ner_model", "gazetteer",
        "sentiment_model", "max_record_bytes", "max_nesting_depth",
        "max_articles_per_record", "window_hours", "max_documents",
        "near_containment", "update_containment", "min_jaccard",
        "max_missing_keys"},
       false,
       newswire::cli::RunProcessCommand},
      {"publish",
       "[FILE|DIR...|-]",
       "publish each file (or stdin) as one RawWire to wire.raw, keyed by "
       "its payload fingerprint; directories are walked like process",
       {"topic", "format", "source"},
       true,
       newswire::cli::RunPublishCommand},
      {"tail",
       "TOPIC | --subscription NAME",
       "print a topic's records as JSON lines (the record type follows the "
       "topic name); --subscription NAME reads wire.sub.NAME",
       {"subscription", "from_beginning", "max", "idle_timeout", "to_end"},
       true,
       newswire::cli::RunTailCommand},
      {"tag",
       "--conll FILE",
       "append the predicted NER tag to each CoNLL line",
       {"conll", "ner_model", "ner_eval"},
       false,
       newswire::ner::RunTagCommand},
      {"train-ner",
       "",
       "train the NER model from CoNLL files",
       {"ner_train", "ner_dev", "ner_out", "ner_seed", "ner_epochs",
        "ner_min_count", "ner_gazetteer", "ner_unlabeled", "ner_cues"},
       false,
       newswire::ner::RunTrainNerCommand},
      {"sentiment",
       "",
       "score one text a line from stdin",
       {"sentiment_model", "target"},
       false,
       newswire::sentiment::RunSentimentCommand},
      {"train-sentiment",
       "",
       "train the sentiment model",
       {"sentiment_data", "sentiment_out", "sentiment_max_epochs",
        "sentiment_l2", "sentiment_learning_rate", "sentiment_seed",
        "sentiment_further_mentions", "sentiment_average", "sentiment_prune"},
       false,
       newswire::sentiment::RunTrainSentimentCommand},
  };
  return *commands;
}

const Command* FindCommand(const std::string& name) {
  for (const Command& c : Commands()) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

std::string Usage() {
  std::string out = "usage: newswire <command> [flags] [args]\n\ncommands:\n";
  for (const Command& c : Commands()) {
    absl::StrAppend(&out, "  ", c.name, " ", c.args, "\n      ", c.summary,
                    "\n");
  }
  absl::StrAppend(&out,
                  "\n'newswire help COMMAND' or 'newswire COMMAND --help' "
                  "lists a command's flags.\n"
                  "Every flag may also be set as NEWSWIRE_<FLAG> in the "
                  "environment.\n");
  return out;
}

void AppendFlags(const std::vector<const char*>& names, std::string* out) {
  for (const char* name : names) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr) {
      absl::StrAppend(out, "  --", name, " (unknown flag)\n");
      continue;
    }
    const std::string value = flag->DefaultValue();
    absl::StrAppend(out, "  --", name, "  ", flag->Help(),
                    "\n      default: ", value.empty() ? "\"\"" : value, "\n");
  }
}

std::string CommandHelp(const Command& c) {
  std::string out = absl::StrCat("usage: newswire ", c.name, " [flags] ",
                                 c.args, "\n\n", c.summary, "\n");
  if (!c.flags.empty()) {
    absl::StrAppend(&out, "\nflags:\n");
    AppendFlags(c.flags, &out);
  }
  if (c.kafka) {
    absl::StrAppend(&out, "\nKafka connection flags:\n");
    AppendFlags(kKafkaFlags, &out);
  }
  absl::StrAppend(&out,
                  "\nEvery flag may also be set as NEWSWIRE_<FLAG> in the "
                  "environment.\n");
  return out;
}

bool IsHelpFlag(const char* arg) {
  return std::strcmp(arg, "--help") == 0 || std::strcmp(arg, "-help") == 0 ||
         std::strcmp(arg, "-h") == 0 || std::strcmp(arg, "--helpshort") == 0;
}

// `newswire [CMD] --help` before absl sees it: absl would list every flag
// of the binary. Returns -1 when no help was asked for.
int MaybeHelp(int argc, char** argv) {
  bool help = false;
  const Command* command = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) break;
    if (IsHelpFlag(argv[i])) help = true;
    if (command == nullptr && argv[i][0] != '-') command = FindCommand(argv[i]);
  }
  if (!help) return -1;
  std::fputs(
      command != nullptr ? CommandHelp(*command).c_str() : Usage().c_str(),
      stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (int code = MaybeHelp(argc, argv); code >= 0) return code;
  const std::string usage = Usage();
  std::vector<char*> positional =
      newswire::ParseFlagsWithEnv(argc, argv, usage);
  if (positional.size() < 2) {
    std::fprintf(stderr, "%s", usage.c_str());
    return 2;
  }
  const std::string name = positional[1];
  std::vector<std::string> args(positional.begin() + 2, positional.end());
  if (name == "help") {
    if (args.empty()) {
      std::fputs(usage.c_str(), stdout);
      return 0;
    }
    const Command* command = FindCommand(args[0]);
    if (command == nullptr) {
      std::fprintf(stderr, "unknown command '%s'\n\n%s", args[0].c_str(),
                   usage.c_str());
      return 2;
    }
    std::fputs(CommandHelp(*command).c_str(), stdout);
    return 0;
  }
  const Command* command = FindCommand(name);
  if (command == nullptr) {
    std::fprintf(stderr, "unknown command '%s'\n\n%s", name.c_str(),
                 usage.c_str());
    return 2;
  }
  return command->run(args);
}
