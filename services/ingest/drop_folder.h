// A drop folder: wire copy that arrives as files (the way FTP feeds deliver
// it) is published to wire.raw, once per file.
//
// Each ScanOnce() looks at the regular files directly in the folder, oldest
// name first, and for each file that is ready (not hidden, not a partial
// upload named *.tmp / *.part / *.filepart, unchanged for `min_age`):
//   1. reads it into a RawWire (payload, source, filename, received_time);
//   2. calls `publish`, which must return only after the broker acknowledged
//      the record (Publisher::Send + Flush);
//   3. moves the file to done/ on success, or to failed/ (next to a
//      <name>.error file with the reason) when the file cannot be read, is
//      larger than `max_file_bytes`, or `publish` rejects it. A transient
//      publish error (Unavailable, DeadlineExceeded) leaves the file in place
//      for the next scan.
// A file is moved only after its record is acknowledged, so a crash between
// the two can publish it again on restart (at-least-once); ingest's stable
// Article.id and dedup absorb that duplicate.
//
// Example:
//   DropFolderOptions options;
//   options.dir = "/srv/wire/incoming";
//   ASSIGN_OR_RETURN(auto folder, DropFolder::Open(options, publish_fn));
//   while (!stopping) {
//     absl::StatusOr<DropFolderScan> scan = folder->ScanOnce(absl::Now());
//     absl::SleepFor(absl::Seconds(1));
//   }
//
// Errors: Open() fails when the folder does not exist or done/ and failed/
// cannot be created; ScanOnce() fails only when the folder cannot be listed.
// Thread-compatible: one thread calls ScanOnce() at a time.
#ifndef NEWSWIRE_SERVICES_INGEST_DROP_FOLDER_H_
#define NEWSWIRE_SERVICES_INGEST_DROP_FOLDER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::ingest {

struct DropFolderOptions {
  std::string dir;
  // RawWire.source; empty means "dropfolder:<last path component>".
  std::string source;
  // Files modified more recently than this are left for a later scan.
  absl::Duration min_age = absl::Seconds(2);
  // Larger files go to failed/ unpublished.
  size_t max_file_bytes = size_t{16} << 20;
};

struct DropFolderScan {
  int published = 0;  // moved to done/
  int failed = 0;     // moved to failed/
  int deferred = 0;   // not ready yet, or a transient publish error
};

class DropFolder {
 public:
  using PublishFn = std::function<absl::Status(const v1::RawWire&)>;

  static absl::StatusOr<std::unique_ptr<DropFolder>> Open(
      DropFolderOptions options, PublishFn publish);

  DropFolder(const DropFolder&) = delete;
  DropFolder& operator=(const DropFolder&) = delete;

  // Handles every ready file once; `now` decides readiness and becomes
  // RawWire.received_time.
  absl::StatusOr<DropFolderScan> ScanOnce(absl::Time now);

 private:
  DropFolder(DropFolderOptions options, PublishFn publish)
      : options_(std::move(options)), publish_(std::move(publish)) {}

  // Publishes one ready file and moves it; returns which way it went.
  enum class Outcome { kPublished, kFailed, kDeferred };
  Outcome HandleFile(const std::string& name, absl::Time now);
  void MoveToFailed(const std::string& name, absl::string_view reason);

  const DropFolderOptions options_;
  const PublishFn publish_;
};

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_DROP_FOLDER_H_
