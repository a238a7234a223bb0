#include "services/ingest/markup_text.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "services/ingest/text_util.h"

namespace newswire::ingest {
namespace {

struct NamedEntity {
  const char* name;
  uint32_t cp;
};

// Sorted by name (byte order) for binary search.
constexpr NamedEntity kEntities[] = {
    {"AElig", 198},   {"Aacute", 193}, {"Acirc", 194},  {"Agrave", 192},
    {"Aring", 197},   {"Atilde", 195}, {"Auml", 196},   {"Ccedil", 199},
    {"Eacute", 201},  {"Ecirc", 202},  {"Egrave", 200}, {"Euml", 203},
    {"Iacute", 205},  {"Icirc", 206},  {"Iuml", 207},   {"Ntilde", 209},
    {"Oacute", 211},  {"Ocirc", 212},  {"Oslash", 216}, {"Ouml", 214},
    {"Uacute", 218},  {"Ucirc", 219},  {"Uuml", 220},   {"Yacute", 221},
    {"aacute", 225},  {"acirc", 226},  {"aelig", 230},  {"agrave", 224},
    {"amp", 38},      {"apos", 39},    {"aring", 229},  {"atilde", 227},
    {"auml", 228},    {"bdquo", 8222}, {"bull", 8226},  {"ccedil", 231},
    {"cent", 162},    {"copy", 169},   {"deg", 176},    {"divide", 247},
    {"eacute", 233},  {"ecirc", 234},  {"egrave", 232}, {"emsp", 8195},
    {"ensp", 8194},   {"eth", 240},    {"euml", 235},   {"euro", 8364},
    {"frac12", 189},  {"frac14", 188}, {"frac34", 190}, {"gt", 62},
    {"hellip", 8230}, {"iacute", 237}, {"icirc", 238},  {"igrave", 236},
    {"iuml", 239},    {"laquo", 171},  {"ldquo", 8220}, {"lsquo", 8216},
    {"lt", 60},       {"mdash", 8212}, {"middot", 183}, {"nbsp", 160},
    {"ndash", 8211},  {"ntilde", 241}, {"oacute", 243}, {"ocirc", 244},
    {"ograve", 242},  {"oslash", 248}, {"otilde", 245}, {"ouml", 246},
    {"para", 182},    {"plusmn", 177}, {"pound", 163},  {"quot", 34},
    {"raquo", 187},   {"rdquo", 8221}, {"reg", 174},    {"rsquo", 8217},
    {"sbquo", 8218},  {"sect", 167},   {"shy", 173},    {"szlig", 223},
    {"thinsp", 8201}, {"thorn", 254},  {"times", 215},  {"trade", 8482},
    {"uacute", 250},  {"ucirc", 251},  {"ugrave", 249}, {"uuml", 252},
    {"yacute", 253},  {"yen", 165},    {"yuml", 255},   {"zwj", 8205},
    {"zwnj", 8204},
};

bool LookupEntity(absl::string_view name, uint32_t* cp) {
  auto it = std::lower_bound(
      std::begin(kEntities), std::end(kEntities), name,
      [](const NamedEntity& e, absl::string_view n) { return e.name < n; });
  if (it == std::end(kEntities) || absl::string_view(it->name) != name) {
    return false;
  }
  *cp = it->cp;
  return true;
}

// Elements whose content is never story text.
bool IsSkippedElement(absl::string_view name) {
  static constexpr absl::string_view kSkipped[] = {
      "script", "style",  "head",     "media",    "object",
      "iframe", "figure", "noscript", "template", "svg"};
  for (absl::string_view s : kSkipped) {
    if (absl::EqualsIgnoreCase(name, s)) return true;
  }
  return false;
}

}  // namespace

void ParagraphBuilder::Append(absl::string_view text) {
  AppendCollapsed(text, &current_);
}

void ParagraphBuilder::Break() {
  TrimTrailingSpace(&current_);
  if (!current_.empty()) {
    paragraphs_.push_back(std::move(current_));
    current_.clear();
  }
}

std::vector<std::string> ParagraphBuilder::TakeParagraphs() {
  Break();
  return std::move(paragraphs_);
}

std::string ParagraphBuilder::Join() {
  return absl::StrJoin(TakeParagraphs(), "\n\n");
}

bool IsBlockElement(absl::string_view name) {
  static constexpr absl::string_view kBlocks[] = {
      "p",     "div",          "br",         "h1",         "h2",
      "h3",    "h4",           "h5",         "h6",         "hl1",
      "hl2",   "li",           "ul",         "ol",         "dl",
      "dt",    "dd",           "blockquote", "pre",        "tr",
      "table", "section",      "article",    "header",     "footer",
      "block", "hr",           "bq",         "figcaption", "nitf-table",
      "title", "body.content", "body.head",  "body.end"};
  for (absl::string_view b : kBlocks) {
    if (absl::EqualsIgnoreCase(name, b)) return true;
  }
  return false;
}

void AppendXmlParagraphs(const XmlDocument& doc, const XmlNode* node,
                         ParagraphBuilder* builder) {
  if (!node->is_element) {
    builder->Append(node->text);
    return;
  }
  if (IsSkippedElement(node->local_name)) return;
  const bool block = IsBlockElement(node->local_name);
  if (block) builder->Break();
  for (const XmlNode* c = doc.FirstChild(node); c != nullptr;
       c = doc.NextSibling(c)) {
    AppendXmlParagraphs(doc, c, builder);
  }
  if (block) builder->Break();
}

std::string XmlToParagraphs(const XmlDocument& doc, const XmlNode* node) {
  ParagraphBuilder builder;
  AppendXmlParagraphs(doc, node, &builder);
  return builder.Join();
}

void AppendHtmlDecoded(absl::string_view in, std::string* out) {
  AppendDecodedReferences(in, LookupEntity, /*keep_unknown=*/true, out,
                          nullptr);
}

std::string HtmlToParagraphs(absl::string_view html) {
  ParagraphBuilder builder;
  std::string decoded;
  size_t i = 0;
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == absl::string_view::npos) lt = html.size();
    if (lt > i) {
      decoded.clear();
      AppendHtmlDecoded(html.substr(i, lt - i), &decoded);
      builder.Append(decoded);
    }
    if (lt >= html.size()) break;
    absl::string_view rest = html.substr(lt);
    if (absl::StartsWith(rest, "<!--")) {
      size_t end = html.find("-->", lt + 4);
      i = end == absl::string_view::npos ? html.size() : end + 3;
      continue;
    }
    // Tag: '<' ['/'] name attributes '>' (quotes may hide a '>').
    size_t j = lt + 1;
    bool closing = j < html.size() && html[j] == '/';
    if (closing) ++j;
    size_t name_start = j;
    while (j < html.size() && (absl::ascii_isalnum(html[j]) || html[j] == '.' ||
                               html[j] == '-' || html[j] == ':')) {
      ++j;
    }
    absl::string_view name = html.substr(name_start, j - name_start);
    if (name.empty() && html.substr(lt + 1, 1) != "!" &&
        html.substr(lt + 1, 1) != "?" && !closing) {
      builder.Append("<");  // a lone '<' in text
      i = lt + 1;
      continue;
    }
    char quote = 0;
    while (j < html.size() && (quote != 0 || html[j] != '>')) {
      if (quote == 0 && (html[j] == '"' || html[j] == '\'')) {
        quote = html[j];
      } else if (quote != 0 && html[j] == quote) {
        quote = 0;
      }
      ++j;
    }
    i = j < html.size() ? j + 1 : html.size();
    size_t colon = name.rfind(':');
    if (colon != absl::string_view::npos) name = name.substr(colon + 1);
    if (!closing && IsSkippedElement(name)) {
      // Drop everything up to the matching end tag.
      size_t end = i;
      while ((end = html.find("</", end)) != absl::string_view::npos &&
             !absl::StartsWithIgnoreCase(html.substr(end + 2), name)) {
        end += 2;
      }
      if (end == absl::string_view::npos) break;
      size_t gt = html.find('>', end);
      i = gt == absl::string_view::npos ? html.size() : gt + 1;
      continue;
    }
    if (IsBlockElement(name)) builder.Break();
  }
  return builder.Join();
}

}  // namespace newswire::ingest
