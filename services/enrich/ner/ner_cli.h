// `newswire tag` and `newswire train-ner`: command-line front doors to the
// tagger. Flags are absl flags defined in ner_cli.cc (parsed by the CLI's
// main); `args` are the positional arguments after the subcommand.
#ifndef NEWSWIRE_SERVICES_ENRICH_NER_NER_CLI_H_
#define NEWSWIRE_SERVICES_ENRICH_NER_NER_CLI_H_

#include <string>
#include <vector>

namespace newswire::ner {

// `newswire tag --conll FILE`: prints each CoNLL line with the predicted tag
// appended as the last column. Returns a process exit code.
int RunTagCommand(const std::vector<std::string>& args);

// `newswire train-ner`: trains a model from CoNLL files. Returns an exit code
// (2 for a positional argument: it takes flags only).
int RunTrainNerCommand(const std::vector<std::string>& args);

}  // namespace newswire::ner

#endif  // NEWSWIRE_SERVICES_ENRICH_NER_NER_CLI_H_
