// Field conversions shared by the structured-format parsers (NITF,
// NewsML-G2, ninjs): status names, language tags, urgency and signals.
//
// Example:
//   article.set_pub_status(PubStatusFromName("stat:canceled"));  // CANCELED
//   article.set_language(LanguageFromTag("en-GB"));             // "en"
//
// Thread-safety: pure functions. Errors: none; unknown values map to the
// neutral default documented per function.
#ifndef NEWSWIRE_SERVICES_INGEST_ARTICLE_FIELDS_H_
#define NEWSWIRE_SERVICES_INGEST_ARTICLE_FIELDS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::ingest {

// "usable", "withheld", "canceled"/"cancelled", "embargoed" (-> WITHHELD),
// with or without a vocabulary prefix ("stat:"); else UNSPECIFIED.
v1::PubStatus PubStatusFromName(absl::string_view name);

// The primary subtag of a BCP 47 tag, lower case ("en-GB" -> "en"); "" when
// it is not 2-3 letters.
std::string LanguageFromTag(absl::string_view tag);

// Parses an urgency/priority number in 1..9; returns 0 when `text` is not
// one.
int ParseUrgency(absl::string_view text);

// Parses a positive version number; 0 when `text` is not one.
int ParseVersion(absl::string_view text);

// Adds `signal` ("sig:update" -> "update") to article.signals once.
void AddSignal(absl::string_view signal, v1::Article* article);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_ARTICLE_FIELDS_H_
