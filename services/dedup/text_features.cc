#include "services/dedup/text_features.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "services/dedup/feature_sink.h"
#include "services/dedup/word_scanner.h"

namespace newswire::dedup {
namespace {

using internal::FeatureSink;
using internal::kShortWord;
using internal::ShortWordHash;
using internal::TokenHash;

constexpr uint64_t kHighBits = 0x8080808080808080ULL;
constexpr uint64_t kOnes = 0x0101010101010101ULL;

// The 8 bytes at p (little-endian), zeros past `end`.
inline uint64_t Load8(const char* p, const char* end) {
  uint64_t v = 0;
  if (p + 8 <= end) {
    std::memcpy(&v, p, 8);
  } else if (p < end) {
    std::memcpy(&v, p, static_cast<size_t>(end - p));
  }
  return v;
}

// The high bit of each byte of `v` that is an ASCII letter or digit; the
// digits' high bits go to `digits`. Bytes are compared as 7-bit values, so
// no addition carries into the next byte.
inline uint64_t AlnumBytes(uint64_t v, uint64_t* digits) {
  const uint64_t x = v & ~kHighBits;
  // Per byte: high bit of x + (0x80 - lo) is x >= lo; of x + (0x7f - hi)
  // is x > hi.
  const auto in_range = [](uint64_t b, uint64_t lo, uint64_t hi) {
    return (b + (0x80 - lo) * kOnes) & ~(b + (0x7f - hi) * kOnes);
  };
  *digits = in_range(x, '0', '9') & ~v & kHighBits;
  return (*digits | (in_range(x | 0x2020202020202020ULL, 'a', 'z') & ~v)) &
         kHighBits;
}

inline bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}
inline bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// What a non-word byte sequence means to the tokenizer.
enum class Punct { kSeparator, kJoiner, kSentenceEnd };

// Classifies the UTF-8 sequence at text[i] that is not an ASCII word char.
// Returns its length in `len` and whether it is a word character.
bool ClassifyMultibyte(absl::string_view text, size_t i, size_t* len,
                       Punct* punct) {
  const auto at = [&](size_t k) -> unsigned char {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0;
  };
  unsigned char c = at(i);
  *punct = Punct::kSeparator;
  if (c == 0xE2 && at(i + 1) == 0x80) {  // General Punctuation U+2000..203F
    *len = 3;
    unsigned char d = at(i + 2);
    if (d == 0x98 || d == 0x99 || d == 0xB2) *punct = Punct::kJoiner;
    if (d == 0xA6) *punct = Punct::kSentenceEnd;  // ellipsis
    return false;
  }
  if (c == 0xE2 && at(i + 1) == 0x88 && at(i + 2) == 0x92) {  // minus sign
    *len = 3;
    return false;
  }
  if (c == 0xC2 && (at(i + 1) == 0xA0 || at(i + 1) == 0xAB ||
                    at(i + 1) == 0xBB || at(i + 1) == 0xAD)) {
    *len = 2;
    if (at(i + 1) == 0xAD) *punct = Punct::kJoiner;  // soft hyphen
    return false;
  }
  if (c == 0xE3 && at(i + 1) == 0x80 && at(i + 2) == 0x80) {  // ideographic sp
    *len = 3;
    return false;
  }
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  size_t k = 1;
  while (k < n && (at(i + k) & 0xC0) == 0x80) ++k;
  *len = k;
  return true;
}

// Length of a markup tag or character entity starting at text[i] ('<' or
// '&'), or 0 if there is none. Sets `joiner` for apostrophe entities.
size_t MarkupLength(absl::string_view text, size_t i, bool* joiner) {
  *joiner = false;
  if (text[i] == '<') {
    if (i + 1 >= text.size()) return 0;
    unsigned char next = static_cast<unsigned char>(text[i + 1]);
    if (!(IsAsciiAlnum(next) || next == '/' || next == '!')) return 0;
    size_t end = text.find('>', i + 1);
    if (end == absl::string_view::npos || end - i > 512) return 0;
    return end - i + 1;
  }
  size_t end = std::min(text.size(), i + 12);
  for (size_t k = i + 1; k < end; ++k) {
    char c = text[k];
    if (c == ';') {
      if (k == i + 1) return 0;
      absl::string_view name = text.substr(i + 1, k - i - 1);
      *joiner = name == "apos" || name == "#39" || name == "#x27" ||
                name == "rsquo" || name == "lsquo" || name == "#8217" ||
                name == "#8216" || name == "shy";
      return k - i + 1;
    }
    if (!(IsAsciiAlnum(static_cast<unsigned char>(c)) || c == '#')) return 0;
  }
  return 0;
}

using ClassifyFn = void (*)(const char*, internal::ByteClasses*);

constexpr size_t kBlock = 64;      // bytes classified at a time
constexpr size_t kLoadSlack = 16;  // readable bytes past a block's end

// Whether the separator bytes p[0, len) hold a paragraph break: two newlines
// with only blanks between them.
bool HasParagraphBreak(const char* p, size_t len) {
  int newlines = 0;
  for (size_t k = 0; k < len; ++k) {
    const char c = p[k];
    if (c == '\n') {
      if (++newlines == 2) return true;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\f') {
      newlines = 0;
    }
  }
  return false;
}

// Fast path of Tokenize for plain words: feeds `sink` whole words, each with
// the separators after it, while neither holds a byte that needs the full
// tokenizer (apostrophe, markup, UTF-8) and no '.' or ',' sits between a word
// and a digit (it may continue a number). Returns where it stopped, always a
// word start, and in `*retry` the first position where calling it again can
// make progress.
// REQUIRES: text[i] is an ASCII letter or digit and no token is open.
template <ClassifyFn Classify>
size_t PlainWords(absl::string_view text, size_t i, bool* sentence_start,
                  FeatureSink* sink, size_t* retry) {
  char tail[kBlock + kLoadSlack];
  uint64_t starts_sentence = *sentence_start;  // 1 if the word at i does
  for (;;) {
    const size_t avail = text.size() - i;
    const char* p = text.data() + i;
    uint64_t past_end = 0;
    if (avail < kBlock + kLoadSlack) {  // near the end: pad with NULs
      std::memset(tail, 0, sizeof(tail));
      std::memcpy(tail, p, avail);
      p = tail;
      if (avail < kBlock) past_end = ~uint64_t{0} << avail;
    }
    internal::ByteClasses c;
    Classify(p, &c);
    const uint64_t alnum = c.alnum;
    const uint64_t stop =
        c.slow | past_end | (c.number_sep & (alnum << 1) & (c.digit >> 1));
    const uint64_t before_stop = (stop & (0 - stop)) - 1;  // all if no stop
    const uint64_t starts = alnum & ~(alnum << 1) & before_stop;
    uint64_t ends = ~alnum & (alnum << 1);
    // Adding a mark inside a run of one bits carries into the bit just past
    // the run, so these flag the words holding a digit (at their end) and
    // the words after a '.', '!' or '?' (at their start).
    const uint64_t digit_words = (alnum + c.digit) & ends;
    uint64_t sentence_starts =
        ((~alnum + c.sentence_end) & starts) | starts_sentence;
    // Capitalized words that do not start a sentence are keys.
    uint64_t name_starts = c.upper & starts & ~sentence_starts;
    const bool two_newlines = (c.newline & (c.newline - 1)) != 0;
    // Every word but the last one before `stop` is followed by its whole
    // separator run and the next word start; bit 0 is a word start.
    uint64_t next_starts = starts & (starts - 1);
    int s = 0;
    // Each word's hash is filed under its start and under its end position
    // (a start is a letter or digit, an end is not, so they never collide),
    // and the sink takes the block's words in one call (or one per
    // paragraph): keys are then found from the masks, not word by word.
    uint64_t at[kBlock];
    int sink_from = 0;  // words starting before this are with the sink
    const auto to_sink = [&](int to) {
      const uint64_t range = (uint64_t{1} << to) - (uint64_t{1} << sink_from);
      sink->Tokens(at, starts & range);
      sink->Keys(at, (name_starts | digit_words) & range);
      sink_from = to;
    };
    while (next_starts != 0) {
      const int s2 = __builtin_ctzll(next_starts);
      const int e = __builtin_ctzll(ends);
      next_starts &= next_starts - 1;
      ends &= ends - 1;
      const size_t len = static_cast<size_t>(e - s);
      uint64_t h;
      if (len < kShortWord) {
        h = ShortWordHash(p + s, len);
      } else {
        TokenHash long_word;
        long_word.AddAlnumRun(p + s, len, p + kBlock + kLoadSlack);
        h = long_word.Finish();
      }
      at[s] = h;
      at[e] = h;
      if (two_newlines) {
        const uint64_t newlines =
            c.newline & ((uint64_t{1} << s2) - (uint64_t{1} << e));
        if ((newlines & (newlines - 1)) != 0 &&
            HasParagraphBreak(p + e, static_cast<size_t>(s2 - e))) {
          to_sink(s2);
          sink->EndSegment();
          sentence_starts |= uint64_t{1} << s2;
          name_starts &= ~(uint64_t{1} << s2);
        }
      }
      s = s2;
    }
    to_sink(s);
    starts_sentence = (sentence_starts >> s) & 1;
    *sentence_start = starts_sentence != 0;
    if (s == 0 || stop != 0) {
      // The next word's separators hold a stop, or it does not fit.
      *retry = i + (stop != 0 ? __builtin_ctzll(stop) : kBlock) + 1;
      return i + static_cast<size_t>(s);
    }
    i += static_cast<size_t>(s);
  }
}

// Splits `text` into normalized words and feeds them to `sink`.
template <ClassifyFn Classify>
void Tokenize(absl::string_view text, FeatureSink* sink) {
  bool in_token = false, digit = false, upper = false;
  bool sentence_start = true, token_sentence_start = true;
  int newlines = 0;
  TokenHash h;
  const auto end_token = [&]() {
    if (!in_token) return;
    in_token = false;
    sink->Token(h.Finish(), digit || (upper && !token_sentence_start) ? 1 : 0);
  };
  const auto start_token = [&](bool is_upper) {
    if (in_token) return;
    in_token = true;
    h.Reset();
    digit = false;
    upper = is_upper;
    token_sentence_start = sentence_start;
    sentence_start = false;
  };
  const size_t n = text.size();
  size_t i = 0;
  size_t retry_plain = 0;  // where PlainWords may make progress again
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsAsciiAlnum(c)) {
      if (!in_token && i >= retry_plain) {
        const size_t j =
            PlainWords<Classify>(text, i, &sentence_start, sink, &retry_plain);
        if (j != i) {
          i = j;
          continue;
        }
      }
      start_token(c >= 'A' && c <= 'Z');
      newlines = 0;
      // The rest of an ASCII word, 8 bytes at a time.
      size_t j = i;
      for (;;) {
        uint64_t digits;
        const uint64_t stop =
            ~AlnumBytes(Load8(text.data() + j, text.data() + n), &digits) &
            kHighBits;
        if (stop == 0) {
          digit |= digits != 0;
          j += 8;
          continue;
        }
        const int len = __builtin_ctzll(stop) >> 3;
        digit |= (digits & ((uint64_t{1} << (8 * len)) - 1)) != 0;
        j += len;
        break;
      }
      h.AddAlnumRun(text.data() + i, j - i, text.data() + n);
      i = j;
      continue;
    }
    if (c == '\n' || c == ' ' || c == '\t' || c == '\r' || c == '\f') {
      end_token();
      if (c == '\n' && ++newlines == 2) {
        sink->EndSegment();
        sentence_start = true;
      }
      ++i;
      continue;
    }
    newlines = 0;
    const bool digit_next =
        i + 1 < n && IsDigit(static_cast<unsigned char>(text[i + 1]));
    if ((c == '.' || c == ',') && in_token && digit && digit_next) {
      if (c == '.') h.Add(c);  // the decimal point is kept
      ++i;
      continue;
    }
    if (c == '\'') {
      ++i;
      continue;
    }
    if (c == '<' || c == '&') {
      bool joiner = false;
      size_t len = MarkupLength(text, i, &joiner);
      if (len > 0) {
        if (!joiner) end_token();
        i += len;
        continue;
      }
    }
    if (c >= 0x80) {
      size_t len = 1;
      Punct punct;
      if (ClassifyMultibyte(text, i, &len, &punct)) {
        start_token(false);
        for (size_t k = 0; k < len; ++k) {
          h.Add(static_cast<unsigned char>(text[i + k]));
        }
      } else if (punct != Punct::kJoiner) {
        end_token();
        if (punct == Punct::kSentenceEnd) sentence_start = true;
      }
      i += len;
      continue;
    }
    end_token();
    if (c == '.' || c == '!' || c == '?') sentence_start = true;
    ++i;
  }
  end_token();
}

