// IPTC ninjs JSON (1.x and 2.x) -> Article fields.
//
// 1.x fields: uri, version, versioncreated, firstcreated, urgency,
// pubstatus, headline, slugline, byline, body_text / body_html, subject[]
// (code), keywords[], language, located, place[] (name), ednote.
// 2.x fields: the same scalars plus headlines[] (value, role), bylines[]
// (byline or name), bodies[] (value, role, contenttype), subjects[] (uri or
// code), places[] (name). Where both exist the 1.x field wins. body_text
// beats body_html; HTML is reduced with HtmlToParagraphs().
//
// Example:
//   ASSIGN_OR_RETURN(v1::Article a, ParseNinjs(json, JsonLimits()));
//
// REQUIRES: `json` is UTF-8. Errors: the JSON reader's reasons ("json.*"),
// and "ninjs.not_object" when the document is not a JSON object.
// Thread-safety: pure function.
#ifndef NEWSWIRE_SERVICES_INGEST_NINJS_PARSER_H_
#define NEWSWIRE_SERVICES_INGEST_NINJS_PARSER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"
#include "services/ingest/json_reader.h"

namespace newswire::ingest {

absl::StatusOr<v1::Article> ParseNinjs(absl::string_view json,
                                       const JsonLimits& limits);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_NINJS_PARSER_H_
