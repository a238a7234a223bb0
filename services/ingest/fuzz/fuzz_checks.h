// Invariants the ingest fuzz targets assert on every successful parse.
//
// A fuzz target must not only survive any input: what it returns must be
// well formed. CheckArticle() traps (so libFuzzer reports a crash and saves
// the input) when an Article breaks the body contract of wire.proto:
// paragraphs separated by exactly one blank line, no leading or trailing
// whitespace, and UTF-8 text whenever `require_utf8` is set.
//
// Example:
//   absl::StatusOr<v1::Article> a = ParseNitf(input, XmlLimits());
//   if (a.ok()) CheckArticle(*a, IsValidUtf8(input));
//
// Thread-safety: pure functions.
#ifndef NEWSWIRE_SERVICES_INGEST_FUZZ_FUZZ_CHECKS_H_
#define NEWSWIRE_SERVICES_INGEST_FUZZ_FUZZ_CHECKS_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "common/text/utf8.h"
#include "newswire/v1/wire.pb.h"
#include "services/ingest/text_util.h"

namespace newswire::ingest {

inline void Require(bool ok) {
  if (!ok) __builtin_trap();
}

// Paragraph text: no edge whitespace, no run of 3+ newlines.
inline void CheckParagraphs(absl::string_view text) {
  if (text.empty()) return;
  Require(!IsAsciiSpace(text.front()) && !IsAsciiSpace(text.back()));
  Require(text.find("\n\n\n") == absl::string_view::npos);
}

inline void CheckArticle(const v1::Article& a, bool require_utf8) {
  CheckParagraphs(a.body());
  if (require_utf8) {
    Require(IsValidUtf8(a.body()));
    Require(IsValidUtf8(a.headline()));
    Require(IsValidUtf8(a.byline()));
  }
}

inline absl::string_view AsView(const uint8_t* data, size_t size) {
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_FUZZ_FUZZ_CHECKS_H_
