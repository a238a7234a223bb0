// The dedup stage's tuning flags, shared by newswire-dedup and
// `newswire process`, so both read the same names with the same defaults.
//
// Each flag's default is the matching DedupOptions field's default: the
// options struct is the one place a default is written.
//   --window_hours --max_documents --near_containment --update_containment
//   --min_jaccard --max_missing_keys
//
// Example:
//   newswire::ParseFlagsWithEnv(argc, argv, usage);
//   ASSIGN_OR_RETURN(auto dedup,
//   Deduplicator::Create(DedupOptionsFromFlags()));
#ifndef NEWSWIRE_SERVICES_DEDUP_DEDUP_FLAGS_H_
#define NEWSWIRE_SERVICES_DEDUP_DEDUP_FLAGS_H_

#include "services/dedup/deduplicator.h"

namespace newswire::dedup {

// DedupOptions from the flags. Not validated here: Deduplicator::Create
// rejects values out of range with InvalidArgument.
DedupOptions DedupOptionsFromFlags();

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_DEDUP_FLAGS_H_
