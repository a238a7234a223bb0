// IPTC 7901 wire copy -> Article fields.
//
// Layout (one message):
//   SOH <source><sequence> <priority> <category> <word count> [<optional>]
//   [slugline lines]
//   STX <headline line>
//   <body lines>
//   [The following information is not for publication: <editor's note>]
//   [<DDHHMM> [GMT] <MON> <YY>]      trailer: the filing time, UTC
//   ETX [<DDHHMM> [GMT] <MON> <YY>]  (the trailer may also follow ETX)
// Priority is the IPTC digit (1 flash .. 6) or a letter as in ANPA (f, b,
// u, r, d), category 1-3 letters. The
// slugline gives provider_id and, through its take key ("2nd Ld-Writethru",
// "Kill"), version, signals and kills (see ApplyTakeKey).
//
// Example:
//   ASSIGN_OR_RETURN(v1::Article a, ParseIptc7901(utf8_message));
//
// REQUIRES: `message` is UTF-8 (IngestRaw decodes 8-bit text first).
// Errors: SplitFrame()'s framing codes; "iptc7901.bad_header" when the SOH
// line is not `<source><seq> <priority> <category> ...`.
// Thread-safety: pure function.
#ifndef NEWSWIRE_SERVICES_INGEST_IPTC7901_PARSER_H_
#define NEWSWIRE_SERVICES_INGEST_IPTC7901_PARSER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::ingest {

absl::StatusOr<v1::Article> ParseIptc7901(absl::string_view message);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_IPTC7901_PARSER_H_
