#include "services/ingest/newsml_g2_parser.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/reason.h"
#include "common/status/status_macros.h"
#include "services/ingest/article_fields.h"
#include "services/ingest/line_text.h"
#include "services/ingest/markup_text.h"
#include "services/ingest/nitf_parser.h"
#include "services/ingest/timestamps.h"

namespace newswire::ingest {
namespace {

void ApplyItemMeta(const XmlDocument& doc, const XmlNode* meta,
                   v1::Article* article) {
  const XmlNode* created = doc.FindChild(meta, "versionCreated");
  if (created == nullptr) created = doc.FindChild(meta, "firstCreated");
  if (created != nullptr) {
    ParseIsoTimestamp(doc.Text(created), article->mutable_published_time());
  }
  if (const XmlNode* status = doc.FindChild(meta, "pubStatus")) {
    article->set_pub_status(PubStatusFromName(doc.Attribute(status, "qcode")));
  }
  if (const XmlNode* note = doc.FindChild(meta, "edNote")) {
    article->set_editor_note(doc.Text(note));
  }
  for (const XmlNode* signal : doc.FindChildren(meta, "signal")) {
    AddSignal(doc.Attribute(signal, "qcode"), article);
  }
}

void ApplyContentMeta(const XmlDocument& doc, const XmlNode* meta,
                      v1::Article* article) {
  if (const XmlNode* urgency = doc.FindChild(meta, "urgency")) {
    article->set_priority(ParseUrgency(doc.Text(urgency)));
  }
  if (const XmlNode* n = doc.FindChild(meta, "slugline")) {
    article->set_slugline(doc.Text(n));
  }
  if (const XmlNode* n = doc.FindChild(meta, "headline")) {
    article->set_headline(doc.Text(n));
  }
  if (const XmlNode* n = doc.FindChild(meta, "by")) {
    article->set_byline(doc.Text(n));
  }
  if (const XmlNode* n = doc.FindChild(meta, "dateline")) {
    article->set_dateline(doc.Text(n));
  }
  if (const XmlNode* located = doc.FindChild(meta, "located")) {
    const XmlNode* name = doc.FindChild(located, "name");
    article->set_located(name != nullptr
                             ? doc.Text(name)
                             : std::string(doc.Attribute(located, "qcode")));
  }
  if (const XmlNode* language = doc.FindChild(meta, "language")) {
    std::string code = LanguageFromTag(doc.Attribute(language, "tag"));
    if (!code.empty()) article->set_language(std::move(code));
  }
  for (const XmlNode* subject : doc.FindChildren(meta, "subject")) {
    absl::string_view code = doc.Attribute(subject, "qcode");
    if (code.empty()) code = doc.Attribute(subject, "uri");
    if (!code.empty()) article->add_categories(std::string(code));
  }
  for (const XmlNode* keyword : doc.FindChildren(meta, "keyword")) {
    std::string k = doc.Text(keyword);
    if (!k.empty()) article->add_keywords(std::move(k));
  }
}

// Text of an inlineData element: lines to paragraphs.
std::string InlineDataText(const XmlDocument& doc, const XmlNode* data) {
  std::string raw;
  for (const XmlNode* c = doc.FirstChild(data); c != nullptr;
       c = doc.NextSibling(c)) {
    if (!c->is_element) raw += c->text;
  }
  std::vector<absl::string_view> lines = SplitLines(raw);
  return absl::StrJoin(LinesToParagraphs(lines), "\n\n");
}

void ApplyContentSet(const XmlDocument& doc, const XmlNode* set,
                     v1::Article* article) {
  if (const XmlNode* inline_xml = doc.FindChild(set, "inlineXML")) {
    for (const XmlNode* c = doc.FirstChild(inline_xml); c != nullptr;
         c = doc.NextSibling(c)) {
      if (!c->is_element) continue;
      if (c->local_name == "nitf") {
        ApplyNitf(doc, c, article);
      } else {
        // XHTML: <html><body>...</body></html> or a bare fragment.
        const XmlNode* body = doc.FindDescendant(c, "body");
        article->set_body(XmlToParagraphs(doc, body != nullptr ? body : c));
      }
      return;
    }
  }
  if (const XmlNode* data = doc.FindChild(set, "inlineData")) {
    article->set_body(InlineDataText(doc, data));
  }
}

// Appends every newsItem at or below `node` to `items`, in document order,
// without looking inside a newsItem (an item's content is not an item).
// Stops once `items` holds more than `max_items`. Recursion depth is bounded
// by XmlLimits::max_depth.
void CollectNewsItems(const XmlDocument& doc, const XmlNode* node,
                      size_t max_items, std::vector<const XmlNode*>* items) {
  if (node->local_name == "newsItem") {
    items->push_back(node);
    return;
  }
  for (const XmlNode* c = doc.FirstChild(node);
       c != nullptr && items->size() <= max_items; c = doc.NextSibling(c)) {
    if (c->is_element) CollectNewsItems(doc, c, max_items, items);
  }
}

v1::Article ParseNewsItem(const XmlDocument& doc, const XmlNode* item) {
  v1::Article article;
  article.set_format(v1::WIRE_FORMAT_NEWSML_G2);
  article.set_provider_id(std::string(doc.Attribute(item, "guid")));
  article.set_version(ParseVersion(doc.Attribute(item, "version")));
  article.set_language(LanguageFromTag(doc.Attribute(item, "lang")));
  if (const XmlNode* meta = doc.FindChild(item, "itemMeta")) {
    ApplyItemMeta(doc, meta, &article);
  }
  if (const XmlNode* meta = doc.FindChild(item, "contentMeta")) {
    ApplyContentMeta(doc, meta, &article);
  }
  if (const XmlNode* set = doc.FindChild(item, "contentSet")) {
    ApplyContentSet(doc, set, &article);
  }
  return article;
}

}  // namespace

absl::StatusOr<std::vector<v1::Article>> ParseNewsMlG2(absl::string_view xml,
                                                       const XmlLimits& limits,
                                                       int max_items) {
  ASSIGN_OR_RETURN(XmlDocument doc, XmlDocument::Parse(xml, limits));
  const size_t limit = static_cast<size_t>(std::max(max_items, 1));
  std::vector<const XmlNode*> items;
  CollectNewsItems(doc, doc.root(), limit, &items);
  if (items.empty()) {
    return InvalidRecord("newsml.no_news_item",
                         "no newsItem element in the document");
  }
  if (items.size() > limit) {
    return InvalidRecord(
        "newsml.too_many_items",
        absl::StrCat("newsMessage holds more than ", limit, " newsItems"));
  }
  std::vector<v1::Article> articles;
  articles.reserve(items.size());
  for (const XmlNode* item : items) {
    articles.push_back(ParseNewsItem(doc, item));
  }
  return articles;
}

}  // namespace newswire::ingest
