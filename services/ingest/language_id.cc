#include "services/ingest/language_id.h"

#include <array>
#include <cstdint>
#include <string>

#include "absl/strings/str_split.h"

namespace newswire::ingest {
namespace {

// Latin-script languages scored by function words, in bit order.
constexpr std::array<const char*, 8> kLatinLanguages = {"en", "de", "fr", "es",
                                                        "it", "pt", "nl", "sv"};

// Common function words of each language (our own short lists). A word in
// several lists counts for each of them.
constexpr std::array<const char*, 8> kStopwords = {
    // en
    "the and of to in is that for was on with he it as at by from his have "
    "has are were said will be this an they which not but had who their been "
    "after its would she about more than over into also",
    // de
    "der die und den das von zu mit sich des ist im dem nicht ein eine auf "
    "auch es werden aus er hat dass sie nach wird bei einer um am sind noch "
    "wie einem über zum war haben nur oder aber vor zur bis",
    // fr
    "le la les de des et un une du est que en dans pour qui au sur par pas "
    "plus il ne se ce avec sont aux été elle ont mais cette ses leur selon",
    // es
    "el la los las de del y que en un una por con para es se al lo como más "
    "pero sus su fue ha este esta entre cuando muy sin sobre también hasta "
    "desde",
    // it
    "il la di che e un una per in del della dei delle con non sono gli le al "
    "alla nel nella è ha da si come anche più ma dopo stato",
    // pt
    "o a os as de do da dos das e que em um uma para com não por no na nos se "
    "foi ao mais como mas ele ela são pelo pela também",
    // nl
    "de het een en van in is dat op te zijn voor met die niet aan er maar om "
    "ook als bij door naar wordt werd nog uit heeft worden deze",
    // sv
    "och i att det som en på är av för med till den har de inte om ett var "
    "men sig från vid så kan när efter också han hon",
};

// An open-addressing set of the stopwords with, for each, the bit mask of
// the languages it belongs to. Built once; lookups hash the word bytes.
class StopwordTable {
 public:
  StopwordTable() {
    for (size_t lang = 0; lang < kStopwords.size(); ++lang) {
      for (absl::string_view w :
           absl::StrSplit(kStopwords[lang], ' ', absl::SkipEmpty())) {
        Slot& slot = Find(w);
        slot.word = w;
        slot.mask |= static_cast<uint8_t>(1u << lang);
      }
    }
  }

  // The language mask of `word` (lower case), 0 when it is no stopword.
  uint8_t Mask(absl::string_view word) const {
    return const_cast<StopwordTable*>(this)->Find(word).mask;
  }

 private:
  static constexpr size_t kSlots = 1024;  // > 2x the number of words
  struct Slot {
    absl::string_view word;
    uint8_t mask = 0;
  };

  static size_t Hash(absl::string_view w) {
    uint32_t h = 2166136261u;
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
  }

  Slot& Find(absl::string_view w) {
    size_t i = Hash(w) & (kSlots - 1);
    while (!slots_[i].word.empty() && slots_[i].word != w) {
      i = (i + 1) & (kSlots - 1);
    }
    return slots_[i];
  }

  std::array<Slot, kSlots> slots_;
};

const StopwordTable& Stopwords() {
  static const auto* table = new StopwordTable();
  return *table;
}

enum Script {
  kLatin,
  kCyrillic,
  kGreek,
  kArabic,
  kHebrew,
  kDevanagari,
  kThai,
  kHangul,
  kKana,
  kHan,
  kOther,
  kNumScripts
};

Script ScriptOf(uint32_t cp) {
  if (cp < 0x80) {
    return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? kLatin : kOther;
  }
  if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) return kLatin;
  if (cp >= 0x370 && cp <= 0x3FF) return kGreek;
  if (cp >= 0x400 && cp <= 0x4FF) return kCyrillic;
  if (cp >= 0x590 && cp <= 0x5FF) return kHebrew;
  if (cp >= 0x600 && cp <= 0x6FF) return kArabic;
  if (cp >= 0x900 && cp <= 0x97F) return kDevanagari;
  if (cp >= 0xE00 && cp <= 0xE7F) return kThai;
  if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7AF)) {
    return kHangul;
  }
  if (cp >= 0x3040 && cp <= 0x30FF) return kKana;
  if (cp >= 0x4E00 && cp <= 0x9FFF) return kHan;
  return kOther;
}

