#include "services/cli/inputs.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace newswire::cli {
namespace {

namespace fs = std::filesystem;

bool Skipped(const std::string& name) {
  return absl::StartsWith(name, ".") || absl::StartsWith(name, "README");
}

// Appends the files under `dir`, sorted, recursing into subdirectories.
absl::Status Walk(const fs::path& dir, std::vector<std::string>* out) {
  std::error_code ec;
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (!Skipped(it->path().filename().string())) {
      entries.push_back(it->path());
    }
  }
  if (ec) {
    return absl::NotFoundError(
        absl::StrCat("cannot list ", dir.string(), ": ", ec.message()));
  }
  std::sort(entries.begin(), entries.end());
  for (const fs::path& entry : entries) {
    if (fs::is_directory(entry, ec)) {
      if (absl::Status s = Walk(entry, out); !s.ok()) return s;
    } else if (fs::is_regular_file(entry, ec)) {
      out->push_back(entry.string());
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ExpandInputs(
    const std::vector<std::string>& args) {
  std::vector<std::string> files;
  for (const std::string& arg : args) {
    if (arg == "-") {
      files.push_back(arg);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (!fs::exists(st)) {
      return absl::NotFoundError(
          absl::StrCat(arg, ": no such file or directory"));
    }
    if (fs::is_regular_file(st)) {
      files.push_back(arg);
    } else if (fs::is_directory(st)) {
      const size_t before = files.size();
      if (absl::Status s = Walk(arg, &files); !s.ok()) return s;
      if (files.size() == before) {
        return absl::InvalidArgumentError(
            absl::StrCat(arg, ": directory holds no input file"));
      }
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(arg, ": neither a file nor a directory"));
    }
  }
  return files;
}

}  // namespace newswire::cli
