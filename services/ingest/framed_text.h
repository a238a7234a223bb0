// SOH/STX/ETX framing shared by IPTC 7901 and ANPA-1312.
//
// A framed message is: optional SYN bytes, SOH, the header, STX, the text,
// ETX, an optional trailer line (the filing time), optional EOT.
// SplitFrame() finds the control characters and hands back views of the
// header, the text and the trailer.
//
// Example:
//   ASSIGN_OR_RETURN(Frame frame, SplitFrame(message));
//   std::vector<absl::string_view> header_lines = SplitLines(frame.header);
//
// Errors: "framing.no_soh" (no SOH before the text), "framing.no_stx",
// "framing.truncated" (no ETX after STX). Thread-safety: pure functions.
#ifndef NEWSWIRE_SERVICES_INGEST_FRAMED_TEXT_H_
#define NEWSWIRE_SERVICES_INGEST_FRAMED_TEXT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::ingest {

inline constexpr char kSoh = '\x01';
inline constexpr char kStx = '\x02';
inline constexpr char kEtx = '\x03';

struct Frame {
  absl::string_view header;   // between SOH and STX
  absl::string_view text;     // between STX and ETX
  absl::string_view trailer;  // after ETX (up to EOT), trimmed; often the
                              // filing time
};

absl::StatusOr<Frame> SplitFrame(absl::string_view message);

// Splits a header into tokens on spaces, tabs, line breaks and the unit
// separator (US, 0x1F) that some senders put between header fields. Other
// control bytes at the start of a token (ANPA's format byte) are dropped.
std::vector<absl::string_view> HeaderTokens(absl::string_view header);

// Removes the paragraph starting with one of `prefixes` (case-insensitive)
// from `paragraphs` and returns it without the prefix and the separator
// after it (" _ ", ": ", " - "); "" when there is none.
std::string TakeNoteParagraph(
    std::vector<std::string>* paragraphs,
    std::initializer_list<absl::string_view> prefixes);

// The common end of 7901 and ANPA parsing: moves the paragraph starting
// with `note_prefix` to editor_note and trailing source lines to credits, marks
// a "KILL" headline as a kill, and sets the body.
void FinishFramedArticle(std::vector<std::string> paragraphs,
                         absl::string_view note_prefix, v1::Article* article);

// IPTC urgency for a wire priority given as a digit ("1".."9") or an
// ANPA-style letter: f (flash) 1, b (bulletin) 2, u (urgent) 3,
// r (regular) 5, d (deferred) 6; 0 for anything else.
int PriorityFromCode(absl::string_view code);

// Reads the version information agencies put in a slugline or take key:
// "1st Ld", "2nd Ld", ... set version 2, 3, ...; "Writethru" or a lead add
// the "update" signal; "Correction"/"Corrects" add "correction"; "Kill" or
// "KILL" makes the item a kill (PUB_STATUS_CANCELED).
void ApplyTakeKey(absl::string_view key, v1::Article* article);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_FRAMED_TEXT_H_
