#include "tools/storygen/wire_formats.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace newswire::storygen {
namespace {

constexpr const char* kEmDash = "\u2014";
constexpr const char* kOpenQuote = "\u201c";
constexpr const char* kCloseQuote = "\u201d";

std::string Plain(const StoryParts& s) {
  std::string out = absl::StrCat(s.headline, "\n\n");
  for (const std::string& p : s.paragraphs) absl::StrAppend(&out, p, "\n\n");
  return out;
}

// IPTC 7901: SOH header line, keyword line, STX, headline, indented
// paragraphs, ETX. No dates in any format: every article is then dated by
// its receipt, so copies sent together fall in one dedup window.
std::string Iptc7901(const StoryParts& s, int n) {
  std::string out = absl::StrCat("\x01NWT", 1000 + n % 9000, " 3 pol 0400\r\n",
                                 "STORY-", n, "\r\n\x02", s.headline, "\r\n");
  for (const std::string& p : s.paragraphs) {
    absl::StrAppend(&out,
                    WrapWireText(absl::StrReplaceAll(p, {{kEmDash, "--"},
                                                         {kOpenQuote, "\""},
                                                         {kCloseQuote, "\""}}),
                                 "   "),
                    "\r\n");
  }
  absl::StrAppend(&out, "\x03");
  return out;
}

// ANPA 1312: SYN SYN SOH, selector and header fields, STX, "^" headline and
// byline lines, indented paragraphs, ETX.
std::string Anpa1312(const StoryParts& s, int n) {
  std::string out = absl::StrCat(
      "\x16\x16\x01", "a", 1000 + n % 9000, "\x1fr\x1fi\x1f\x13", "bc-Story-",
      n, " 0400\r\n\x02   ^", s.headline, "<\r\n^By Newswire Staff=\r\n");
  for (const std::string& p : s.paragraphs) {
    absl::StrAppend(&out,
                    WrapWireText(absl::StrReplaceAll(p, {{kEmDash, "_"},
                                                         {kOpenQuote, "\""},
                                                         {kCloseQuote, "\""},
                                                         {"\u00e9", "\xE9"}}),
                                 "   "),
                    "\r\n");
  }
  absl::StrAppend(&out, "\x03");
  return out;
}

std::string Nitf(const StoryParts& s, const std::string& id, int version) {
  std::string out = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf version=\"-//"
      "IPTC//DTD NITF 3.6//EN\" xml:lang=\"en\">\n<head>\n<title>",
      XmlEscape(s.headline),
      "</title>\n<docdata management-status=\"usable\">\n<doc-id "
      "id-string=\"",
      id, "\"/>\n<urgency ed-urg=\"4\"/>\n<du-key version=\"", version,
      "\" key=\"", id,
      "\"/>\n</docdata>\n</head>\n<body>\n<body.head>\n<hedline><hl1>",
      XmlEscape(s.headline),
      "</hl1></hedline>\n</body.head>\n<body.content>\n");
  for (const std::string& p : s.paragraphs) {
    absl::StrAppend(&out, "<p>", XmlEscape(p), "</p>\n");
  }
  absl::StrAppend(&out, "</body.content>\n</body>\n</nitf>\n");
  return out;
}

std::string NewsMlG2(const StoryParts& s, const std::string& id, int version) {
  std::string out = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<newsItem xmlns=\""
      "http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:newsml:test:",
      id, "\" version=\"", version,
      "\" standard=\"NewsML-G2\" xml:lang=\"en\">\n<itemMeta>\n"
      "<itemClass qcode=\"ninat:text\"/>\n<pubStatus qcode=\""
      "stat:usable\"/>\n</itemMeta>\n<contentMeta>\n<urgency>4</urgency>\n"
      "<headline>",
      XmlEscape(s.headline),
      "</headline>\n</contentMeta>\n<contentSet>\n<inlineXML contenttype=\""
      "application/xhtml+xml\"><html xmlns=\"http://www.w3.org/1999/"
      "xhtml\"><body>\n");
  for (const std::string& p : s.paragraphs) {
    absl::StrAppend(&out, "<p>", XmlEscape(p), "</p>\n");
  }
  absl::StrAppend(&out,
                  "</body></html></inlineXML>\n</contentSet>\n</newsItem>\n");
  return out;
}

std::string Ninjs(const StoryParts& s, const std::string& id, int version) {
  std::string html;
  for (const std::string& p : s.paragraphs) {
    absl::StrAppend(&html, "<p>", XmlEscape(p), "</p>");
  }
  return absl::StrCat(
      "{\"uri\": \"urn:test:", id, "\", \"type\": \"text\", \"version\": \"",
      version,
      "\", "
      "\"pubstatus\": \"usable\", \"urgency\": 4, \"language\": \"en\", "
      "\"headline\": \"",
      JsonEscape(s.headline), "\", \"body_html\": \"", JsonEscape(html), "\"}");
}

}  // namespace

std::string JsonEscape(absl::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", c);
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string XmlEscape(const std::string& s) {
  return absl::StrReplaceAll(s, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}});
}

std::string WrapWireText(const std::string& text, const std::string& indent) {
  std::string out = indent;
  size_t column = indent.size();
  size_t i = 0;
  while (i < text.size()) {
    size_t space = text.find(' ', i);
    if (space == std::string::npos) space = text.size();
    if (column > indent.size() && column + (space - i) > 72) {
      out += "\r\n";
      column = 0;
    } else if (column > indent.size()) {
      out += ' ';
      ++column;
    }
    out.append(text, i, space - i);
    column += space - i;
    i = space + 1;
  }
  return out;
}

std::string RenderWire(const StoryParts& story, v1::WireFormat format,
                       const std::string& provider_id, int version) {
  // A small number for the formats' header fields, stable per story.
  int n = 0;
  for (char c : provider_id)
    n = (n * 31 + static_cast<unsigned char>(c)) % 9000;
  switch (format) {
    case v1::WIRE_FORMAT_PLAIN_TEXT:
      return Plain(story);
    case v1::WIRE_FORMAT_IPTC_7901:
      return Iptc7901(story, n);
    case v1::WIRE_FORMAT_ANPA_1312:
      return Anpa1312(story, n);
    case v1::WIRE_FORMAT_NITF:
      return Nitf(story, provider_id, version);
    case v1::WIRE_FORMAT_NEWSML_G2:
      return NewsMlG2(story, provider_id, version);
    case v1::WIRE_FORMAT_NINJS:
      return Ninjs(story, provider_id, version);
    default:
      return std::string();
  }
}

}  // namespace newswire::storygen
