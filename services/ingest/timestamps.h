// Date/time parsing for the wire formats' timestamps.
//
// Accepts ISO 8601 as the formats write it: extended
// ("2026-11-20T14:25:00Z", "2026-11-20T14:25:00.5+01:00"), basic
// ("20261120T142500Z", "20261120T1425+0100", NITF's norm attribute) and a
// bare date ("2026-11-20", "20261120"). A time without a zone is UTC.
//
// Example:
//   google::protobuf::Timestamp ts;
//   if (ParseIsoTimestamp("2026-11-20T14:25:00Z", &ts)) { ... }
//
// Thread-safety: pure functions. Errors: returns false (and leaves `out`
// unchanged) when the text is not a recognized timestamp.
#ifndef NEWSWIRE_SERVICES_INGEST_TIMESTAMPS_H_
#define NEWSWIRE_SERVICES_INGEST_TIMESTAMPS_H_

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace newswire::ingest {

bool ParseIsoTimestamp(absl::string_view text,
                       google::protobuf::Timestamp* out);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_TIMESTAMPS_H_
