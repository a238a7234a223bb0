// Normalized keys for entity names, so that spelling variants meet.
//
// NameKey() folds case and Latin-1 accents, drops periods, apostrophes and
// a possessive "'s", turns hyphens into spaces, and maps transliteration
// variants of common given names and name parts to one spelling:
// "Sergey Lavrov" / "Sergei Lavrov", "Muhammad" / "Mohamed" / "Mohammed",
// "Kim Jong-un" / "Kim Jong Un", "U.S." / "US".
//
// Example:
//   NameKey("Sergey Lavrov") == NameKey("Sergei Lavrov")  // "sergei lavrov"
//   NameTokens("Kim Jong-un") == {"kim", "jong", "un"}
//
// Threading: pure functions. Errors: none.
#ifndef NEWSWIRE_SERVICES_ENRICH_LINKING_NAME_NORMALIZER_H_
#define NEWSWIRE_SERVICES_ENRICH_LINKING_NAME_NORMALIZER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::linking {

// The normalized tokens of a name.
std::vector<std::string> NameTokens(absl::string_view name);

// The tokens joined by single spaces.
std::string NameKey(absl::string_view name);

// Upper-case initials of the capitalized words of `name`, skipping "of",
// "the", "and", "for", "de": "Korean Central News Agency" -> "KCNA".
std::string Initials(absl::string_view name);

}  // namespace newswire::linking

#endif  // NEWSWIRE_SERVICES_ENRICH_LINKING_NAME_NORMALIZER_H_
