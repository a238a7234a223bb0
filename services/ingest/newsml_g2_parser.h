// NewsML-G2 newsItem XML -> Article fields.
//
// Reads newsItem@guid and @version, itemMeta (versionCreated, firstCreated,
// pubStatus usable/withheld/canceled, edNote, signal update/correction),
// contentMeta (urgency, slugline, headline, by, dateline, located, language,
// subject@qcode, keyword) and the body from contentSet: inlineXML holding
// NITF or XHTML, or inlineData text. A <newsMessage> is accepted and its
// first newsItem read (one Article per record).
//
// Example:
//   ASSIGN_OR_RETURN(v1::Article a, ParseNewsMlG2(xml, XmlLimits()));
//
// REQUIRES: `xml` is UTF-8. Errors: the XmlDocument reasons ("xml.*"), and
// "newsml.no_news_item" when there is no newsItem element.
// Thread-safety: pure function.
#ifndef NEWSWIRE_SERVICES_INGEST_NEWSML_G2_PARSER_H_
#define NEWSWIRE_SERVICES_INGEST_NEWSML_G2_PARSER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"
#include "services/ingest/xml_reader.h"

namespace newswire::ingest {

absl::StatusOr<v1::Article> ParseNewsMlG2(absl::string_view xml,
                                          const XmlLimits& limits);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_NEWSML_G2_PARSER_H_
