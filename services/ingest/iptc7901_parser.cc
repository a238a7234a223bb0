#include "services/ingest/iptc7901_parser.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status/reason.h"
#include "common/status/status_macros.h"
#include "common/time/proto_time.h"
#include "services/ingest/framed_text.h"
#include "services/ingest/line_text.h"

namespace newswire::ingest {
namespace {

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

bool AllLetters(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isalpha(c)) return false;
  }
  return true;
}

int MonthNumber(absl::string_view m) {
  static constexpr const char* kMonths[] = {"JAN", "FEB", "MAR", "APR",
                                            "MAY", "JUN", "JUL", "AUG",
                                            "SEP", "OCT", "NOV", "DEC"};
  for (int i = 0; i < 12; ++i) {
    if (absl::EqualsIgnoreCase(m, kMonths[i])) return i + 1;
  }
  return 0;
}

// "201425 NOV 26" or "201425 GMT NOV 26" -> published_time.
bool ParseTrailer(absl::string_view line, v1::Article* article) {
  std::vector<absl::string_view> t = HeaderTokens(line);
  if (t.size() == 4 && (t[1] == "GMT" || t[1] == "UTC")) t.erase(t.begin() + 1);
  if (t.size() != 3 || t[0].size() != 6 || !AllDigits(t[0]) ||
      MonthNumber(t[1]) == 0 || (t[2].size() != 2 && t[2].size() != 4) ||
      !AllDigits(t[2])) {
    return false;
  }
  int ddhhmm = 0, year = 0;
  if (!absl::SimpleAtoi(t[0], &ddhhmm) || !absl::SimpleAtoi(t[2], &year)) {
    return false;
  }
  if (year < 100) year += 2000;
  const int day = ddhhmm / 10000, hour = ddhhmm / 100 % 100,
            minute = ddhhmm % 100;
  if (day < 1 || day > 31 || hour > 23 || minute > 59) return false;
  absl::CivilMinute when(year, MonthNumber(t[1]), day, hour, minute);
  ToProtoTime(absl::FromCivil(when, absl::UTCTimeZone()),
              article->mutable_published_time());
  return true;
}

}  // namespace

absl::StatusOr<v1::Article> ParseIptc7901(absl::string_view message) {
  ASSIGN_OR_RETURN(Frame frame, SplitFrame(message));
  std::vector<absl::string_view> header_lines = SplitLines(frame.header);
  size_t h = 0;
  while (h < header_lines.size() && IsBlankLine(header_lines[h])) ++h;
  std::vector<absl::string_view> tokens;
  if (h < header_lines.size()) tokens = HeaderTokens(header_lines[h]);
  // <source><sequence>: letters then digits, e.g. "NWA0042".
  size_t split = 0;
  if (!tokens.empty()) {
    while (split < tokens[0].size() && absl::ascii_isalpha(tokens[0][split])) {
      ++split;
    }
  }
  if (tokens.size() < 3 || split == 0 || !AllDigits(tokens[0].substr(split)) ||
      PriorityFromCode(tokens[1]) == 0 || tokens[2].size() > 3 ||
      !AllLetters(tokens[2])) {
    return InvalidRecord(
        "iptc7901.bad_header",
        "header is not '<source><seq> <priority> <category> <words>'");
  }
  v1::Article article;
  article.set_format(v1::WIRE_FORMAT_IPTC_7901);
  article.set_priority(PriorityFromCode(tokens[1]));
  article.add_categories(std::string(tokens[2]));

  std::vector<std::string> slug_lines;
  for (size_t i = h + 1; i < header_lines.size(); ++i) {
    absl::string_view line = TrimLine(header_lines[i]);
    if (!line.empty()) slug_lines.emplace_back(line);
  }
  std::string slugline = absl::StrJoin(slug_lines, " ");
  if (!slugline.empty()) {
    article.set_slugline(slugline);
    // The story key is the slug's first word; the rest is the take key.
    absl::string_view key = slugline;
    size_t space = key.find(' ');
    article.set_provider_id(std::string(key.substr(0, space)));
    if (space != absl::string_view::npos) {
      ApplyTakeKey(key.substr(space + 1), &article);
    }
  }

  std::vector<absl::string_view> lines = SplitLines(frame.text);
  size_t first = 0;
  while (first < lines.size() && IsBlankLine(lines[first])) ++first;
  if (first < lines.size()) {
    article.set_headline(std::string(TrimLine(lines[first])));
    ++first;
  }
  std::vector<std::string> paragraphs =
      LinesToParagraphs(absl::MakeConstSpan(lines).subspan(first));
  if (!ParseTrailer(frame.trailer, &article) && !paragraphs.empty() &&
      ParseTrailer(paragraphs.back(), &article)) {
    paragraphs.pop_back();
  }
  FinishFramedArticle(std::move(paragraphs),
                      "The following information is not for publication",
                      &article);
  return article;
}

}  // namespace newswire::ingest
