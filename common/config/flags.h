// Command-line flags that can also be set from the environment.
//
// Every flag a newswire binary defines can be given as --name=value or as the
// environment variable NEWSWIRE_NAME (upper case), which suits Kubernetes
// ConfigMaps and Secrets. The command line wins over the environment.
// Flag names may be written with hyphens (--from-beginning) or underscores
// (--from_beginning); both mean the same flag.
//
// Example:
//   int main(int argc, char** argv) {
//     std::vector<char*> args = newswire::ParseFlagsWithEnv(
//         argc, argv, "newswire-ingest: wire.raw -> wire.articles");
//     ...
//   }
#ifndef NEWSWIRE_COMMON_CONFIG_FLAGS_H_
#define NEWSWIRE_COMMON_CONFIG_FLAGS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire {

// Returns the environment variable that sets flag `flag_name`:
// "NEWSWIRE_" + upper-case name ("brokers" -> "NEWSWIRE_BROKERS").
std::string EnvVarForFlag(absl::string_view flag_name);

// Returns `arg` with hyphens in a --flag name turned into underscores
// ("--from-beginning=x" -> "--from_beginning=x"); other arguments unchanged.
std::string NormalizeFlagArg(absl::string_view arg);

// Applies NEWSWIRE_* environment variables to the matching flags, then parses
// the command line (which overrides them). Exits with a clear message when a
// value does not parse. Returns the positional arguments (argv[0] first).
std::vector<char*> ParseFlagsWithEnv(int argc, char** argv,
                                     absl::string_view usage);

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_CONFIG_FLAGS_H_
