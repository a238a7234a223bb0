// The matching copy of story text, for dedup and any other comparison.
//
// Wire copy of one story differs between agencies and versions in
// typography only: curly vs straight quotes, em dash vs "--", non-breaking
// vs plain spaces, soft hyphens. NormalizeForMatching() maps those to one
// ASCII form and collapses every whitespace run (paragraph breaks included)
// to a single space, trimmed. It does not change letter case.
//
// Article.body always keeps the original text; offsets recorded against the
// matching copy are mapped back with the `original_offsets` overload.
//
// Mapping: ‘ ’ ‚ ‛ ′ -> '    “ ” „ ‟ ″ « » -> "    ‐ ‑ ‒ – — ― − -> -
//          NBSP and the U+2000..U+200A, U+202F, U+205F, U+3000 spaces -> ' '
//          … -> ...    soft hyphen, zero-width space/joiners, BOM -> removed
//
// Example:
//   std::string m = NormalizeForMatching("“Hi”\u00A0— she said");
//   // m == "\"Hi\" - she said"
//
// Thread-safety: pure functions. Errors: none (input should be UTF-8;
// invalid bytes are copied through).
#ifndef NEWSWIRE_SERVICES_INGEST_NORMALIZE_H_
#define NEWSWIRE_SERVICES_INGEST_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::ingest {

std::string NormalizeForMatching(absl::string_view text);

// As above; also fills `original_offsets` so that output byte i came from
// input byte (*original_offsets)[i]. It has one extra final entry,
// text.size(), so a half-open range [b, e) of the output maps to
// [offsets[b], offsets[e]) of the input.
std::string NormalizeForMatching(absl::string_view text,
                                 std::vector<uint32_t>* original_offsets);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_NORMALIZE_H_
