#include "common/io/file.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace newswire {

absl::StatusOr<std::string> ReadFileToString(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  // A regular file is read in one call into a string of its size (the
  // models are megabytes); a pipe or other stream that cannot seek is
  // copied through a string stream.
  std::streambuf* buf = in.rdbuf();
  const std::streamoff size = buf->pubseekoff(0, std::ios::end, std::ios::in);
  if (size >= 0 && buf->pubseekoff(0, std::ios::beg, std::ios::in) == 0) {
    std::string bytes(static_cast<size_t>(size), '\0');
    if (buf->sgetn(bytes.data(), size) != size) {
      return absl::DataLossError(absl::StrCat("cannot read ", path));
    }
    return bytes;
  }
  std::ostringstream bytes;
  bytes << buf;
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return bytes.str();
}

}  // namespace newswire
