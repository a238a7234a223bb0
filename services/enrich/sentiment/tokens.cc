#include "services/enrich/sentiment/tokens.h"

#include <algorithm>

#include "common/text/segment.h"

namespace newswire::sentiment {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

inline bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}
inline bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
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

// Suffixes StemWord strips, longest first.
constexpr absl::string_view kSuffixes[] = {
    "ations", "ation", "ments", "ment", "ings", "ing", "edly", "ies",
    "ied",    "ed",    "es",    "ly",   "ers",  "er",  "s"};

// Length of the stem of lowercase ASCII `w` (w.size() if nothing to strip).
size_t StemLength(absl::string_view w) {
  for (const absl::string_view suffix : kSuffixes) {
    // The last letter first: most suffixes fail there, without a compare.
    if (w.size() >= suffix.size() + 3 && w.back() == suffix.back() &&
        w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return w.size() - suffix.size();
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

namespace {

// Flags of the token text[b, e).
uint8_t FlagsOf(const unsigned char* p, size_t b, size_t e) {
  const unsigned char c = p[b];
  const size_t len = e - b;
  if (IsAsciiAlnum(c)) return kWord | (IsUpper(c) ? kCapitalized : 0);
  const uint8_t uflags = c >= 0x80 ? Utf8PunctFlags(p + b, len) : 0;
  if (uflags != 0 && len == 3) return uflags;
  if (c == 0xC2 && len == 2 && (p[b + 1] == 0xAB || p[b + 1] == 0xBB)) {
    return kPunct | kQuote;  // « »
  }
  if (c >= 0x80) {
    // A clitic after a curly apostrophe ("’s") is a word; other non-ASCII
    // letters too.
    return kWord;
  }
  if (c == '\'' && len > 1 && IsAsciiAlnum(p[b + 1])) return kWord;  // 's 're
  uint8_t flags = kPunct;
  if (c == '"' || c == '\'' || c == '`') flags |= kQuote;
  if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '-') {
    flags |= kClauseBreak;
  }
  return flags;
}

}  // namespace

void AnnotateTokens(absl::string_view text,
                    const std::vector<text::Token>& segments,
                    std::vector<Token>* out) {
  out->clear();
  out->reserve(segments.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t k = 0; k < segments.size(); ++k) {
    const text::Token& s = segments[k];
    Token t;
    t.begin = s.begin;
    t.end = s.end;
    const absl::string_view form = text.substr(s.begin, s.end - s.begin);
    t.hash = HashWord(form);
    t.flags = FlagsOf(p, s.begin, s.end);
    t.stem = (t.flags & kWord) ? StemHash(form, t.hash) : t.hash;
    if (k + 1 == segments.size() || segments[k + 1].sentence_start) {
      t.flags |= kSentenceEnd;
    }
    out->push_back(t);
  }
}

void Tokenize(absl::string_view text, std::vector<Token>* out) {
  thread_local std::vector<text::Token> segments;
  text::Segment(text, &segments);
  AnnotateTokens(text, segments, out);
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
