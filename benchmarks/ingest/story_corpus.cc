#include "benchmarks/ingest/story_corpus.h"

#include <cstdint>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "tools/storygen/wire_formats.h"

namespace newswire::ingest::bench {
namespace {

constexpr const char* kPlaces[] = {"PORTVALE", "LAKESHORE", "NORRBY",
                                   "WESTMARK", "EASTFIELD", "HALVREN"};
constexpr const char* kPeople[] = {"Mira Solberg", "Ada Brennan", "Oskar Lind",
                                   "Priya Anand",  "Jonas Weber", "Ana Ruiz"};
constexpr const char* kSubjects[] = {
    "the council",     "the union",   "the ministry",         "the operator",
    "local residents", "the company", "the harbor authority", "police"};
constexpr const char* kVerbs[] = {"said",   "announced", "warned",  "confirmed",
                                  "denied", "expected",  "reported"};
constexpr const char* kObjects[] = {
    "that the plan would be delayed until the spring",
    "a new budget for the flood barrier",
    "that talks on staffing would resume next week",
    "the closure of two regional lines",
    "an investigation into the fire at the caf\xC3\xA9",
    "that about 2,000 people had been affected",
    "record demand for electricity during the cold spell",
    "that the bridge was safe for light traffic"};
constexpr const char* kTails[] = {"on Monday",
                                  "on Friday",
                                  "late on Tuesday",
                                  "in a statement",
                                  "at a news conference",
                                  "after the vote"};

struct Story {
  std::string id;
  std::string headline;
  std::string byline;
  std::string place;
  std::vector<std::string> paragraphs;
};

Story MakeStory(int n) {
  std::mt19937 rng(static_cast<uint32_t>(n) * 2654435761u + 17);
  auto pick = [&rng](const auto& options) {
    return options[rng() % (sizeof(options) / sizeof(options[0]))];
  };
  Story s;
  s.id = absl::StrCat("story-", n);
  s.place = pick(kPlaces);
  s.headline =
      absl::StrCat(pick(kSubjects), " ", pick(kVerbs), " ", pick(kObjects));
  s.headline[0] = static_cast<char>(s.headline[0] - 'a' + 'A');
  s.byline = absl::StrCat("By ", pick(kPeople));
  const int paragraphs = 3 + static_cast<int>(rng() % 12);
  for (int p = 0; p < paragraphs; ++p) {
    std::string text;
    if (p == 0) {
      absl::StrAppend(&text, s.place, ", Nov. ", 1 + rng() % 28,
                      " (Newswire Test Agency) \xE2\x80\x94 ");
    }
    const int sentences = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < sentences; ++k) {
      std::string subject = pick(kSubjects);
      if (k > 0 || p > 0) subject[0] = static_cast<char>(subject[0] - 32);
      if (rng() % 4 == 0) {
        absl::StrAppend(&text, "\xE2\x80\x9CWe ", pick(kVerbs), " ",
                        pick(kObjects), ",\xE2\x80\x9D ", pick(kPeople),
                        " said. ");
      } else {
        absl::StrAppend(&text, subject, " ", pick(kVerbs), " ", pick(kObjects),
                        " ", pick(kTails), ", ", pick(kPeople),
                        " told reporters. ");
      }
    }
    text.pop_back();
    s.paragraphs.push_back(std::move(text));
  }
  return s;
}

std::string JsonEscape(const std::string& s) {
  return absl::StrReplaceAll(s, {{"\\", "\\\\"}, {"\"", "\\\""}});
}

std::string ToLatin1(const std::string& utf8) {
  // The corpus uses only U+00E9 beyond ASCII in ANPA copy; curly quotes and
  // dashes become their ASCII wire forms.
  return absl::StrReplaceAll(utf8, {{"\xC3\xA9", "\xE9"},
                                    {"\xE2\x80\x94", "_"},
                                    {"\xE2\x80\x9C", "\""},
                                    {"\xE2\x80\x9D", "\""}});
}

std::string Render(v1::WireFormat format, const Story& s, int n) {
  switch (format) {
    case v1::WIRE_FORMAT_PLAIN_TEXT:
      return absl::StrCat(s.headline, "\n\n",
                          absl::StrJoin(s.paragraphs, "\n\n"),
                          "\n\n(From news reports)\n");
    case v1::WIRE_FORMAT_IPTC_7901: {
      std::string out = absl::StrCat("\x01NWT", 1000 + n % 9000, " ", 1 + n % 6,
                                     " pol 0400\r\n", "STORY-", n, "\r\n\x02",
                                     s.headline, "\r\n");
      for (const std::string& p : s.paragraphs) {
        absl::StrAppend(&out, storygen::WrapWireText(p, "   "), "\r\n");
      }
      absl::StrAppend(&out, "\r\n201425 NOV 26\r\n\x03");
      return out;
    }
    case v1::WIRE_FORMAT_ANPA_1312: {
      std::string out = absl::StrCat("\x16\x16\x01", "a", 1000 + n % 9000,
                                     "\x1fr\x1fi\x1f\x13", "bc-Story-", n,
                                     " 11-20 0400\r\n\x02   ^", s.headline,
                                     "<\r\n^", s.byline, "=\r\n");
      for (const std::string& p : s.paragraphs) {
        absl::StrAppend(&out, storygen::WrapWireText(p, "   "), "\r\n");
      }
      absl::StrAppend(&out, "   NTA-ZH-11-20-26 1642GMT<\r\n\x03");
      return ToLatin1(out);
    }
    case v1::WIRE_FORMAT_NITF: {
      std::string out = absl::StrCat(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf version=\"-//"
          "IPTC//DTD NITF 3.6//EN\" xml:lang=\"en\">\n<head>\n<title>",
          s.id,
          "</title>\n<tobject tobject.type=\"news\"><tobject.subject "
          "tobject.subject.refnum=\"04000000\"/></tobject>\n<docdata "
          "management-status=\"usable\">\n<doc-id id-string=\"",
          s.id, "\"/>\n<urgency ed-urg=\"", 1 + n % 8,
          "\"/>\n<date.issue norm=\"20261122T083000Z\"/>\n<key-list>"
          "<keyword key=\"news\"/></key-list>\n</docdata>\n</head>\n<body>\n"
          "<body.head>\n<hedline><hl1>",
          storygen::XmlEscape(s.headline), "</hl1></hedline>\n<byline>",
          s.byline,
          "</byline>\n</body.head>\n"
          "<body.content>\n");
      for (const std::string& p : s.paragraphs) {
        absl::StrAppend(&out, "<p>", storygen::XmlEscape(p), "</p>\n");
      }
      absl::StrAppend(&out, "</body.content>\n</body>\n</nitf>\n");
      return out;
    }
    case v1::WIRE_FORMAT_NEWSML_G2: {
      std::string out = absl::StrCat(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<newsItem xmlns=\""
          "http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:newsml:test:",
          s.id, "\" version=\"", 1 + n % 3,
          "\" standard=\"NewsML-G2\" xml:lang=\"en\">\n<itemMeta>\n"
          "<itemClass qcode=\"ninat:text\"/>\n<versionCreated>"
          "2026-11-23T10:15:00Z</versionCreated>\n<pubStatus qcode=\""
          "stat:usable\"/>\n</itemMeta>\n<contentMeta>\n<urgency>",
          1 + n % 8,
          "</urgency>\n<subject qcode=\"medtop:20000250\"/>\n"
          "<headline>",
          storygen::XmlEscape(s.headline), "</headline>\n<by>", s.byline,
          "</by>\n</contentMeta>\n<contentSet>\n<inlineXML contenttype=\""
          "application/xhtml+xml\"><html xmlns=\"http://www.w3.org/1999/"
          "xhtml\"><body>\n");
      for (const std::string& p : s.paragraphs) {
        absl::StrAppend(&out, "<p>", storygen::XmlEscape(p), "</p>\n");
      }
      absl::StrAppend(&out,
                      "</body></html></inlineXML>\n</contentSet>\n"
                      "</newsItem>\n");
      return out;
    }
    case v1::WIRE_FORMAT_NINJS: {
      std::string html;
      for (const std::string& p : s.paragraphs) {
        absl::StrAppend(&html, "<p>", storygen::XmlEscape(p), "</p>");
      }
      return absl::StrCat(
          "{\"uri\": \"urn:test:", s.id,
          "\", \"type\": \"text\", "
          "\"version\": \"",
          1 + n % 3,
          "\", \"versioncreated\": "
          "\"2026-11-24T12:00:00+01:00\", \"pubstatus\": \"usable\", "
          "\"urgency\": ",
          1 + n % 8,
          ", \"language\": \"en\", "
          "\"headline\": \"",
          JsonEscape(s.headline), "\", \"byline\": \"", s.byline,
          "\", \"subject\": [{\"code\": \"medtop:20000139\"}], "
          "\"body_html\": \"",
          JsonEscape(html), "\"}");
    }
    default:
      return std::string();
  }
}

}  // namespace

std::vector<std::string> RenderCorpus(v1::WireFormat format, int count) {
  std::vector<std::string> out;
  out.reserve(count);
  for (int n = 0; n < count; ++n)
    out.push_back(Render(format, MakeStory(n), n));
  return out;
}

}  // namespace newswire::ingest::bench
