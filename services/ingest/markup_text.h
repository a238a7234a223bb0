// Markup to plain text with paragraph boundaries kept.
//
// Article.body is plain UTF-8 with paragraphs separated by "\n\n". These
// helpers reduce inline markup (an XML subtree from NITF or NewsML-G2, or a
// loose HTML string from ninjs body_html) to that form: block elements (p,
// div, br, h1-h6, li, blockquote, ...) end a paragraph, inline elements (b,
// a, span, ...) vanish, whitespace inside a paragraph collapses to one space,
// and script/style/media content is dropped.
//
// Example:
//   std::string body = HtmlToParagraphs("<p>One &amp; two</p><p>Three</p>");
//   // body == "One & two\n\nThree"
//
// Thread-safety: pure functions. Errors: none; HTML is read leniently (an
// unknown entity is kept as written, an unclosed tag ends the text).
#ifndef NEWSWIRE_SERVICES_INGEST_MARKUP_TEXT_H_
#define NEWSWIRE_SERVICES_INGEST_MARKUP_TEXT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/ingest/xml_reader.h"

namespace newswire::ingest {

// Accumulates paragraphs. Text appended between two Break() calls forms one
// paragraph; empty paragraphs are dropped.
class ParagraphBuilder {
 public:
  // Appends text to the current paragraph, collapsing whitespace.
  void Append(absl::string_view text);
  // Ends the current paragraph (a no-op when it is empty).
  void Break();
  // Ends the current paragraph and returns all of them.
  std::vector<std::string> TakeParagraphs();
  // Ends the current paragraph and returns them joined by "\n\n".
  std::string Join();

 private:
  std::string current_;
  std::vector<std::string> paragraphs_;
};

// True for element names (lower case, local) that end a paragraph.
bool IsBlockElement(absl::string_view local_name);

// Appends the text of the XML subtree under `node` to `builder`.
void AppendXmlParagraphs(const XmlDocument& doc, const XmlNode* node,
                         ParagraphBuilder* builder);

// The text of `node`'s subtree as "\n\n"-separated paragraphs.
std::string XmlToParagraphs(const XmlDocument& doc, const XmlNode* node);

// The text of an HTML fragment as "\n\n"-separated paragraphs.
std::string HtmlToParagraphs(absl::string_view html);

// Decodes HTML character references (the XML five, numeric ones and the
// named ones common in news copy such as &nbsp; &mdash; &rsquo; &eacute;),
// appending to `out`. Unknown references are kept as written.
void AppendHtmlDecoded(absl::string_view in, std::string* out);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_MARKUP_TEXT_H_
