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
// Verdicts (see services/dedup/README.md for the rules and thresholds):
//   EXACT_DUPLICATE  same normalized headline, dateline and body;
//   NEAR_DUPLICATE   most of its shingles are in an earlier article whose
//                    numbers and names it shares (edits, dropped lead,
//                    reordered paragraphs, another headline, an older
//                    version arriving late), or its provider id was seen
//                    with the same or a higher version;
//   UPDATE           it contains most of an earlier article and adds to it,
//                    or its provider id was seen with a lower version, or
//                    it is a kill (PUB_STATUS_CANCELED) of a story seen;
//   UNIQUE           anything else; it starts a story.
// duplicate_of and story_id name the first article of the story.
//
// Arrival order: two articles are linked when they share a provider id
// (source + provider_id; a story may have several) or when either holds
// most of the other's text; both are relations of the pair. So for a set
// whose every pair is linked, any arrival order gives exactly one UNIQUE
// record and all others name its story_id (the output key). Copies related
// only through a third copy may form two stories if that copy comes last.
// Kills are linked by their provider id alone, with or without text.
//
// The index is a sliding window of the articles' own time (published, else
// received) bounded in size; the oldest documents are evicted first. One
// document costs about 270-290 bytes of memory (size_bytes()).
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

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::dedup {

struct DedupOptions {
  // Articles older than this (by their own published/received time) than the
  // newest one indexed are evicted from the index.
  int64_t window_seconds = int64_t{72} * 3600;
  // Upper bound on documents kept; the oldest are evicted first. At most
  // 4,000,000.
  int64_t max_documents = 2'000'000;
  // NEAR_DUPLICATE when at least this share of the article's shingles is
  // in an earlier article.
  double near_containment = 0.80;
  // UPDATE when at least this share of an earlier article's shingles is in
  // the article (and it is longer).
  double update_containment = 0.70;
  // No link at all below this estimated Jaccard resemblance: containment
  // estimated from MinHash is unreliable for very unequal sizes, so an
  // article much shorter than 1/3 of another is not its duplicate, and one
  // more than ~3 times longer is not its update.
  double min_jaccard = 0.30;
  // Share of the article's numbers and names (key bits) that may be missing
  // from the earlier article; at least one is always tolerated.
  double max_missing_keys = 0.15;
};

// A key/value pair for the compacted state topic. An empty value deletes the
// key (a tombstone).
struct StateRecord {
  std::string key;
  std::string value;
};

// Counters for metrics; all about committed state.
struct DedupStats {
  int64_t documents = 0;
  int64_t bytes = 0;
  int64_t evictions = 0;
};

class Deduplicator {
 public:
  // Errors: InvalidArgument for options out of range.
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
  // order). Returns DataLoss for a record it cannot decode or that does not
  // follow the records before it. Call Commit() after the last one: it
  // builds the band index of the restored documents in one pass (until then
  // they are stored but not searchable).
  // REQUIRES: no Process() since Create().
  absl::Status Restore(absl::string_view key, absl::string_view value);

  // Documents currently indexed (including uncommitted ones).
  int64_t size() const;
  // Heap bytes held by the index.
  int64_t size_bytes() const;
  DedupStats stats() const;

 private:
  class Impl;
  explicit Deduplicator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_DEDUPLICATOR_H_
