#include "services/enrich/sentiment/tokenizer.h"

#include <algorithm>

namespace newswire::sentiment {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

inline bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}
inline bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}
inline unsigned char Lower(unsigned char c) {
  return IsUpper(c) ? static_cast<unsigned char>(c + 32) : c;
}

// Multi-byte punctuation we recognise (all start with E2 80 xx); returns the
// TokenFlag bits for text[i..i+3) or 0 when it is not one of them.
inline uint8_t Utf8PunctFlags(const unsigned char* p, size_t left) {
  if (left < 3 || p[0] != 0xE2 || p[1] != 0x80) return 0;
  switch (p[2]) {
    case 0x98:  // ‘
    case 0x99:  // ’
    case 0x9C:  // “
    case 0x9D:  // ”
      return kPunct | kQuote;
    case 0x93:  // –
    case 0x94:  // —
      return kPunct | kClauseBreak;
    case 0xA6:  // …
      return kPunct;
    default:
      return 0;
  }
}

inline bool IsCurlyApostrophe(const unsigned char* p, size_t left) {
  return left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99;
}

// Words after which a period does not end the sentence.
bool IsAbbreviation(uint64_t hash) {
  static const uint64_t* const kHashes = [] {
    static const char* const kWords[] = {
        "mr",  "mrs", "ms",   "dr",  "st",   "gen", "sen",  "rep",
        "gov", "lt",  "col",  "sgt", "jr",   "sr",  "inc",  "corp",
        "co",  "ltd", "vs",   "no",  "prof", "rev", "capt", "cmdr",
        "adm", "maj", "pres", "jan", "feb",  "aug", "sept", "oct",
        "nov", "dec", "mt",   "ft",  "u.s",  "u.n", "u.k"};
    constexpr size_t n = sizeof(kWords) / sizeof(kWords[0]);
    auto* h = new uint64_t[n + 1];
    for (size_t i = 0; i < n; ++i) h[i] = HashWord(kWords[i]);
    h[n] = 0;
    return h;
  }();
  for (const uint64_t* h = kHashes; *h != 0; ++h) {
    if (*h == hash) return true;
  }
  return false;
}

// Suffixes StemWord strips, longest first.
constexpr const char* kSuffixes[] = {"ations", "ation", "ments", "ment", "ings",
                                     "ing",    "edly",  "ies",   "ied",  "ed",
                                     "es",     "ly",    "ers",   "er",   "s"};

// Length of the stem of lowercase ASCII `w` (w.size() if nothing to strip).
size_t StemLength(absl::string_view w) {
  for (const char* suffix : kSuffixes) {
    const absl::string_view sv(suffix);
    if (w.size() >= sv.size() + 3 && w.substr(w.size() - sv.size()) == sv) {
      return w.size() - sv.size();
    }
  }
  return w.size();
}

uint64_t StemHash(absl::string_view word, uint64_t hash) {
  if (word.size() < 5 || word.size() > 32) return hash;
  char buf[32];
  for (size_t i = 0; i < word.size(); ++i)
    buf[i] = static_cast<char>(Lower(word[i]));
  const absl::string_view lower(buf, word.size());
  const size_t n = StemLength(lower);
  return n == word.size() ? hash : HashWord(lower.substr(0, n));
}

}  // namespace

std::string StemWord(absl::string_view word) {
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(Lower(c));
  lower.resize(StemLength(lower));
  return lower;
}

uint64_t HashWord(absl::string_view word) {
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  uint64_t h = kFnvOffset;
  for (size_t i = 0; i < word.size(); ++i) {
    if (IsCurlyApostrophe(p + i, word.size() - i)) {
      h = (h ^ '\'') * kFnvPrime;
      i += 2;
      continue;
    }
    h = (h ^ Lower(p[i])) * kFnvPrime;
  }
  return h ^ (h >> 29);
}

