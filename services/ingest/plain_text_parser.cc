#include "services/ingest/plain_text_parser.h"

#include <vector>

#include "absl/strings/str_join.h"
#include "common/status/reason.h"
#include "common/text/segment.h"
#include "services/ingest/line_text.h"

namespace newswire::ingest {
namespace {

constexpr size_t kMaxTitleLine = 150;
constexpr size_t kMaxHeadline = 200;

bool EndsLikeSentence(absl::string_view line) {
  char c = line.back();
  return c == '.' || c == ',' || c == ';' || c == ':';
}

}  // namespace

std::string FirstSentence(absl::string_view p) {
  size_t end = text::FirstSentenceEnd(p);
  if (end > kMaxHeadline) {
    end = kMaxHeadline;
    while (end > 0 && p[end] != ' ') --end;
    if (end == 0) end = kMaxHeadline;
    // Do not cut inside a UTF-8 sequence.
    while (end > 0 && (static_cast<unsigned char>(p[end]) & 0xC0) == 0x80) {
      --end;
    }
  }
  return std::string(p.substr(0, end));
}

absl::StatusOr<v1::Article> ParsePlainText(absl::string_view text) {
  std::vector<absl::string_view> lines = SplitLines(text);
  size_t first = 0;
  while (first < lines.size() && IsBlankLine(lines[first])) ++first;
  if (first == lines.size()) {
    return InvalidRecord("payload.empty", "no text in payload");
  }
  v1::Article article;
  article.set_format(v1::WIRE_FORMAT_PLAIN_TEXT);
  absl::string_view title = TrimLine(lines[first]);
  const bool stands_alone =
      first + 1 < lines.size() && IsBlankLine(lines[first + 1]);
  const bool is_title = title.size() <= kMaxTitleLine &&
                        first + 1 < lines.size() &&
                        (stands_alone || !EndsLikeSentence(title));
  std::vector<std::string> paragraphs;
  if (is_title) {
    article.set_headline(std::string(title));
    paragraphs =
        LinesToParagraphs(absl::MakeConstSpan(lines).subspan(first + 1));
  } else {
    paragraphs = LinesToParagraphs(absl::MakeConstSpan(lines).subspan(first));
    article.set_headline(FirstSentence(paragraphs.front()));
  }
  for (std::string& credit : TakeTrailingSourceLines(&paragraphs)) {
    article.add_credits(std::move(credit));
  }
  article.set_body(absl::StrJoin(paragraphs, "\n\n"));
  return article;
}

}  // namespace newswire::ingest