template <ClassifyFn Classify>
void Extract(absl::string_view headline, absl::string_view dateline,
             absl::string_view body, TextFeatures* out) {
  *out = TextFeatures();
  FeatureSink sink(out);
  sink.BeginSection(0x68656164, false);
  Tokenize<Classify>(headline, &sink);
  sink.BeginSection(0x64617465, false);
  Tokenize<Classify>(dateline, &sink);
  sink.BeginSection(0x626f6479, true);
  Tokenize<Classify>(body, &sink);
  sink.Finish();
}

#ifdef NEWSWIRE_DEDUP_AVX2
// The whole extraction compiled for AVX2/BMI2 CPUs: `flatten` inlines every
// call, so the AVX2 classifier and the three-operand and BMI2 instructions
// reach the word loop (~6% faster than SSE2 on the bench corpus).
NEWSWIRE_DEDUP_AVX2_TARGET __attribute__((flatten)) void ExtractAvx2(
    absl::string_view headline, absl::string_view dateline,
    absl::string_view body, TextFeatures* out) {
  Extract<internal::ClassifyBlockAvx2>(headline, dateline, body, out);
}
#endif

}  // namespace

void ExtractFeatures(absl::string_view headline, absl::string_view dateline,
                     absl::string_view body, TextFeatures* out) {
#ifdef NEWSWIRE_DEDUP_AVX2
  if (internal::HaveAvx2()) {
    ExtractAvx2(headline, dateline, body, out);
    return;
  }
#endif
  Extract<internal::ClassifyBlock>(headline, dateline, body, out);
}

