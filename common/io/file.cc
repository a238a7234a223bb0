#include "common/io/file.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace newswire {

absl::StatusOr<std::string> ReadFileToString(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return bytes.str();
}

}  // namespace newswire
