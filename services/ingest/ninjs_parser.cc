#include "services/ingest/ninjs_parser.h"

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
#include "services/ingest/timestamps.h"

namespace newswire::ingest {
namespace {

std::string PlainBody(absl::string_view text) {
  std::vector<absl::string_view> lines = SplitLines(text);
  return absl::StrJoin(LinesToParagraphs(lines), "\n\n");
}

// The element of `array` with role "main", else the first object.
const JsonValue* MainEntry(const JsonValue* array) {
  if (array == nullptr || !array->is_array()) return nullptr;
  const JsonValue* first = nullptr;
  for (const JsonValue& v : array->items()) {
    if (!v.is_object()) continue;
    if (first == nullptr) first = &v;
    if (v.StringOr("role") == "main") return &v;
  }
  return first;
}

// A number or a numeric string.
absl::string_view NumberText(const JsonValue* v, std::string* buffer) {
  if (v == nullptr) return absl::string_view();
  if (v->is_string()) return v->str();
  if (v->is_number() && v->number() > -1e9 && v->number() < 1e9) {
    *buffer = absl::StrCat(static_cast<int64_t>(v->number()));
    return *buffer;
  }
  return absl::string_view();
}

std::string Body(const JsonValue& doc) {
  absl::string_view text = doc.StringOr("body_text");
  if (!text.empty()) return PlainBody(text);
  absl::string_view html = doc.StringOr("body_html");
  if (!html.empty()) return HtmlToParagraphs(html);
  if (const JsonValue* body = MainEntry(doc.Find("bodies"))) {
    absl::string_view value = body->StringOr("value");
    absl::string_view type = body->StringOr("contenttype");
    if (absl::StrContains(type, "html") ||
        (type.empty() && absl::StrContains(value, "</"))) {
      return HtmlToParagraphs(value);
    }
    return PlainBody(value);
  }
  return std::string();
}

void AddCodes(const JsonValue* array, v1::Article* article) {
  if (array == nullptr || !array->is_array()) return;
  for (const JsonValue& s : array->items()) {
    if (s.is_string()) {
      article->add_categories(s.str());
      continue;
    }
    absl::string_view code = s.StringOr("code");
    if (code.empty()) code = s.StringOr("uri");
    if (code.empty()) code = s.StringOr("qcode");
    if (!code.empty()) article->add_categories(std::string(code));
  }
}

std::string FirstName(const JsonValue* array) {
  if (array == nullptr || !array->is_array()) return std::string();
  for (const JsonValue& p : array->items()) {
    absl::string_view name = p.StringOr("name");
    if (!name.empty()) return std::string(name);
  }
  return std::string();
}

}  // namespace

absl::StatusOr<v1::Article> ParseNinjs(absl::string_view json,
                                       const JsonLimits& limits) {
  ASSIGN_OR_RETURN(JsonValue doc, ParseJson(json, limits));
  if (!doc.is_object()) {
    return InvalidRecord("ninjs.not_object",
                         "a ninjs document is a JSON object");
  }
  v1::Article article;
  article.set_format(v1::WIRE_FORMAT_NINJS);
  article.set_provider_id(std::string(doc.StringOr("uri")));
  std::string buffer;
  article.set_version(ParseVersion(NumberText(doc.Find("version"), &buffer)));
  article.set_priority(ParseUrgency(NumberText(doc.Find("urgency"), &buffer)));
  absl::string_view created = doc.StringOr("versioncreated");
  if (created.empty()) created = doc.StringOr("firstcreated");
  ParseIsoTimestamp(created, article.mutable_published_time());
  article.set_pub_status(PubStatusFromName(doc.StringOr("pubstatus")));

  std::string headline(doc.StringOr("headline"));
  if (headline.empty()) {
    if (const JsonValue* h = MainEntry(doc.Find("headlines"))) {
      headline = std::string(h->StringOr("value"));
    }
  }
  article.set_headline(std::move(headline));
  std::string byline(doc.StringOr("byline"));
  if (byline.empty()) {
    if (const JsonValue* b = MainEntry(doc.Find("bylines"))) {
      byline = std::string(b->StringOr("byline"));
      if (byline.empty()) byline = std::string(b->StringOr("name"));
    }
  }
  article.set_byline(std::move(byline));
  article.set_body(Body(doc));
  article.set_slugline(std::string(doc.StringOr("slugline")));
  article.set_language(LanguageFromTag(doc.StringOr("language")));
  article.set_editor_note(std::string(doc.StringOr("ednote")));
  AddCodes(doc.Find("subject"), &article);
  AddCodes(doc.Find("subjects"), &article);
  if (const JsonValue* keywords = doc.Find("keywords")) {
    if (keywords->is_array()) {
      for (const JsonValue& k : keywords->items()) {
        if (k.is_string()) article.add_keywords(k.str());
      }
    }
  }
  std::string located(doc.StringOr("located"));
  if (located.empty()) located = FirstName(doc.Find("place"));
  if (located.empty()) located = FirstName(doc.Find("places"));
  article.set_located(std::move(located));
  return article;
}

}  // namespace newswire::ingest
