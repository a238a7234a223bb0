#include "services/ingest/anpa1312_parser.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status/reason.h"
#include "common/status/status_macros.h"
#include "common/time/proto_time.h"
#include "services/ingest/framed_text.h"
#include "services/ingest/line_text.h"
#include "services/ingest/text_util.h"

namespace newswire::ingest {
namespace {

bool IsMonthDay(absl::string_view t) {
  return t.size() == 5 && absl::ascii_isdigit(t[0]) &&
         absl::ascii_isdigit(t[1]) && t[2] == '-' &&
         absl::ascii_isdigit(t[3]) && absl::ascii_isdigit(t[4]);
}

int Digits(absl::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (i >= s.size() || !absl::ascii_isdigit(s[i])) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// Finds "MM-DD-YY HHMMGMT" in a trailer line and sets published_time.
bool ParseTrailer(absl::string_view line, v1::Article* article) {
  size_t gmt = line.find("GMT");
  if (gmt == absl::string_view::npos || gmt < 13) return false;
  absl::string_view s = line.substr(gmt - 13, 13);  // "MM-DD-YY HHMM"
  if (s[2] != '-' || s[5] != '-' || s[8] != ' ') return false;
  int month = Digits(s, 0, 2), day = Digits(s, 3, 2), year = Digits(s, 6, 2),
      hour = Digits(s, 9, 2), minute = Digits(s, 11, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 0 || hour < 0 ||
      hour > 23 || minute < 0 || minute > 59) {
    return false;
  }
  absl::CivilMinute when(2000 + year, month, day, hour, minute);
  ToProtoTime(absl::FromCivil(when, absl::UTCTimeZone()),
              article->mutable_published_time());
  return true;
}

// A '^' line without its markers: "^Headline<" -> "Headline".
absl::string_view CaretText(absl::string_view line) {
  line = TrimLine(line);
  absl::ConsumePrefix(&line, "^");
  while (!line.empty() && (line.back() == '<' || line.back() == '=')) {
    line.remove_suffix(1);
  }
  return TrimLine(line);
}

// Parses the header into `article`; false when a required field is missing.
bool ParseHeader(absl::string_view header, v1::Article* article) {
  std::vector<absl::string_view> t = HeaderTokens(header);
  size_t i = 0;
  // Selector and sequence: "a0217" (the letter is optional).
  if (i >= t.size() || t[i].size() < 4 || t[i].size() > 5) return false;
  for (size_t k = t[i].size() - 4; k < t[i].size(); ++k) {
    if (!absl::ascii_isdigit(t[i][k])) return false;
  }
  ++i;
  if (i + 1 >= t.size() || t[i].size() != 1 || t[i + 1].size() != 1 ||
      !absl::ascii_isalpha(t[i][0]) || !absl::ascii_isalpha(t[i + 1][0])) {
    return false;
  }
  article->set_priority(PriorityFromCode(t[i]));
  article->add_categories(std::string(t[i + 1]));
  i += 2;
  if (i >= t.size() || IsMonthDay(t[i])) return false;
  absl::string_view slug = t[i++];
  article->set_slugline(std::string(slug));
  absl::string_view story = slug;
  for (absl::string_view cycle : {"am-", "pm-", "bc-", "AM-", "PM-", "BC-"}) {
    if (absl::ConsumePrefix(&story, cycle)) break;
  }
  article->set_provider_id(std::string(story));
  std::vector<absl::string_view> take_key;
  while (i < t.size() && !IsMonthDay(t[i])) take_key.push_back(t[i++]);
  if (!take_key.empty()) ApplyTakeKey(absl::StrJoin(take_key, " "), article);
  return true;
}

}  // namespace

absl::StatusOr<v1::Article> ParseAnpa1312(absl::string_view message) {
  ASSIGN_OR_RETURN(Frame frame, SplitFrame(message));
  v1::Article article;
  article.set_format(v1::WIRE_FORMAT_ANPA_1312);
  // '^' lines (headline, byline) may come before STX too; the other header
  // lines hold the header fields.
  std::vector<absl::string_view> lines;
  std::string header_fields;
  for (absl::string_view line : SplitLines(frame.header)) {
    if (absl::StartsWith(TrimLine(line), "^")) {
      lines.push_back(line);
    } else {
      absl::StrAppend(&header_fields, line, "\n");
    }
  }
  if (!ParseHeader(header_fields, &article)) {
    return InvalidRecord("anpa1312.bad_header",
                         "header lacks selector, priority, category or "
                         "slugline");
  }
  for (absl::string_view line : SplitLines(frame.text)) lines.push_back(line);
  std::vector<absl::string_view> body_lines;
  body_lines.reserve(lines.size());
  bool byline_done = false;
  for (absl::string_view line : lines) {
    absl::string_view trimmed = TrimLine(line);
    if (absl::StartsWith(trimmed, "^")) {
      absl::string_view text = CaretText(trimmed);
      if (text.empty()) continue;
      // "^BC-Storm-Coast,0412" repeats the slugline and word count.
      if (absl::StartsWithIgnoreCase(text, article.slugline())) continue;
      if (absl::StartsWithIgnoreCase(text, "By ")) {
        article.set_byline(std::string(text));
      } else if (article.headline().empty()) {
        article.set_headline(std::string(text));
      } else if (!article.byline().empty() && !byline_done) {
        // The byline's second line is the writer's title.
        article.set_byline(absl::StrCat(article.byline(), ", ", text));
        byline_done = true;
      }
      continue;
    }
    body_lines.push_back(line);
  }
  // Trailer and end marks at the end of the text, or after ETX.
  ParseTrailer(frame.trailer, &article);
  while (!body_lines.empty()) {
    absl::string_view last = TrimLine(body_lines.back());
    if (last.empty() || last == "(END)" || last == "END" ||
        ParseTrailer(last, &article)) {
      body_lines.pop_back();
      continue;
    }
    break;
  }
  FinishFramedArticle(LinesToParagraphs(body_lines), "EDITOR'S NOTE", &article);
  return article;
}

}  // namespace newswire::ingest
