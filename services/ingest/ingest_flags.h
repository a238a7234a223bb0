// The ingest stage's limits as flags, shared by newswire-ingest and
// `newswire process`, so both read the same names with the same defaults.
//
// Each flag's default is the matching IngestOptions field's default: the
// options struct is the one place a default is written.
//   --max_record_bytes --max_nesting_depth --max_articles_per_record
//
// Example:
//   newswire::ParseFlagsWithEnv(argc, argv, usage);
//   IngestHandler handler(IngestOptionsFromFlags(), topic, *registry);
#ifndef NEWSWIRE_SERVICES_INGEST_INGEST_FLAGS_H_
#define NEWSWIRE_SERVICES_INGEST_INGEST_FLAGS_H_

#include "services/ingest/ingest.h"

namespace newswire::ingest {

// IngestOptions from the flags (IngestRawAll clamps out-of-range values as
// IngestOptions documents).
IngestOptions IngestOptionsFromFlags();

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_INGEST_FLAGS_H_
