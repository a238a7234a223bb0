// `newswire sentiment` (and `newswire train-sentiment`): command-line front
// doors to the sentiment model. Flags are absl flags defined in
// sentiment_cli.cc; `args` are the positional arguments after the subcommand.
#ifndef NEWSWIRE_SERVICES_ENRICH_SENTIMENT_SENTIMENT_CLI_H_
#define NEWSWIRE_SERVICES_ENRICH_SENTIMENT_SENTIMENT_CLI_H_

#include <string>
#include <vector>

namespace newswire::sentiment {

// Reads one text a line on stdin (or JSON lines with text/begin/end, or
// --target BEGIN:END) and prints a score and label a line. Exit code (2 for a
// positional argument).
int RunSentimentCommand(const std::vector<std::string>& args);

// Trains the model from NewsMTSC files. Exit code (2 for a positional
// argument).
int RunTrainSentimentCommand(const std::vector<std::string>& args);

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_SENTIMENT_CLI_H_