void Tokenize(absl::string_view text, std::vector<Token>* out) {
  out->clear();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  bool blank_line = false;
  while (i < n) {
    const unsigned char c = p[i];
    if (IsSpace(c)) {
      if (c == '\n') {
        // A blank line (paragraph or headline break) ends a sentence.
        if (blank_line && !out->empty()) out->back().flags |= kSentenceEnd;
        blank_line = true;
      }
      ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {  // no-break space
      i += 2;
      continue;
    }
    blank_line = false;
    Token t;
    t.begin = static_cast<uint32_t>(i);
    const uint8_t uflags = c >= 0x80 ? Utf8PunctFlags(p + i, n - i) : 0;
    if (uflags != 0) {
      t.end = static_cast<uint32_t>(i + 3);
      t.flags = uflags;
      t.hash = t.stem = HashWord(text.substr(i, 3));
      out->push_back(t);
      i += 3;
      continue;
    }
    if (IsAsciiAlnum(c) || c >= 0x80) {
      // Word: alnum and non-punctuation UTF-8; inner ' ’ . - join when a
      // word character follows, except a possessive 's which splits off.
      uint64_t h = kFnvOffset;
      size_t j = i;
      bool has_inner_dot = false;
      while (j < n) {
        const unsigned char d = p[j];
        if (IsAsciiAlnum(d) ||
            (d >= 0x80 && Utf8PunctFlags(p + j, n - j) == 0 &&
             !(d == 0xC2 && j + 1 < n && p[j + 1] == 0xA0))) {
          h = (h ^ Lower(d)) * kFnvPrime;
          ++j;
          continue;
        }
        const bool curly = IsCurlyApostrophe(p + j, n - j);
        const size_t w = curly ? 3 : 1;
        if ((d == '\'' || curly) && j + w < n && IsAsciiAlnum(p[j + w])) {
          const bool possessive =
              Lower(p[j + w]) == 's' &&
              (j + w + 1 >= n || !IsAsciiAlnum(p[j + w + 1]));
          if (possessive) break;
          h = (h ^ '\'') * kFnvPrime;
          j += w;
          continue;
        }
        if ((d == '.' || d == '-') && j + 1 < n && IsAsciiAlnum(p[j + 1])) {
          has_inner_dot |= d == '.';
          h = (h ^ d) * kFnvPrime;
          ++j;
          continue;
        }
        break;
      }
      t.end = static_cast<uint32_t>(j);
      t.hash = h ^ (h >> 29);
      t.stem = StemHash(text.substr(i, j - i), t.hash);
      t.flags = kWord | (IsUpper(c) ? kCapitalized : 0);
      // "U.S." or "A.": the closing period belongs to the abbreviation.
      if (j < n && p[j] == '.' &&
          (has_inner_dot || (j - i == 1 && IsUpper(c)))) {
        ++t.end;
      }
      out->push_back(t);
      i = t.end;
      continue;
    }
    // Possessive 's split off above.
    if ((c == '\'' || IsCurlyApostrophe(p + i, n - i)) && !out->empty() &&
        out->back().end == i) {
      const size_t w = c == '\'' ? 1 : 3;
      if (i + w < n && Lower(p[i + w]) == 's' &&
          (i + w + 1 >= n || !IsAsciiAlnum(p[i + w + 1]))) {
        t.end = static_cast<uint32_t>(i + w + 1);
        t.hash = t.stem = HashWord("'s");
        t.flags = kWord;
        out->push_back(t);
        i = t.end;
        continue;
      }
    }
    t.end = static_cast<uint32_t>(i + 1);
    t.flags = kPunct;
    if (c == '"' || c == '\'') t.flags |= kQuote;
    if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '-') {
      t.flags |= kClauseBreak;
    }
    t.hash = (kFnvOffset ^ c) * kFnvPrime;
    t.hash ^= t.hash >> 29;
    t.stem = t.hash;
    out->push_back(t);
    ++i;
  }

  // Sentence ends: . ! ? (plus closing quotes glued to them) followed by the
  // end, a capitalised word, a digit or an opening quote.
  const size_t m = out->size();
  for (size_t k = 0; k < m; ++k) {
    Token& t = (*out)[k];
    if ((t.flags & kPunct) == 0 || t.end - t.begin != 1) continue;
    const unsigned char c = p[t.begin];
    if (c != '.' && c != '!' && c != '?') continue;
    if (c == '.' && k > 0 && (*out)[k - 1].end == t.begin &&
        IsAbbreviation((*out)[k - 1].hash)) {
      continue;
    }
    size_t last = k;
    while (last + 1 < m && ((*out)[last + 1].flags & kQuote) &&
           (*out)[last + 1].begin == (*out)[last].end) {
      ++last;
    }
    const size_t next = last + 1;
    if (next == m || ((*out)[next].flags & (kCapitalized | kQuote)) ||
        (p[(*out)[next].begin] >= '0' && p[(*out)[next].begin] <= '9')) {
      (*out)[last].flags |= kSentenceEnd;
    }
  }
}

void SplitSentences(const std::vector<Token>& tokens,
                    std::vector<SentenceSpan>* out) {
  out->clear();
  uint32_t start = 0;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  for (uint32_t k = 0; k < n; ++k) {
    if (tokens[k].flags & kSentenceEnd) {
      out->push_back({start, k + 1});
      start = k + 1;
    }
  }
  if (start < n) out->push_back({start, n});
}

size_t TokenAtOrAfter(const std::vector<Token>& tokens, size_t byte_offset) {
  auto it =
      std::upper_bound(tokens.begin(), tokens.end(), byte_offset,
                       [](size_t off, const Token& t) { return off < t.end; });
  return static_cast<size_t>(it - tokens.begin());
}

}  // namespace newswire::sentiment
