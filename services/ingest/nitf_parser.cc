#include "services/ingest/nitf_parser.h"

#include <string>

#include "common/status/reason.h"
#include "common/status/status_macros.h"
#include "services/ingest/article_fields.h"
#include "services/ingest/markup_text.h"
#include "services/ingest/timestamps.h"

namespace newswire::ingest {
namespace {

void SetIfEmpty(std::string* field, std::string value) {
  if (field->empty()) *field = std::move(value);
}

void ApplyDocdata(const XmlDocument& doc, const XmlNode* docdata,
                  v1::Article* article) {
  if (const XmlNode* id = doc.FindChild(docdata, "doc-id")) {
    SetIfEmpty(article->mutable_provider_id(),
               std::string(doc.Attribute(id, "id-string")));
  }
  if (const XmlNode* urgency = doc.FindChild(docdata, "urgency")) {
    int u = ParseUrgency(doc.Attribute(urgency, "ed-urg"));
    if (u != 0 && article->priority() == 0) article->set_priority(u);
  }
  if (article->pub_status() == v1::PUB_STATUS_UNSPECIFIED) {
    article->set_pub_status(
        PubStatusFromName(doc.Attribute(docdata, "management-status")));
  }
  if (const XmlNode* issue = doc.FindChild(docdata, "date.issue")) {
    if (!article->has_published_time()) {
      google::protobuf::Timestamp ts;
      if (ParseIsoTimestamp(doc.Attribute(issue, "norm"), &ts)) {
        *article->mutable_published_time() = ts;
      }
    }
  }
  if (const XmlNode* du_key = doc.FindChild(docdata, "du-key")) {
    int v = ParseVersion(doc.Attribute(du_key, "version"));
    if (v != 0 && article->version() == 0) article->set_version(v);
  }
  if (const XmlNode* msg = doc.FindChild(docdata, "ed-msg")) {
    SetIfEmpty(article->mutable_editor_note(),
               std::string(doc.Attribute(msg, "info")));
  }
  if (article->keywords().empty()) {
    for (const XmlNode* kw : doc.FindDescendants(docdata, "keyword")) {
      absl::string_view key = doc.Attribute(kw, "key");
      if (!key.empty()) article->add_keywords(std::string(key));
    }
  }
}

}  // namespace

void ApplyNitf(const XmlDocument& doc, const XmlNode* nitf,
               v1::Article* article) {
  if (article->language().empty()) {
    article->set_language(LanguageFromTag(doc.Attribute(nitf, "lang")));
  }
  if (const XmlNode* head = doc.FindChild(nitf, "head")) {
    if (const XmlNode* docdata = doc.FindChild(head, "docdata")) {
      ApplyDocdata(doc, docdata, article);
    }
    if (article->categories().empty()) {
      for (const XmlNode* s : doc.FindDescendants(head, "tobject.subject")) {
        absl::string_view code = doc.Attribute(s, "tobject.subject.refnum");
        if (!code.empty()) article->add_categories(std::string(code));
      }
    }
  }
  const XmlNode* body = doc.FindChild(nitf, "body");
  const XmlNode* body_head =
      body == nullptr ? nullptr : doc.FindChild(body, "body.head");
  // hl1 beats head/title, which is often an internal name.
  const XmlNode* hl1 =
      body_head == nullptr ? nullptr : doc.FindDescendant(body_head, "hl1");
  const XmlNode* head = doc.FindChild(nitf, "head");
  const XmlNode* title =
      head == nullptr ? nullptr : doc.FindChild(head, "title");
  if (hl1 != nullptr) {
    SetIfEmpty(article->mutable_headline(), doc.Text(hl1));
  }
  if (title != nullptr) {
    SetIfEmpty(article->mutable_headline(), doc.Text(title));
  }
  if (body == nullptr) return;
  if (body_head != nullptr) {
    if (const XmlNode* byline = doc.FindDescendant(body_head, "byline")) {
      SetIfEmpty(article->mutable_byline(), doc.Text(byline));
    }
    if (const XmlNode* dateline = doc.FindDescendant(body_head, "dateline")) {
      SetIfEmpty(article->mutable_dateline(), doc.Text(dateline));
    }
  }
  if (const XmlNode* content = doc.FindChild(body, "body.content")) {
    if (article->language().empty()) {
      article->set_language(LanguageFromTag(doc.Attribute(content, "lang")));
    }
    SetIfEmpty(article->mutable_body(), XmlToParagraphs(doc, content));
  }
}

absl::StatusOr<v1::Article> ParseNitf(absl::string_view xml,
                                      const XmlLimits& limits) {
  ASSIGN_OR_RETURN(XmlDocument doc, XmlDocument::Parse(xml, limits));
  if (doc.root()->local_name != "nitf") {
    return InvalidRecord("nitf.bad_root", "root element is not <nitf>");
  }
  v1::Article article;
  article.set_format(v1::WIRE_FORMAT_NITF);
  ApplyNitf(doc, doc.root(), &article);
  return article;
}

}  // namespace newswire::ingest
