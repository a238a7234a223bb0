// ANPA-1312 wire copy -> Article fields.
//
// Layout (one message; fields may be separated by spaces or US, 0x1F):
//   SYN SYN SOH <selector><sequence>            e.g. "a0217"
//   <priority> <category> [<format>] <slugline> [<take key>] <MM-DD>
//   <word count>
//   STX
//   ^<headline><                                '^' lines end in '<' or '='
//   ^By <byline>=
//   ^<byline title>=
//   <body lines; an indented line starts a paragraph>
//   [EDITOR'S NOTE _ <note>]
//   <trailer>-<MM-DD-YY> <HHMM>GMT<             the filing time, UTC
//   ETX [<MM-DD-YY> <HHMM>GMT]                  (or after ETX)
// '^' lines may also sit between the header line and STX.
// Priority letters map to IPTC urgency (PriorityFromCode): f (flash) 1,
// b (bulletin) 2, u (urgent) 3, r (regular) 5, d (deferred) 6, else 5. The
// slugline without its cycle prefix (am-/pm-/bc-) is the provider_id; the take
// key
// ("2nd Ld-Writethru", "Kill") sets version, signals and kills.
//
// Example:
//   ASSIGN_OR_RETURN(v1::Article a, ParseAnpa1312(Windows1252ToUtf8(raw)));
//
// REQUIRES: `message` is UTF-8 (ANPA is Latin-1 on the wire; IngestRaw
// decodes it first). Errors: SplitFrame()'s framing codes;
// "anpa1312.bad_header" when the header lacks selector, priority, category or
// slugline. Thread-safety: pure function.
#ifndef NEWSWIRE_SERVICES_INGEST_ANPA1312_PARSER_H_
#define NEWSWIRE_SERVICES_INGEST_ANPA1312_PARSER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::ingest {

absl::StatusOr<v1::Article> ParseAnpa1312(absl::string_view message);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_ANPA1312_PARSER_H_
