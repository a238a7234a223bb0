// The subcommands of the `newswire` CLI. Each takes the positional arguments
// after its name (flags are absl flags, already parsed) and returns a
// process exit code: 0 success, 1 failure, 2 usage error.
#ifndef NEWSWIRE_SERVICES_CLI_COMMANDS_H_
#define NEWSWIRE_SERVICES_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace newswire::cli {

// process FILE...: the whole chain in-process; one EnrichedArticle JSON a
// line on stdout, errors and a summary on stderr.
int RunProcessCommand(const std::vector<std::string>& args);

// publish [FILE...|-]: each file (or stdin) as one RawWire to wire.raw.
int RunPublishCommand(const std::vector<std::string>& args);

// tail TOPIC: decodes the topic's records to JSON lines.
int RunTailCommand(const std::vector<std::string>& args);

// Reads a whole file. Returns false (and prints why) on failure.
bool ReadFile(const std::string& path, std::string* out);

}  // namespace newswire::cli

#endif  // NEWSWIRE_SERVICES_CLI_COMMANDS_H_
