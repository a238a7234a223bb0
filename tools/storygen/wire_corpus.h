// A mixed wire feed for fault-injection and load tests: generated stories in
// the six wire formats, some sent again as exact copies, near copies or
// updates (possibly in another format), and some malformed records.
//
// Every record gets its own RawWire.source, "<source_prefix><index>": ingest
// carries it into Article.source (and it enters Article.id), so each input
// can be followed to its one output however many copies of its text exist.
// Dedup ignores the source when it compares text, and with per-record
// sources no two records share a provider id (source + provider id), so
// copies are linked by their text alone.
//
// Every copy of a story is linked to every other (pairwise Jaccard and
// containment above dedup's thresholds, no names or numbers added), so by
// the arrival-order rule in services/dedup/README.md any order of the feed
// gives the same grouping into stories.
//
// Example:
//   WireCorpusOptions options;
//   options.count = 3000;
//   for (const CorpusItem& item : GenerateWireCorpus(options)) ...
//
// Thread-safety: pure function.
#ifndef NEWSWIRE_TOOLS_STORYGEN_WIRE_CORPUS_H_
#define NEWSWIRE_TOOLS_STORYGEN_WIRE_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "newswire/v1/wire.pb.h"

namespace newswire::storygen {

struct WireCorpusOptions {
  int count = 1000;
  uint64_t seed = 1;
  int words = 150;
  // Shares of all records (approximately, drawn at random).
  double copy_share = 0.30;       // exact copies, near copies and updates
  double malformed_share = 0.02;  // records ingest must dead-letter
  std::string source_prefix = "corpus-";
};

struct CorpusItem {
  // received_time is left unset: the sender stamps it.
  v1::RawWire raw;
  // "original", "exact", "near", "update" or "malformed".
  std::string kind;
  // The seed of the story this record is a version or copy of; 0 for
  // malformed records.
  uint64_t story = 0;
};

// `options.count` records in sending order. A copy always follows its
// original. Deterministic in `options`.
std::vector<CorpusItem> GenerateWireCorpus(const WireCorpusOptions& options);

}  // namespace newswire::storygen

#endif  // NEWSWIRE_TOOLS_STORYGEN_WIRE_CORPUS_H_