// Decodes one code point at s[*i] (advancing *i); invalid bytes yield
// U+FFFD and advance by one.
uint32_t NextCodePoint(absl::string_view s, size_t* i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  unsigned char c = p[*i];
  size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (c >= 0x80 && (c < 0xC2 || *i + len > s.size())) {
    ++*i;
    return 0xFFFD;
  }
  uint32_t cp = len == 1   ? c
                : len == 2 ? c & 0x1F
                : len == 3 ? c & 0x0F
                           : c & 0x07;
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (p[*i + k] & 0x3F);
  *i += len;
  return cp;
}

std::string CyrillicLanguage(int ukrainian, int bulgarian_hard, int russian,
                             int letters) {
  if (ukrainian * 200 > letters) return "uk";
  if (russian == 0 && bulgarian_hard * 100 > letters) return "bg";
  return "ru";
}

}  // namespace

std::string IdentifyLanguage(absl::string_view text) {
  if (text.size() > kLanguageIdPrefixBytes) {
    size_t cut = kLanguageIdPrefixBytes;
    // Do not split a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    text = text.substr(0, cut);
  }
  const StopwordTable& table = Stopwords();
  std::array<int, kNumScripts> script_letters{};
  std::array<int, kLatinLanguages.size()> votes{};
  int ukrainian = 0, bulgarian_hard = 0, russian = 0;
  // The current word, lower-cased; longer words are never stopwords.
  constexpr size_t kMaxWord = 15;
  char word[kMaxWord + 1];
  size_t word_len = 0;
  auto end_word = [&] {
    if (word_len == 0) return;
    if (word_len <= kMaxWord) {
      const uint8_t mask = table.Mask(absl::string_view(word, word_len));
      for (size_t l = 0; mask != 0 && l < votes.size(); ++l) {
        if (mask & (1u << l)) ++votes[l];
      }
    }
    word_len = 0;
  };
  auto add_to_word = [&](const char* bytes, size_t n) {
    for (size_t k = 0; k < n; ++k) {
      if (word_len < kMaxWord) word[word_len] = bytes[k];
      ++word_len;
    }
  };
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = text[i];
    if (c < 0x80) {
      ++i;
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        ++script_letters[kLatin];
        const char lower = static_cast<char>(c | 0x20);
        add_to_word(&lower, 1);
      } else {
        end_word();
      }
      continue;
    }
    size_t start = i;
    uint32_t cp = NextCodePoint(text, &i);
    Script s = ScriptOf(cp);
    ++script_letters[s];
    if (s == kLatin) {
      add_to_word(text.data() + start, i - start);
      continue;
    }
    end_word();
    if (s == kCyrillic) {
      if (cp == 0x456 || cp == 0x457 || cp == 0x454 || cp == 0x491 ||
          cp == 0x406 || cp == 0x407 || cp == 0x404 || cp == 0x490) {
        ++ukrainian;
      } else if (cp == 0x44A) {
        ++bulgarian_hard;
      } else if (cp == 0x44B || cp == 0x44D) {
        ++russian;
      }
    }
  }
  end_word();
  int letters = 0;
  for (int s = 0; s < kOther; ++s) letters += script_letters[s];
  if (letters < 10) return "und";
  int best_script = kLatin;
  for (int s = 0; s < kOther; ++s) {
    if (script_letters[s] > script_letters[best_script]) best_script = s;
  }
  switch (best_script) {
    case kCyrillic:
      return CyrillicLanguage(ukrainian, bulgarian_hard, russian,
                              script_letters[kCyrillic]);
    case kGreek:
      return "el";
    case kArabic:
      return "ar";
    case kHebrew:
      return "he";
    case kDevanagari:
      return "hi";
    case kThai:
      return "th";
    case kHangul:
      return "ko";
    case kKana:
      return "ja";
    case kHan:
      return script_letters[kKana] > 0 ? "ja" : "zh";
    default:
      break;
  }
  size_t best = 0, second = 1;
  if (votes[second] > votes[best]) std::swap(best, second);
  for (size_t l = 2; l < votes.size(); ++l) {
    if (votes[l] > votes[best]) {
      second = best;
      best = l;
    } else if (votes[l] > votes[second]) {
      second = l;
    }
  }
  // Require a few function words and a clear margin over the runner-up.
  if (votes[best] < 3 || votes[best] * 4 < votes[second] * 5) return "und";
  return kLatinLanguages[best];
}

}  // namespace newswire::ingest
