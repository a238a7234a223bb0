// The files a CLI command reads: its positional arguments with each
// directory replaced by the files under it.
//
// A directory is walked recursively in sorted (byte-wise) order; names that
// start with '.' (dotfiles, .git) and README files are skipped. "-" (stdin)
// passes through. Every other argument must be a readable regular file.
//
// Example:
//   ASSIGN_OR_RETURN(std::vector<std::string> files,
//                    ExpandInputs({"testdata/sample_feed", "extra.xml"}));
#ifndef NEWSWIRE_SERVICES_CLI_INPUTS_H_
#define NEWSWIRE_SERVICES_CLI_INPUTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace newswire::cli {

// Returns the files in argument order (each directory's files in its place).
// Errors: NotFound naming the first argument that does not exist,
// InvalidArgument for one that is neither a file nor a directory (a device,
// a socket), or a directory that holds no file.
absl::StatusOr<std::vector<std::string>> ExpandInputs(
    const std::vector<std::string>& args);

}  // namespace newswire::cli

#endif  // NEWSWIRE_SERVICES_CLI_INPUTS_H_
