// Reading a whole file, the one way the project does it.
//
// Example:
//   ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(path));
//
// Errors: NotFound ("cannot open <path>") when the file cannot be opened,
// DataLoss when reading it fails part way. Thread-safety: a pure function.
#ifndef NEWSWIRE_COMMON_IO_FILE_H_
#define NEWSWIRE_COMMON_IO_FILE_H_

#include <string>

#include "absl/status/statusor.h"

namespace newswire {

// Returns the bytes of the file at `path`.
[[nodiscard]] absl::StatusOr<std::string> ReadFileToString(
    const std::string& path);

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_IO_FILE_H_