namespace internal {

bool ExtractFeaturesWith(Classifier classifier, absl::string_view headline,
                         absl::string_view dateline, absl::string_view body,
                         TextFeatures* out) {
  switch (classifier) {
    case Classifier::kPortable:
      Extract<ClassifyBlockPortable>(headline, dateline, body, out);
      return true;
    case Classifier::kSse2:
#ifdef __SSE2__
      Extract<ClassifyBlockSse2>(headline, dateline, body, out);
      return true;
#else
      return false;
#endif
    case Classifier::kAvx2:
#ifdef NEWSWIRE_DEDUP_AVX2
      if (!HaveAvx2()) return false;
      ExtractAvx2(headline, dateline, body, out);
      return true;
#else
      return false;
#endif
  }
  return false;
}

}  // namespace internal

double SignatureAgreement(const uint8_t* a, const uint8_t* b) {
  int same = 0;
  for (int i = 0; i < kSignatureSize; ++i) same += a[i] == b[i];
  return static_cast<double>(same) / kSignatureSize;
}

double JaccardFromAgreement(double agreement) {
  constexpr double kChance = 1.0 / 256;
  return std::clamp((agreement - kChance) / (1 - kChance), 0.0, 1.0);
}

double Containment(double jaccard, uint32_t features_a, uint32_t features_b) {
  if (features_a == 0) return 0;
  double inter =
      jaccard * (static_cast<double>(features_a) + features_b) / (1 + jaccard);
  return std::min(1.0, inter / features_a);
}

int MissingKeyBits(const std::array<uint64_t, 2>& a,
                   const std::array<uint64_t, 2>& b) {
  return __builtin_popcountll(a[0] & ~b[0]) +
         __builtin_popcountll(a[1] & ~b[1]);
}

int KeyBitCount(const std::array<uint64_t, 2>& a) {
  return __builtin_popcountll(a[0]) + __builtin_popcountll(a[1]);
}

}  // namespace newswire::dedup
