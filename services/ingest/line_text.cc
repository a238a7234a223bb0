#include "services/ingest/line_text.h"

#include <cstring>
#include <utility>

#include "services/ingest/text_util.h"

namespace newswire::ingest {

std::vector<absl::string_view> SplitLines(absl::string_view text) {
  std::vector<absl::string_view> lines;
  lines.reserve(text.size() / 64 + 1);
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
    const char* line_end = nl == nullptr ? end : nl;
    size_t len = line_end - p;
    if (len > 0 && p[len - 1] == '\r') --len;
    lines.emplace_back(p, len);
    if (nl == nullptr) break;
    p = nl + 1;
  }
  return lines;
}

bool IsBlankLine(absl::string_view line) {
  for (char c : line) {
    if (!IsAsciiSpace(c)) return false;
  }
  return true;
}

absl::string_view TrimLine(absl::string_view line) {
  size_t b = 0, e = line.size();
  while (b < e && IsAsciiSpace(line[b])) ++b;
  while (e > b && IsAsciiSpace(line[e - 1])) --e;
  return line.substr(b, e - b);
}

std::vector<std::string> LinesToParagraphs(
    absl::Span<const absl::string_view> lines) {
  bool any_blank = false;
  bool any_indented = false;
  for (absl::string_view line : lines) {
    if (IsBlankLine(line)) {
      any_blank = true;
    } else if (IsAsciiSpace(line[0])) {
      any_indented = true;
    }
  }
  std::vector<std::string> paragraphs;
  std::string current;
  auto flush = [&] {
    TrimTrailingSpace(&current);
    if (!current.empty()) paragraphs.push_back(std::move(current));
    current.clear();
  };
  for (absl::string_view line : lines) {
    if (IsBlankLine(line)) {
      flush();
      continue;
    }
    if (any_indented ? IsAsciiSpace(line[0]) : !any_blank) flush();
    if (!current.empty()) current.push_back(' ');
    AppendCollapsed(line, &current);
  }
  flush();
  return paragraphs;
}

bool IsSourceLine(absl::string_view paragraph) {
  return paragraph.size() >= 3 && paragraph.size() <= 200 &&
         paragraph.front() == '(' && paragraph.back() == ')' &&
         paragraph.find('(', 1) == absl::string_view::npos;
}

std::vector<std::string> TakeTrailingSourceLines(
    std::vector<std::string>* paragraphs) {
  size_t keep = paragraphs->size();
  // Never strip the only paragraph: a story may be a one-line note.
  while (keep > 1 && IsSourceLine((*paragraphs)[keep - 1])) --keep;
  std::vector<std::string> taken(
      std::make_move_iterator(paragraphs->begin() + keep),
      std::make_move_iterator(paragraphs->end()));
  paragraphs->resize(keep);
  return taken;
}

}  // namespace newswire::ingest
