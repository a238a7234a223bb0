#include "services/enrich/linking/name_normalizer.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"

namespace newswire::linking {
namespace {

// Transliteration variants -> one spelling. Written for wire copy: Russian,
// Arabic, Korean and Chinese names as English agencies spell them.
const absl::flat_hash_map<std::string, std::string>& Variants() {
  static const auto* const kMap =
      new absl::flat_hash_map<std::string, std::string>{
          {"sergey", "sergei"},
          {"sergej", "sergei"},
          {"dmitri", "dmitry"},
          {"dmitriy", "dmitry"},
          {"alexey", "alexei"},
          {"aleksei", "alexei"},
          {"aleksey", "alexei"},
          {"aleksandr", "alexander"},
          {"alexandr", "alexander"},
          {"yuriy", "yuri"},
          {"yury", "yuri"},
          {"andrey", "andrei"},
          {"nikolay", "nikolai"},
          {"evgeny", "yevgeny"},
          {"evgeniy", "yevgeny"},
          {"yevgeniy", "yevgeny"},
          {"mikhael", "mikhail"},
          {"maksim", "maxim"},
          {"arkady", "arkadiy"},
          {"vasily", "vasili"},
          {"vasiliy", "vasili"},
          {"grigori", "grigory"},
          {"georgy", "georgi"},
          {"georgiy", "georgi"},
          {"zelensky", "zelenskiy"},
          {"zelenskyy", "zelenskiy"},
          {"muhammad", "mohammed"},
          {"mohamed", "mohammed"},
          {"mohammad", "mohammed"},
          {"muhammed", "mohammed"},
          {"mohamad", "mohammed"},
          {"mehmet", "mohammed"},
          {"mahmud", "mahmoud"},
          {"mahmood", "mahmoud"},
          {"ahmad", "ahmed"},
          {"hussain", "hussein"},
          {"husein", "hussein"},
          {"hosni", "husni"},
          {"osama", "usama"},
          {"yasir", "yasser"},
          {"gadhafi", "gaddafi"},
          {"qaddafi", "gaddafi"},
          {"kadhafi", "gaddafi"},
          {"qadhafi", "gaddafi"},
          {"moammar", "muammar"},
          {"moamer", "muammar"},
          {"abdul", "abdel"},
          {"abd", "abdel"},
          {"rohani", "rouhani"},
          {"khomeiny", "khomeini"},
          {"mustafa", "mustapha"},
          {"moustafa", "mustapha"},
          {"qaeda", "qaida"},
          {"hizbollah", "hezbollah"},
          {"hizballah", "hezbollah"},
          {"moslem", "muslim"},
          {"roh", "no"},
          {"choi", "choe"},
          {"pak", "park"},
          {"peking", "beijing"},
          {"kyiv", "kiev"},
          {"tehran", "teheran"}};
  return *kMap;
}

const char* FoldLatin1(unsigned char lead, unsigned char c) {
  // Two-byte UTF-8 for U+00C0..U+00FF (lead 0xC3) -> ASCII.
  if (lead != 0xC3) return nullptr;
  static const char* const kFold[64] = {
      "a", "a", "a", "a", "a",  "a",  "ae", "c", "e", "e", "e",  "e", "i",
      "i", "i", "i", "d", "n",  "o",  "o",  "o", "o", "o", "x",  "o", "u",
      "u", "u", "u", "y", "th", "ss", "a",  "a", "a", "a", "a",  "a", "ae",
      "c", "e", "e", "e", "e",  "i",  "i",  "i", "i", "d", "n",  "o", "o",
      "o", "o", "o", "",  "o",  "u",  "u",  "u", "u", "y", "th", "y"};
  if (c < 0x80 || c > 0xBF) return nullptr;
  return kFold[c - 0x80];
}

}  // namespace

std::vector<std::string> NameTokens(absl::string_view name) {
  std::vector<std::string> tokens;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    auto it = Variants().find(cur);
    tokens.push_back(it == Variants().end() ? cur : it->second);
    cur.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = name[i];
    if (c == 0xC3 && i + 1 < name.size()) {
      if (const char* f = FoldLatin1(c, name[i + 1])) {
        cur += f;
        ++i;
        continue;
      }
    }
    if (c == 0xE2 && i + 2 < name.size() &&
        static_cast<unsigned char>(name[i + 1]) == 0x80 &&
        static_cast<unsigned char>(name[i + 2]) == 0x99) {
      c = '\'';  // curly apostrophe
      i += 2;
    }
    if (c == '\'') {
      // Drop a possessive "'s" at a word end; keep "O'Brien" as "obrien".
      if (i + 1 < name.size() && (name[i + 1] == 's' || name[i + 1] == 'S') &&
          (i + 2 >= name.size() || !absl::ascii_isalnum(name[i + 2]))) {
        ++i;
      }
      continue;
    }
    if (c == '.') continue;
    if (absl::ascii_isalnum(c) || c >= 0x80) {
      cur.push_back(absl::ascii_tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

std::string NameKey(absl::string_view name) {
  return absl::StrJoin(NameTokens(name), " ");
}

std::string Initials(absl::string_view name) {
  std::string out;
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && !absl::ascii_isalpha(name[i])) ++i;
    size_t b = i;
    while (i < name.size() &&
           (absl::ascii_isalpha(name[i]) || name[i] == '\'')) {
      ++i;
    }
    if (b == i) break;
    absl::string_view w = name.substr(b, i - b);
    std::string lw = absl::AsciiStrToLower(w);
    if (lw == "of" || lw == "the" || lw == "and" || lw == "for" || lw == "de" ||
        lw == "on") {
      continue;
    }
    if (absl::ascii_isupper(w[0])) out.push_back(w[0]);
  }
  return out;
}

}  // namespace newswire::linking
