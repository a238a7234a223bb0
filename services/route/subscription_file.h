// A subscriptions file that is re-read when it changes.
//
// Poll() looks at the file's modification time, size and inode at most once
// per `poll_interval`; when any changed it parses the file again and returns
// the new set, or the error (naming the line and field) — the caller keeps
// its previous set then. A file that changes back and forth is re-parsed each
// time it is seen to change; an unchanged broken file is reported once.
//
// Example:
//   ASSIGN_OR_RETURN(auto file, SubscriptionFile::Open(path,
//   absl::Seconds(2))); Use(file->initial());
//   ...  // between records, on the loop thread:
//   if (auto next = file->Poll(absl::Now())) {
//     if (next->ok()) Use(**next); else Log(next->status());
//   }
//
// Thread-compatible.
#ifndef NEWSWIRE_SERVICES_ROUTE_SUBSCRIPTION_FILE_H_
#define NEWSWIRE_SERVICES_ROUTE_SUBSCRIPTION_FILE_H_

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/route/subscription.h"

namespace newswire::route {

class SubscriptionFile {
 public:
  // Reads and parses `path`. Errors: NotFound, or InvalidArgument naming the
  // line and field (reason "subscriptions.invalid").
  static absl::StatusOr<std::unique_ptr<SubscriptionFile>> Open(
      std::string path, absl::Duration poll_interval);

  const std::string& path() const { return path_; }
  // The set read by Open().
  const std::vector<Subscription>& initial() const { return initial_; }

  // nullopt: not time to look yet, or the file is unchanged. Otherwise the
  // newly parsed set or why it could not be used.
  std::optional<absl::StatusOr<std::vector<Subscription>>> Poll(absl::Time now);

  // Forgets what the file looked like, so the next Poll() parses it again
  // (after the caller could not apply a set it returned).
  void Forget() { stamp_ = {}; }

 private:
  struct Stamp {
    int64_t mtime_ns = -1;
    int64_t size = -1;
    ino_t inode = 0;
    bool operator==(const Stamp& o) const {
      return mtime_ns == o.mtime_ns && size == o.size && inode == o.inode;
    }
  };
  SubscriptionFile(std::string path, absl::Duration poll_interval)
      : path_(std::move(path)), poll_interval_(poll_interval) {}
  absl::StatusOr<Stamp> StatFile() const;

  const std::string path_;
  const absl::Duration poll_interval_;
  std::vector<Subscription> initial_;
  Stamp stamp_;
  absl::Time last_poll_ = absl::InfinitePast();
};

}  // namespace newswire::route

#endif  // NEWSWIRE_SERVICES_ROUTE_SUBSCRIPTION_FILE_H_
