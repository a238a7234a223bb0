// Language identification for wire copy.
//
// Two stages, both our own: the dominant script of the letters decides
// languages with their own script (Cyrillic -> ru/uk/bg, Greek -> el,
// Arabic -> ar, Hebrew -> he, Hangul -> ko, kana -> ja, Han -> zh,
// Devanagari -> hi, Thai -> th); Latin-script text is scored by counting
// high-frequency function words of en, de, fr, es, it, pt, nl and sv. Only the
// first few kilobytes are examined, so the cost per article is bounded.
//
// Example:
//   std::string lang = IdentifyLanguage(headline + "\n" + body);  // "en"
//
// Returns an ISO 639-1 code, or "und" when the text is too short or the
// evidence too weak. Thread-safety: pure function (its tables are built once,
// thread-safely). Errors: none.
#ifndef NEWSWIRE_SERVICES_INGEST_LANGUAGE_ID_H_
#define NEWSWIRE_SERVICES_INGEST_LANGUAGE_ID_H_

#include <string>

#include "absl/strings/string_view.h"

namespace newswire::ingest {

// How many leading bytes of the text IdentifyLanguage examines.
inline constexpr size_t kLanguageIdPrefixBytes = 1024;

std::string IdentifyLanguage(absl::string_view text);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_LANGUAGE_ID_H_
