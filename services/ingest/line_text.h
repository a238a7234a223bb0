// Line-oriented text helpers for the formats whose body is lines of text
// (plain text, IPTC 7901, ANPA-1312).
//
// Example:
//   std::vector<absl::string_view> lines = SplitLines(body);
//   std::vector<std::string> paragraphs = LinesToParagraphs(lines);
//   std::vector<std::string> credits = TakeTrailingSourceLines(&paragraphs);
//   // credits == {"(From news reports)"} when the copy ended with that line.
//
// Thread-safety: pure functions. Errors: none.
#ifndef NEWSWIRE_SERVICES_INGEST_LINE_TEXT_H_
#define NEWSWIRE_SERVICES_INGEST_LINE_TEXT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace newswire::ingest {

// Splits on '\n' and drops one trailing '\r' from each line. A final empty
// line after a trailing '\n' is not returned.
std::vector<absl::string_view> SplitLines(absl::string_view text);

// True when `line` holds only ASCII whitespace.
bool IsBlankLine(absl::string_view line);

// `line` without leading and trailing ASCII whitespace.
absl::string_view TrimLine(absl::string_view line);

// Groups lines into paragraphs (whitespace collapsed, lines joined with a
// space):
//   - blank lines always separate paragraphs;
//   - when some line is indented, an indented line also starts one (wire
//     copy indents paragraphs and wraps lines flush left);
//   - when no line is indented and none is blank, every line is its own
//     paragraph.
std::vector<std::string> LinesToParagraphs(
    absl::Span<const absl::string_view> lines);

// True for a short line that is wholly parenthesized, as agencies end copy
// with: "(From news reports)", "(Reporting by A; Editing by B)".
bool IsSourceLine(absl::string_view paragraph);

// Removes the source lines at the end of `paragraphs` and returns them in
// order.
std::vector<std::string> TakeTrailingSourceLines(
    std::vector<std::string>* paragraphs);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_LINE_TEXT_H_
