// Wire format detection from the first bytes of a payload.
//
// RawWire.format_hint wins when the producer set it; otherwise:
//   SYN/SOH framing  -> ANPA-1312 when it starts with SYN SYN SOH, has a
//                       lower-case selector ("a0123") or '^' lines, else
//                       IPTC 7901
//   '{'              -> ninjs
//   '<' root element -> NITF (<nitf>), NewsML-G2 (<newsItem>, <newsMessage>)
//   other text       -> plain text
// Anything else (another XML vocabulary, binary data) is UNSPECIFIED, which
// IngestRaw reports as "format.unknown" or "payload.binary".
//
// Example:
//   v1::WireFormat f = ResolveFormat(raw);
//   absl::string_view label = FormatLabel(f);  // "nitf", used in metrics
//
// Thread-safety: pure functions. Errors: none.
#ifndef NEWSWIRE_SERVICES_INGEST_FORMAT_DETECT_H_
#define NEWSWIRE_SERVICES_INGEST_FORMAT_DETECT_H_

#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::ingest {

// The format of `payload` by content alone.
v1::WireFormat DetectFormat(absl::string_view payload);

// raw.format_hint when set, else DetectFormat(raw.payload()).
v1::WireFormat ResolveFormat(const v1::RawWire& raw);

// True when `payload` looks like binary data rather than text: a NUL byte,
// or more than 1 in 32 of its first 4 KiB being control characters other
// than whitespace and the wire framing bytes (SOH, STX, ETX, SYN, US, DC2,
// DC3, ...).
bool LooksBinary(absl::string_view payload);

// A short stable label for metrics: "plain_text", "iptc7901", "anpa1312",
// "nitf", "newsml_g2", "ninjs" or "unknown".
absl::string_view FormatLabel(v1::WireFormat format);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_FORMAT_DETECT_H_
