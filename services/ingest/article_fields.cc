#include "services/ingest/article_fields.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"

namespace newswire::ingest {
namespace {

absl::string_view WithoutScheme(absl::string_view code) {
  size_t colon = code.rfind(':');
  return colon == absl::string_view::npos ? code : code.substr(colon + 1);
}

}  // namespace

v1::PubStatus PubStatusFromName(absl::string_view name) {
  absl::string_view s = WithoutScheme(absl::StripAsciiWhitespace(name));
  if (absl::EqualsIgnoreCase(s, "usable")) return v1::PUB_STATUS_USABLE;
  if (absl::EqualsIgnoreCase(s, "withheld") ||
      absl::EqualsIgnoreCase(s, "embargoed")) {
    return v1::PUB_STATUS_WITHHELD;
  }
  if (absl::EqualsIgnoreCase(s, "canceled") ||
      absl::EqualsIgnoreCase(s, "cancelled")) {
    return v1::PUB_STATUS_CANCELED;
  }
  return v1::PUB_STATUS_UNSPECIFIED;
}

std::string LanguageFromTag(absl::string_view tag) {
  tag = absl::StripAsciiWhitespace(tag);
  size_t dash = tag.find_first_of("-_");
  absl::string_view primary = tag.substr(0, dash);
  if (primary.size() < 2 || primary.size() > 3) return std::string();
  for (char c : primary) {
    if (!absl::ascii_isalpha(c)) return std::string();
  }
  return absl::AsciiStrToLower(primary);
}

int ParseUrgency(absl::string_view text) {
  int v = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(text), &v) || v < 1 ||
      v > 9) {
    return 0;
  }
  return v;
}

int ParseVersion(absl::string_view text) {
  int v = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(text), &v) || v < 1) {
    return 0;
  }
  return v;
}

void AddSignal(absl::string_view signal, v1::Article* article) {
  absl::string_view s = WithoutScheme(absl::StripAsciiWhitespace(signal));
  if (s.empty()) return;
  std::string lower = absl::AsciiStrToLower(s);
  for (const std::string& existing : article->signals()) {
    if (existing == lower) return;
  }
  article->add_signals(std::move(lower));
}

}  // namespace newswire::ingest
