// The subcommands of the `newswire` CLI. Each takes the positional arguments
// after its name (flags are absl flags, already parsed) and returns a
// process exit code: 0 success, 1 failure, 2 usage error.
#ifndef NEWSWIRE_SERVICES_CLI_COMMANDS_H_
#define NEWSWIRE_SERVICES_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace newswire::cli {

// process FILE|DIR...: the whole chain in-process; one EnrichedArticle JSON
// a line on stdout, errors and a summary on stderr. Directories are walked
// (inputs.h). Returns 1 when any input was rejected, unless
// --allow_rejected; 2 when an argument is not a file or directory.
int RunProcessCommand(const std::vector<std::string>& args);

// publish [FILE|DIR...|-]: each file (or stdin) as one RawWire to wire.raw.
// Every path is checked (2 if one is missing) before connecting; returns 1
// if any record failed.
int RunPublishCommand(const std::vector<std::string>& args);

// tail TOPIC: decodes the topic's records to JSON lines.
int RunTailCommand(const std::vector<std::string>& args);

// Reads a whole file. Returns false (and prints why) on failure.
bool ReadFile(const std::string& path, std::string* out);

}  // namespace newswire::cli

#endif  // NEWSWIRE_SERVICES_CLI_COMMANDS_H_
