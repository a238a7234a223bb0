// Where the files newswire ships (the trained models) are found when no path
// is given: the one rule every service, the CLI, the tests and the benchmarks
// use.
//
// For a path `relative` to the project's data ("models/ner/ner.model"), with
// BIN the directory of the running executable (/proc/self/exe):
//   1. the install's share directory: BIN/../share/newswire/<relative>
//      (/usr/local/bin/newswire-enrich ->
//      /usr/local/share/newswire/models/ner/ner.model);
//   2. else the nearest directory above BIN holding <relative>: a binary in a
//      build tree (build/bin/newswire, build/services/enrich/ner/some_test)
//      finds the source tree's committed models/.
// The working directory plays no part, so a service finds the same file
// wherever it is started from.
//
// Example:
//   ASSIGN_OR_RETURN(std::string path, FindDataFile("models/ner/ner.model"));
//
// Errors: NotFound naming every place looked at. Thread-safety: a pure
// function of the file system.
#ifndef NEWSWIRE_COMMON_IO_DATA_PATH_H_
#define NEWSWIRE_COMMON_IO_DATA_PATH_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newswire {

// The path of the shipped file `relative` (see above).
[[nodiscard]] absl::StatusOr<std::string> FindDataFile(
    absl::string_view relative);

// FindDataFile with the executable's directory given, for tests.
[[nodiscard]] absl::StatusOr<std::string> FindDataFileFrom(
    const std::string& binary_dir, absl::string_view relative);

// `path` when it is not empty, else FindDataFile(default_relative): how a
// --*_model flag becomes the file to load. The caller still reports a
// missing or unreadable file when it opens it.
[[nodiscard]] absl::StatusOr<std::string> ModelPathOrDefault(
    const std::string& path, absl::string_view default_relative);

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_IO_DATA_PATH_H_
