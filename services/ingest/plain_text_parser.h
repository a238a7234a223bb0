// Plain-text wire copy -> Article fields.
//
// Headline: the first line when it stands alone (followed by a blank line)
// or is short and does not end like a sentence; otherwise the first sentence
// of the text, which then also stays in the body. Paragraphs: see
// LinesToParagraphs() in line_text.h. Trailing source lines such as
// "(From news reports)" go to credits, out of the body. Dateline, language and
// identity are filled later by IngestRaw.
//
// Example:
//   ASSIGN_OR_RETURN(v1::Article a, ParsePlainText("Title\n\nBody text."));
//   // a.headline() == "Title", a.body() == "Body text."
//
// REQUIRES: `text` is valid UTF-8. Errors: "payload.empty" when there is no
// non-blank line. Thread-safety: pure function.
#ifndef NEWSWIRE_SERVICES_INGEST_PLAIN_TEXT_PARSER_H_
#define NEWSWIRE_SERVICES_INGEST_PLAIN_TEXT_PARSER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::ingest {

absl::StatusOr<v1::Article> ParsePlainText(absl::string_view text);

// The first sentence of `paragraph` as text::FirstSentenceEnd
// (common/text/segment.h) finds it, or the whole paragraph when it has one
// sentence; at most 200 bytes, cut at a word boundary.
std::string FirstSentence(absl::string_view paragraph);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_PLAIN_TEXT_PARSER_H_
