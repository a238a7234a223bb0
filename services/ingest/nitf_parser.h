// NITF 3.x XML -> Article fields.
//
// Reads head/docdata (doc-id@id-string, urgency@ed-urg, @management-status,
// date.issue@norm, du-key@version, ed-msg@info, key-list/keyword@key),
// head/tobject/tobject.subject@tobject.subject.refnum, the body.head
// (hedline/hl1, byline, dateline) and body.content paragraphs. The language
// comes from xml:lang on <nitf> or <body.content> when present.
//
// Example:
//   ASSIGN_OR_RETURN(v1::Article a, ParseNitf(xml, XmlLimits()));
//
// REQUIRES: `xml` is UTF-8. Errors: the XmlDocument reasons ("xml.*"), and
// "nitf.bad_root" when the root element is not <nitf>.
// Thread-safety: pure functions.
#ifndef NEWSWIRE_SERVICES_INGEST_NITF_PARSER_H_
#define NEWSWIRE_SERVICES_INGEST_NITF_PARSER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"
#include "services/ingest/xml_reader.h"

namespace newswire::ingest {

absl::StatusOr<v1::Article> ParseNitf(absl::string_view xml,
                                      const XmlLimits& limits);

// Fills `article` from a parsed <nitf> element; fields already set are kept
// (NewsML-G2 uses this for an inline NITF body, where the G2 metadata wins).
void ApplyNitf(const XmlDocument& doc, const XmlNode* nitf,
               v1::Article* article);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_NITF_PARSER_H_
