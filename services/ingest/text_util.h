// Small text helpers shared by the ingest readers and parsers: UTF-8
// encoding of code points, whitespace collapsing, and single-byte charset
// decoding.
//
// Example:
//   std::string out;
//   AppendCodePoint(0x2014, &out);           // "—"
//   AppendCollapsed("  two \n words ", &out);  // appends "two words"
//   std::string utf8 = Windows1252ToUtf8("caf\xE9 \x93quoted\x94");
//
// Thread-safety: pure functions. Errors: none (invalid code points are
// replaced by U+FFFD).
#ifndef NEWSWIRE_SERVICES_INGEST_TEXT_UTIL_H_
#define NEWSWIRE_SERVICES_INGEST_TEXT_UTIL_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire::ingest {

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Appends the UTF-8 encoding of `cp`; surrogates, 0 and values above
// U+10FFFF become U+FFFD.
void AppendCodePoint(uint32_t cp, std::string* out);

// Appends `text` with each run of ASCII whitespace collapsed to one space.
// A leading space is dropped when `out` is empty or already ends in
// whitespace. Trailing whitespace is kept as at most one space (callers trim
// when a paragraph ends).
void AppendCollapsed(absl::string_view text, std::string* out);

// Removes trailing ASCII whitespace from `s`.
void TrimTrailingSpace(std::string* s);

// Looks up a named character reference ("amp" -> '&'); false if unknown.
using EntityLookup = bool (*)(absl::string_view name, uint32_t* cp);

// Appends `in` to `out` with character references decoded: numeric ones
// ("&#233;", "&#xE9;") always, named ones through `lookup`. An '&' that does
// not start a reference ("&" + up to 10 letters/digits/'#' + ';') is kept
// as is. An unknown named reference is kept as written when `keep_unknown`;
// otherwise decoding stops, *unknown (if not null) gets its name and the
// result is false.
bool AppendDecodedReferences(absl::string_view in, EntityLookup lookup,
                             bool keep_unknown, std::string* out,
                             absl::string_view* unknown);

// Decodes Windows-1252 (a superset of the printable ISO-8859-1) to UTF-8.
// Bytes 0x80-0x9F map to the Windows-1252 characters (curly quotes, dashes);
// the five undefined ones map to U+FFFD.
std::string Windows1252ToUtf8(absl::string_view bytes);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_TEXT_UTIL_H_
