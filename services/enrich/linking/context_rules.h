// Context tests the linker applies to one mention of one document: does a
// demonym denote its country here, does "the North" mean North Korea, is an
// acronym defined in parentheses right after a name.
//
// Example:
//   // "Russian forces shelled ..." -> true; "a Russian novelist" -> false.
//   DemonymDenotesState(text, mention_end);
//   // "Seoul said ... the North fired" -> "North Korea".
//   KoreanHalfNamed(text, begin, end);
//
// Threading: pure functions. Errors: none (out-of-range offsets give false
// or empty).
#ifndef NEWSWIRE_SERVICES_ENRICH_LINKING_CONTEXT_RULES_H_
#define NEWSWIRE_SERVICES_ENRICH_LINKING_CONTEXT_RULES_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire::linking {

// True when the noun phrase a demonym opens (the demonym ends at byte
// `end`) is headed by a word that stands for the state: government, forces,
// troops, officials, president, ministry, embassy, diplomats, economy, ...
// At most two other words may come between ("Russian special forces",
// "Russian Defence Ministry"). "a Russian novelist", "Russian gas",
// "Korean news provider" are false.
bool DemonymDenotesState(absl::string_view text, size_t end);

// For a mention text[begin, end) that reads "North" or "South" right after
// "the", in a document that has named Korea before it and no other
// North/South place ("South Africa", "North Macedonia", "South China
// Sea"): "North Korea" or "South Korea". Otherwise "".
std::string KoreanHalfNamed(absl::string_view text, size_t begin, size_t end);

// True when text[begin, end) is wrapped in parentheses that open right
// after byte `name_end` (only spaces between): "Energy Agency (IAEA)".
bool ParenthesizedAfter(absl::string_view text, size_t name_end, size_t begin,
                        size_t end);

}  // namespace newswire::linking

#endif  // NEWSWIRE_SERVICES_ENRICH_LINKING_CONTEXT_RULES_H_
