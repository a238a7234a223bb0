#include "services/route/subscription_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace newswire::route {

absl::StatusOr<SubscriptionFile::Stamp> SubscriptionFile::StatFile() const {
  struct stat st;
  if (::stat(path_.c_str(), &st) != 0) {
    return absl::NotFoundError(absl::StrCat(path_, ": ", std::strerror(errno)));
  }
  Stamp s;
  s.mtime_ns =
      static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  s.size = st.st_size;
  s.inode = st.st_ino;
  return s;
}

absl::StatusOr<std::unique_ptr<SubscriptionFile>> SubscriptionFile::Open(
    std::string path, absl::Duration poll_interval) {
  std::unique_ptr<SubscriptionFile> f(
      new SubscriptionFile(std::move(path), poll_interval));
  auto stamp = f->StatFile();
  if (!stamp.ok()) return stamp.status();
  auto subs = LoadSubscriptionsFile(f->path_);
  if (!subs.ok()) return subs.status();
  f->stamp_ = *stamp;
  f->initial_ = *std::move(subs);
  return f;
}

std::optional<absl::StatusOr<std::vector<Subscription>>> SubscriptionFile::Poll(
    absl::Time now) {
  if (now - last_poll_ < poll_interval_) return std::nullopt;
  last_poll_ = now;
  auto stamp = StatFile();
  if (!stamp.ok()) {
    // Reported once; a file that reappears is read again.
    if (stamp_.size == -2) return std::nullopt;
    stamp_ = Stamp{-1, -2, 0};
    return stamp.status();
  }
  if (*stamp == stamp_) return std::nullopt;
  stamp_ = *stamp;
  return LoadSubscriptionsFile(path_);
}

}  // namespace newswire::route
