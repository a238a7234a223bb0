#include "services/ingest/dateline.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace newswire::ingest {
namespace {

constexpr size_t kMaxPlace = 40;
constexpr size_t kMaxPart = 24;
constexpr size_t kMaxAgency = 40;

// Length of a dash separator (with its surrounding spaces) at the start of
// `s`, or 0. `s` starts right after the dateline text.
size_t SeparatorLength(absl::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  const bool spaced = i > 0;
  absl::string_view rest = s.substr(i);
  size_t dash = 0;
  if (absl::StartsWith(rest, "\xE2\x80\x94") ||  // em dash
      absl::StartsWith(rest, "\xE2\x80\x93")) {  // en dash
    dash = 3;
  } else if (absl::StartsWith(rest, "--")) {
    dash = 2;
  } else if (spaced &&
             (absl::StartsWith(rest, "-") || absl::StartsWith(rest, "_"))) {
    dash = 1;  // " - ", or " _ " as ANPA copy writes a dash
  } else {
    return 0;
  }
  size_t j = i + dash;
  if (j >= s.size() || s[j] != ' ') return 0;
  return j + 1;
}

}  // namespace

absl::string_view DetectDateline(absl::string_view p) {
  // Place: capitals, spaces, '.', '\'', '-' and non-ASCII letters.
  size_t i = 0;
  int capitals = 0;
  while (i < p.size() && i <= kMaxPlace) {
    unsigned char c = p[i];
    if (absl::ascii_isupper(c)) {
      ++capitals;
    } else if (absl::ascii_islower(c) || absl::ascii_isdigit(c)) {
      return absl::string_view();
    } else if (c == '-' && i + 1 < p.size() && p[i + 1] == '-') {
      break;  // "--" separator
    } else if (c != ' ' && c != '.' && c != '\'' && c != '-' && c < 0x80) {
      break;
    } else if (c == 0xE2) {
      break;  // a dash separator (or other punctuation) follows
    }
    ++i;
  }
  if (capitals < 2 || i > kMaxPlace) return absl::string_view();
  size_t end = i;
  while (end > 0 && p[end - 1] == ' ') --end;
  // Up to two ", Part" segments (region, date).
  for (int part = 0; part < 2 && i < p.size() && p[i] == ','; ++part) {
    size_t j = i + 1;
    while (j < p.size() && j - i <= kMaxPart && p[j] != ',' && p[j] != '(' &&
           SeparatorLength(p.substr(j)) == 0) {
      ++j;
    }
    if (j - i > kMaxPart) return absl::string_view();
    i = j;
    end = i;
    while (end > 0 && p[end - 1] == ' ') --end;
  }
  // Optional " (Agency)".
  size_t k = i;
  while (k < p.size() && p[k] == ' ') ++k;
  if (k < p.size() && p[k] == '(') {
    size_t close = p.find(')', k);
    if (close == absl::string_view::npos || close - k > kMaxAgency) {
      return absl::string_view();
    }
    i = close + 1;
    end = i;
  }
  if (SeparatorLength(p.substr(i)) == 0) return absl::string_view();
  return p.substr(0, end);
}

}  // namespace newswire::ingest
