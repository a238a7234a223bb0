#include "services/ingest/ingest_flags.h"

#include <cstdint>

#include "absl/flags/flag.h"

ABSL_FLAG(
    int64_t, max_record_bytes,
    static_cast<int64_t>(newswire::ingest::IngestOptions().max_record_bytes),
    "larger wire records are dead-lettered as payload.too_large");
ABSL_FLAG(int32_t, max_nesting_depth,
          newswire::ingest::IngestOptions().max_nesting_depth,
          "deeper XML/JSON nesting is dead-lettered as xml.too_deep or "
          "json.too_deep (at most 512)");
ABSL_FLAG(int32_t, max_articles_per_record,
          newswire::ingest::IngestOptions().max_articles_per_record,
          "a NewsML-G2 newsMessage with more newsItems is dead-lettered as "
          "newsml.too_many_items");

namespace newswire::ingest {

IngestOptions IngestOptionsFromFlags() {
  IngestOptions options;
  options.max_record_bytes =
      static_cast<size_t>(absl::GetFlag(FLAGS_max_record_bytes));
  options.max_nesting_depth = absl::GetFlag(FLAGS_max_nesting_depth);
  options.max_articles_per_record =
      absl::GetFlag(FLAGS_max_articles_per_record);
  return options;
}

}  // namespace newswire::ingest
