#include "common/io/data_path.h"

#include <unistd.h>

#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace newswire {
namespace {

bool IsReadableFile(const std::string& path) {
  return std::ifstream(path).good();
}

// The directory of the running executable, or "" if /proc does not say.
std::string BinaryDir() {
  std::string buf(4096, '\0');
  const ssize_t n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  if (n <= 0) return "";
  buf.resize(static_cast<size_t>(n));
  const size_t slash = buf.rfind('/');
  return slash == std::string::npos ? "" : buf.substr(0, slash);
}

}  // namespace

absl::StatusOr<std::string> FindDataFileFrom(const std::string& binary_dir,
                                             absl::string_view relative) {
  std::vector<std::string> tried;
  if (!binary_dir.empty()) {
    tried.push_back(absl::StrCat(binary_dir, "/../share/newswire/", relative));
    if (IsReadableFile(tried.back())) return tried.back();
    std::string dir = binary_dir;
    while (true) {
      tried.push_back(absl::StrCat(dir, "/", relative));
      if (IsReadableFile(tried.back())) return tried.back();
      const size_t slash = dir.rfind('/');
      if (slash == std::string::npos || dir.empty()) break;
      dir.resize(slash);  // "/a/b" -> "/a" -> "" (the root, tried last)
    }
  }
  return absl::NotFoundError(
      absl::StrCat("no ", relative, " found; looked at ",
                   tried.empty() ? "nothing (executable path unknown)"
                                 : absl::StrJoin(tried, ", ")));
}

absl::StatusOr<std::string> FindDataFile(absl::string_view relative) {
  return FindDataFileFrom(BinaryDir(), relative);
}

absl::StatusOr<std::string> ModelPathOrDefault(
    const std::string& path, absl::string_view default_relative) {
  if (!path.empty()) return path;
  return FindDataFile(default_relative);
}

}  // namespace newswire
