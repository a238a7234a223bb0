#include "services/ingest/drop_folder.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/io/file.h"
#include "common/log/log.h"

namespace newswire::ingest {
namespace {

std::string ErrnoText() { return std::strerror(errno); }

bool IsPartialName(const std::string& name) {
  return name.empty() || name[0] == '.' || absl::EndsWith(name, ".tmp") ||
         absl::EndsWith(name, ".part") || absl::EndsWith(name, ".filepart");
}

// Renames `from` to `dir`/`name`, adding ".1", ".2", ... when taken.
bool MoveInto(const std::string& from, const std::string& dir,
              const std::string& name, std::string* moved_to) {
  std::string to = absl::StrCat(dir, "/", name);
  struct stat st;
  for (int n = 1; ::stat(to.c_str(), &st) == 0 && n < 10000; ++n) {
    to = absl::StrCat(dir, "/", name, ".", n);
  }
  if (::rename(from.c_str(), to.c_str()) != 0) return false;
  *moved_to = to;
  return true;
}

bool IsTransient(const absl::Status& s) {
  return absl::IsUnavailable(s) || absl::IsDeadlineExceeded(s);
}

}  // namespace

absl::StatusOr<std::unique_ptr<DropFolder>> DropFolder::Open(
    DropFolderOptions options, PublishFn publish) {
  while (options.dir.size() > 1 && options.dir.back() == '/') {
    options.dir.pop_back();
  }
  struct stat st;
  if (::stat(options.dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return absl::NotFoundError(
        absl::StrCat("drop folder ", options.dir, " is not a directory"));
  }
  for (const char* sub : {"done", "failed"}) {
    std::string path = absl::StrCat(options.dir, "/", sub);
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
      return absl::PermissionDeniedError(
          absl::StrCat("cannot create ", path, ": ", ErrnoText()));
    }
  }
  if (options.source.empty()) {
    size_t slash = options.dir.rfind('/');
    options.source =
        absl::StrCat("dropfolder:", slash == std::string::npos
                                        ? options.dir
                                        : options.dir.substr(slash + 1));
  }
  return std::unique_ptr<DropFolder>(
      new DropFolder(std::move(options), std::move(publish)));
}

absl::StatusOr<DropFolderScan> DropFolder::ScanOnce(absl::Time now) {
  DIR* dir = ::opendir(options_.dir.c_str());
  if (dir == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("cannot list ", options_.dir, ": ", ErrnoText()));
  }
  std::vector<std::string> names;
  while (struct dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (!IsPartialName(name)) names.push_back(std::move(name));
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  DropFolderScan scan;
  for (const std::string& name : names) {
    std::string path = absl::StrCat(options_.dir, "/", name);
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    absl::Time modified = absl::TimeFromTimespec(st.st_mtim);
    if (now - modified < options_.min_age) {
      ++scan.deferred;
      continue;
    }
    if (static_cast<size_t>(st.st_size) > options_.max_file_bytes) {
      MoveToFailed(name, absl::StrCat("file of ", st.st_size,
                                      " bytes exceeds the limit of ",
                                      options_.max_file_bytes));
      ++scan.failed;
      continue;
    }
    switch (HandleFile(name, now)) {
      case Outcome::kPublished:
        ++scan.published;
        break;
      case Outcome::kFailed:
        ++scan.failed;
        break;
      case Outcome::kDeferred:
        ++scan.deferred;
        break;
    }
  }
  return scan;
}

DropFolder::Outcome DropFolder::HandleFile(const std::string& name,
                                           absl::Time now) {
  const std::string path = absl::StrCat(options_.dir, "/", name);
  absl::StatusOr<std::string> bytes = ReadFileToString(path);
  if (!bytes.ok()) {
    MoveToFailed(name, "cannot read the file");
    return Outcome::kFailed;
  }
  v1::RawWire raw;
  raw.set_payload(*std::move(bytes));
  raw.set_source(options_.source);
  raw.set_filename(name);
  raw.mutable_received_time()->set_seconds(absl::ToUnixSeconds(now));
  absl::Status published = publish_(raw);
  if (!published.ok()) {
    if (IsTransient(published)) {
      NW_LOG(WARNING, "drop folder: %s not published yet: %s", name,
             published.ToString());
      return Outcome::kDeferred;
    }
    MoveToFailed(name, published.ToString());
    return Outcome::kFailed;
  }
  std::string moved_to;
  if (!MoveInto(path, options_.dir + "/done", name, &moved_to)) {
    // Published but not moved: it would be published again next scan.
    // Rename failures here mean the folder itself is broken; say so loudly.
    NW_LOG(ERROR, "drop folder: published %s but cannot move it: %s", name,
           ErrnoText());
  }
  return Outcome::kPublished;
}

void DropFolder::MoveToFailed(const std::string& name,
                              absl::string_view reason) {
  const std::string path = absl::StrCat(options_.dir, "/", name);
  std::string moved_to;
  if (!MoveInto(path, options_.dir + "/failed", name, &moved_to)) {
    NW_LOG(ERROR, "drop folder: cannot move %s to failed/: %s", name,
           ErrnoText());
    return;
  }
  std::ofstream(moved_to + ".error") << reason << "\n";
  NW_LOG(WARNING, "drop folder: %s -> failed/: %s", name, reason);
}

}  // namespace newswire::ingest
