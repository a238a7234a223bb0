#include "services/ingest/testing/fixtures.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/io/file.h"
#include "gtest/gtest.h"

namespace newswire::ingest::testing {

std::string FixturePath(absl::string_view relative) {
  return absl::StrCat("services/ingest/testdata/", relative);
}

std::string ReadFile(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadFileToString(path);
  if (!bytes.ok()) {
    ADD_FAILURE() << bytes.status().message()
                  << " (tests run from the repository root)";
    return std::string();
  }
  return *std::move(bytes);
}

std::string ReadFixture(absl::string_view relative) {
  return ReadFile(FixturePath(relative));
}

std::vector<std::string> ListDir(const std::string& path) {
  std::vector<std::string> names;
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) return names;
  while (struct dirent* e = ::readdir(dir)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

bool IsDirectory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace newswire::ingest::testing
