#include "services/dedup/dedup_flags.h"

#include <cstdint>

#include "absl/flags/flag.h"

ABSL_FLAG(int64_t, window_hours,
          newswire::dedup::DedupOptions().window_seconds / 3600,
          "keep articles this many hours (of their own time) in the index");
ABSL_FLAG(int64_t, max_documents, newswire::dedup::DedupOptions().max_documents,
          "index size bound; the oldest documents are evicted first");
ABSL_FLAG(double, near_containment,
          newswire::dedup::DedupOptions().near_containment,
          "NEAR_DUPLICATE when this share of an article's shingles is in an "
          "earlier one (default chosen by benchmarks/dedup)");
ABSL_FLAG(double, update_containment,
          newswire::dedup::DedupOptions().update_containment,
          "UPDATE when this share of an earlier article's shingles is in a "
          "longer new one");
ABSL_FLAG(double, min_jaccard, newswire::dedup::DedupOptions().min_jaccard,
          "no link below this estimated Jaccard resemblance");
ABSL_FLAG(double, max_missing_keys,
          newswire::dedup::DedupOptions().max_missing_keys,
          "share of an article's numbers and names that may be missing from "
          "the earlier one for a match (at least one always may)");

namespace newswire::dedup {

DedupOptions DedupOptionsFromFlags() {
  DedupOptions options;
  options.window_seconds = absl::GetFlag(FLAGS_window_hours) * 3600;
  options.max_documents = absl::GetFlag(FLAGS_max_documents);
  options.near_containment = absl::GetFlag(FLAGS_near_containment);
  options.update_containment = absl::GetFlag(FLAGS_update_containment);
  options.min_jaccard = absl::GetFlag(FLAGS_min_jaccard);
  options.max_missing_keys = absl::GetFlag(FLAGS_max_missing_keys);
  return options;
}

}  // namespace newswire::dedup
