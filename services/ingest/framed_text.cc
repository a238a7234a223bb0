#include "services/ingest/framed_text.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "common/status/reason.h"
#include "services/ingest/article_fields.h"
#include "services/ingest/line_text.h"

namespace newswire::ingest {

absl::StatusOr<Frame> SplitFrame(absl::string_view message) {
  size_t soh = message.find(kSoh);
  size_t stx = message.find(kStx);
  if (soh == absl::string_view::npos ||
      (stx != absl::string_view::npos && stx < soh)) {
    return InvalidRecord("framing.no_soh",
                         "no SOH (0x01) starting the message header");
  }
  if (stx == absl::string_view::npos) {
    return InvalidRecord("framing.no_stx",
                         "no STX (0x02) starting the message text");
  }
  size_t etx = message.find(kEtx, stx + 1);
  if (etx == absl::string_view::npos) {
    return InvalidRecord(
        "framing.truncated",
        absl::StrCat("no ETX (0x03) after the text that starts at byte ",
                     stx + 1));
  }
  Frame frame;
  frame.header = message.substr(soh + 1, stx - soh - 1);
  frame.text = message.substr(stx + 1, etx - stx - 1);
  absl::string_view trailer = message.substr(etx + 1);
  trailer = trailer.substr(0, trailer.find('\x04'));
  frame.trailer = absl::StripAsciiWhitespace(trailer);
  return frame;
}

void FinishFramedArticle(std::vector<std::string> paragraphs,
                         absl::string_view note_prefix, v1::Article* article) {
  article->set_editor_note(TakeNoteParagraph(&paragraphs, {note_prefix}));
  for (std::string& credit : TakeTrailingSourceLines(&paragraphs)) {
    article->add_credits(std::move(credit));
  }
  if (absl::StartsWith(article->headline(), "KILL")) {
    article->set_pub_status(v1::PUB_STATUS_CANCELED);
  }
  article->set_body(absl::StrJoin(paragraphs, "\n\n"));
}

int PriorityFromCode(absl::string_view code) {
  if (code.size() != 1) return 0;
  const char c = absl::ascii_tolower(code[0]);
  if (c >= '1' && c <= '9') return c - '0';
  switch (c) {
    case 'f':
      return 1;
    case 'b':
      return 2;
    case 'u':
      return 3;
    case 'r':
      return 5;
    case 'd':
      return 6;
    default:
      return 0;
  }
}

std::vector<absl::string_view> HeaderTokens(absl::string_view header) {
  std::vector<absl::string_view> tokens;
  size_t i = 0;
  auto is_sep = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\x1F';
  };
  while (i < header.size()) {
    while (i < header.size() && is_sep(header[i])) ++i;
    size_t b = i;
    while (i < header.size() && !is_sep(header[i])) ++i;
    // A format byte (DC2 tabular, DC3 text) may sit right before a field.
    while (b < i && static_cast<unsigned char>(header[b]) < 0x20) ++b;
    if (i > b) tokens.push_back(header.substr(b, i - b));
  }
  return tokens;
}

std::string TakeNoteParagraph(
    std::vector<std::string>* paragraphs,
    std::initializer_list<absl::string_view> prefixes) {
  for (auto it = paragraphs->begin(); it != paragraphs->end(); ++it) {
    for (absl::string_view prefix : prefixes) {
      absl::string_view p = *it;
      if (!absl::StartsWithIgnoreCase(p, prefix)) continue;
      p.remove_prefix(prefix.size());
      p = absl::StripLeadingAsciiWhitespace(p);
      for (absl::string_view sep : {"_", ":", "-", "\xE2\x80\x94"}) {
        if (absl::ConsumePrefix(&p, sep)) break;
      }
      std::string note(absl::StripAsciiWhitespace(p));
      paragraphs->erase(it);
      return note;
    }
  }
  return std::string();
}

void ApplyTakeKey(absl::string_view key, v1::Article* article) {
  // Words are separated by spaces, '-' and '/' ("1st Ld-Writethru").
  size_t i = 0;
  while (i < key.size()) {
    while (i < key.size() &&
           (key[i] == ' ' || key[i] == '-' || key[i] == '/' || key[i] == ',')) {
      ++i;
    }
    size_t b = i;
    while (i < key.size() && key[i] != ' ' && key[i] != '-' && key[i] != '/' &&
           key[i] != ',') {
      ++i;
    }
    absl::string_view word = key.substr(b, i - b);
    if (word.empty()) continue;
    if (absl::EqualsIgnoreCase(word, "Writethru") ||
        absl::EqualsIgnoreCase(word, "Update")) {
      AddSignal("update", article);
    } else if (absl::StartsWithIgnoreCase(word, "Correct")) {
      AddSignal("correction", article);
    } else if (absl::EqualsIgnoreCase(word, "Kill") ||
               absl::EqualsIgnoreCase(word, "Killed")) {
      article->set_pub_status(v1::PUB_STATUS_CANCELED);
    } else if (absl::EqualsIgnoreCase(word, "Ld") ||
               absl::EqualsIgnoreCase(word, "Lead")) {
      AddSignal("update", article);
    } else if (word.size() >= 3 && word.size() <= 4 &&
               absl::ascii_isdigit(word[0]) &&
               (absl::EndsWithIgnoreCase(word, "st") ||
                absl::EndsWithIgnoreCase(word, "nd") ||
                absl::EndsWithIgnoreCase(word, "rd") ||
                absl::EndsWithIgnoreCase(word, "th"))) {
      // An ordinal counts only when "Ld" follows ("2nd Ld", "2nd Ld-").
      absl::string_view after =
          absl::StripLeadingAsciiWhitespace(key.substr(i));
      if (absl::StartsWithIgnoreCase(after, "Ld") ||
          absl::StartsWithIgnoreCase(after, "Lead")) {
        int n = 0;
        for (char c : word) {
          if (!absl::ascii_isdigit(c)) break;
          n = n * 10 + (c - '0');
        }
        article->set_version(n + 1);
      }
    }
  }
}

}  // namespace newswire::ingest
