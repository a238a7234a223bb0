#include "services/enrich/linking/context_rules.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace newswire::linking {
namespace {

// Heads of noun phrases that stand for a state when a demonym modifies
// them: "the Russian government said", "Russian forces", "the Chinese
// embassy".
bool IsStateHead(const std::string& w) {
  static const auto* const kHeads = new absl::flat_hash_set<std::string>{
      "government",     "governments",  "forces",      "troops",
      "soldiers",       "military",     "army",        "navy",
      "officials",      "official",     "authorities", "president",
      "presidency",     "premier",      "minister",    "ministers",
      "ministry",       "ministries",   "embassy",     "embassies",
      "consulate",      "ambassador",   "diplomats",   "diplomat",
      "delegation",     "envoy",        "negotiators", "leader",
      "leaders",        "leadership",   "side",        "regime",
      "administration", "parliament",   "legislature", "lawmakers",
      "economy",        "border",       "territory",   "airspace",
      "waters",         "warships",     "warship",     "warplanes",
      "jets",           "submarine",    "submarines",  "spokesman",
      "spokeswoman",    "spokesperson", "counterpart", "counterparts",
      "guard",          "capital",      "state",       "prosecutors",
      "police",         "court",        "chancellor",  "cabinet",
      "king",           "queen"};
  return kHeads->contains(w);
}

// Words that may stand between the demonym and the head: "Russian special
// forces", "the Chinese foreign ministry", "South Korean state media".
bool IsStateModifier(const std::string& w) {
  static const auto* const kMods = new absl::flat_hash_set<std::string>{
      "special",  "armed",      "state",        "defence",  "defense",
      "foreign",  "interior",   "finance",      "top",      "senior",
      "military", "naval",      "air",          "ground",   "central",
      "federal",  "security",   "border",       "nuclear",  "navy",
      "army",     "government", "intelligence", "trade",    "prime",
      "deputy",   "chief",      "coast",        "national", "supreme",
      "economy",  "economic",   "riot",         "official", "state-run"};
  return kMods->contains(w);
}

bool IsWordByte(char c) {
  return absl::ascii_isalnum(c) || c == '-' || c == '\'' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The word starting at or after *at (spaces skipped; any other byte ends
// the phrase), lower-cased and without a possessive "'s"; "" at the end of
// the phrase. Advances *at past it.
std::string NextWord(absl::string_view text, size_t* at) {
  size_t i = *at;
  while (i < text.size() && text[i] == ' ') ++i;
  size_t j = i;
  while (j < text.size() && IsWordByte(text[j])) ++j;
  *at = j;
  std::string w = absl::AsciiStrToLower(text.substr(i, j - i));
  if (absl::EndsWith(w, "'s")) w.resize(w.size() - 2);
  return w;
}

bool IsCapitalizedWordAt(absl::string_view text, size_t i) {
  return i < text.size() && absl::ascii_isupper(text[i]) &&
         (i == 0 || !IsWordByte(text[i - 1]));
}

// True if `text` holds "North X", "South X", "Northern X" or "Southern X"
// with X a capitalized word other than Korea/Korean(s): another place the
// North/the South could mean.
bool NamesOtherNorthOrSouth(absl::string_view text) {
  for (absl::string_view side :
       {"North ", "South ", "Northern ", "Southern "}) {
    for (size_t at = text.find(side); at != absl::string_view::npos;
         at = text.find(side, at + 1)) {
      if (!IsCapitalizedWordAt(text, at)) continue;
      const size_t next = at + side.size();
      if (!IsCapitalizedWordAt(text, next)) continue;
      if (absl::StartsWith(text.substr(next), "Korea")) continue;
      return true;
    }
  }
  return false;
}

}  // namespace

bool DemonymDenotesState(absl::string_view text, size_t end) {
  if (end > text.size()) return false;
  size_t at = end;
  for (int words = 0; words < 3; ++words) {
    const std::string w = NextWord(text, &at);
    if (w.empty()) return false;
    if (IsStateHead(w)) return true;
    if (!IsStateModifier(w)) return false;
  }
  return false;
}

std::string KoreanHalfNamed(absl::string_view text, size_t begin, size_t end) {
  if (begin >= end || end > text.size()) return "";
  absl::string_view surface = text.substr(begin, end - begin);
  if (absl::StartsWithIgnoreCase(surface, "the ")) {
    surface.remove_prefix(4);
  } else {
    size_t i = begin;
    while (i > 0 && text[i - 1] == ' ') --i;
    if (i < 3 || !absl::EqualsIgnoreCase(text.substr(i - 3, 3), "the") ||
        (i > 3 && IsWordByte(text[i - 4]))) {
      return "";
    }
  }
  if (absl::EndsWith(surface, "'s")) surface.remove_suffix(2);
  if (surface != "North" && surface != "South") return "";
  if (!absl::StrContains(text.substr(0, begin), "Korea")) return "";
  if (NamesOtherNorthOrSouth(text)) return "";
  return surface == "North" ? "North Korea" : "South Korea";
}

bool ParenthesizedAfter(absl::string_view text, size_t name_end, size_t begin,
                        size_t end) {
  if (name_end > begin || end > text.size()) return false;
  size_t i = name_end;
  while (i < begin && text[i] == ' ') ++i;
  if (i >= begin || text[i] != '(') return false;
  ++i;
  while (i < begin && text[i] == ' ') ++i;
  if (i != begin) return false;
  size_t j = end;
  while (j < text.size() && text[j] == ' ') ++j;
  return j < text.size() && text[j] == ')';
}

}  // namespace newswire::linking
