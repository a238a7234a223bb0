// NewsML-G2 XML -> one Article per newsItem.
//
// Reads newsItem@guid and @version, itemMeta (versionCreated, firstCreated,
// pubStatus usable/withheld/canceled, edNote, signal update/correction),
// contentMeta (urgency, slugline, headline, by, dateline, located, language,
// subject@qcode, keyword) and the body from contentSet: inlineXML holding
// NITF or XHTML, or inlineData text.
//
// The document is a standalone <newsItem> (one Article) or a <newsMessage>
// package: every newsItem below the root (normally in itemSet) becomes one
// Article, in document order, each exactly as that newsItem would give on its
// own. Other items (packageItem, conceptItem, knowledgeItem, planningItem)
// carry no story text and are ignored, as is anything inside a newsItem
// (a newsItem nested in another's content is content, not an item).
//
// Example:
//   ASSIGN_OR_RETURN(std::vector<v1::Article> articles,
//                    ParseNewsMlG2(xml, XmlLimits(), /*max_items=*/1000));
//
// REQUIRES: `xml` is UTF-8. Errors (the whole document fails, no partial
// result): the XmlDocument reasons ("xml.*"); "newsml.no_news_item" when there
// is no newsItem element; "newsml.too_many_items" when there are more than
// `max_items` (values below 1 count as 1).
// Thread-safety: pure function.
#ifndef NEWSWIRE_SERVICES_INGEST_NEWSML_G2_PARSER_H_
#define NEWSWIRE_SERVICES_INGEST_NEWSML_G2_PARSER_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"
#include "services/ingest/xml_reader.h"

namespace newswire::ingest {

absl::StatusOr<std::vector<v1::Article>> ParseNewsMlG2(absl::string_view xml,
                                                       const XmlLimits& limits,
                                                       int max_items);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_NEWSML_G2_PARSER_H_
