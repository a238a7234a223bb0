// Dateline detection at the start of a story's first paragraph.
//
// Recognizes the agency conventions
//   "MOSCOW, Nov. 20 (Agency) — Text"      "NEW YORK (Agency) - Text"
//   "SPRINGFIELD, Ill., Nov. 20 -- Text"   "PARIS — Text"
// i.e. a place in capitals, up to two comma-separated parts (region, date),
// an optional parenthesized agency, then a dash (em dash, en dash, "--",
// " - ", or " _ " as ANPA copy writes it).
//
// Example:
//   absl::string_view d = DetectDateline("MOSCOW, Nov. 20 (Agency) — Talks");
//   // d == "MOSCOW, Nov. 20 (Agency)"
//
// Thread-safety: pure function. Errors: none; returns "" when there is no
// dateline. The result is a view into the argument.
#ifndef NEWSWIRE_SERVICES_INGEST_DATELINE_H_
#define NEWSWIRE_SERVICES_INGEST_DATELINE_H_

#include "absl/strings/string_view.h"

namespace newswire::ingest {

absl::string_view DetectDateline(absl::string_view paragraph);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_DATELINE_H_
