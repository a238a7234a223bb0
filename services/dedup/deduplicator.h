// The dedup stage: decides whether an Article is new, a duplicate, or a later
// version of a story already seen, and remembers it.
//
// One implementation behind newswire-dedup, `newswire process`, the tests and
// the benchmarks. State changes are transactional: Process() changes are
// provisional until Commit(); Rollback() undoes every change since the last
// Commit() (the service calls these when its Kafka transaction commits or
// aborts). Each Process() also reports the state records that persist its
// change, which the service writes to the compacted wire.dedup-state topic in
// the same transaction; Restore() replays them on start, so a restarted
// instance gives the same verdicts as one that never stopped.
//
// Example:
//   ASSIGN_OR_RETURN(auto dedup, Deduplicator::Create(DedupOptions()));
//   std::vector<StateRecord> state;
//   v1::DedupResult r = dedup->Process(article, &state);
//   dedup->Commit();
//
// Thread-compatible: one thread at a time.
#ifndef NEWSWIRE_SERVICES_DEDUP_DEDUPLICATOR_H_
#define NEWSWIRE_SERVICES_DEDUP_DEDUPLICATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::dedup {

struct DedupOptions {
  // Articles older than this (by their own published/received time) than the
  // newest one seen are evicted from the index.
  int64_t window_seconds = 72 * 3600;
  // Upper bound on documents kept; the oldest are evicted first.
  int64_t max_documents = 2'000'000;
};

// A key/value pair for the compacted state topic. An empty value deletes the
// key (a tombstone).
struct StateRecord {
  std::string key;
  std::string value;
};

class Deduplicator {
 public:
  static absl::StatusOr<std::unique_ptr<Deduplicator>> Create(
      const DedupOptions& options);
  ~Deduplicator();
  Deduplicator(const Deduplicator&) = delete;
  Deduplicator& operator=(const Deduplicator&) = delete;

  // Decides the verdict for `article` and records it (provisionally). If
  // `state` is not null, appends the records that persist this change.
  v1::DedupResult Process(const v1::Article& article,
                          std::vector<StateRecord>* state);

  // Makes every change since the last Commit/Rollback permanent.
  void Commit();
  // Undoes every change since the last Commit/Rollback.
  void Rollback();

  // Applies one state record read back from the state topic (in topic
  // order). Returns DataLoss for a record it cannot decode.
  absl::Status Restore(absl::string_view key, absl::string_view value);

  // Documents currently indexed.
  int64_t size() const;

 private:
  Deduplicator() = default;
  struct Entry {
    std::string article_id;
    std::string story_id;
  };
  DedupOptions options_;
  absl::flat_hash_map<uint64_t, Entry> by_hash_;
  std::vector<uint64_t> uncommitted_;
};

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_DEDUPLICATOR_H_
