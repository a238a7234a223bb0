#include "common/text/segment.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"

namespace newswire::text {
namespace {

// Multi-byte punctuation that must be its own token: dashes, curly quotes,
// ellipsis. Returns its length in bytes or 0.
size_t Utf8PunctAt(absl::string_view t, size_t i) {
  if (i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xE2 &&
      static_cast<unsigned char>(t[i + 1]) == 0x80) {
    unsigned char c = t[i + 2];
    // U+2013..U+2015 dashes, U+2018..U+201F quotes, U+2026 ellipsis.
    if ((c >= 0x93 && c <= 0x95) || (c >= 0x98 && c <= 0x9F) || c == 0xA6) {
      return 3;
    }
  }
  if (i + 1 < t.size() && static_cast<unsigned char>(t[i]) == 0xC2) {
    unsigned char c = t[i + 1];
    if (c == 0xAB || c == 0xBB || c == 0xA0) return 2;  // « » nbsp
  }
  return 0;
}

// The right single quote U+2019 used as an apostrophe.
bool IsApostropheAt(absl::string_view t, size_t i, size_t* len) {
  if (i < t.size() && t[i] == '\'') {
    *len = 1;
    return true;
  }
  if (i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xE2 &&
      static_cast<unsigned char>(t[i + 1]) == 0x80 &&
      static_cast<unsigned char>(t[i + 2]) == 0x99) {
    *len = 3;
    return true;
  }
  return false;
}

// The one abbreviation list: lower-cased, without the final period. A
// title-like one ("Sen.", "Nov.", "No.") never ends a sentence; any other one
// ("Inc.", "Calif.") ends one only at a line break before a capital.
struct Abbreviation {
  absl::string_view word;
  bool title_like;
};
constexpr Abbreviation kAbbreviations[] = {
    {"mr", true},      {"mrs", true},   {"ms", true},    {"dr", true},
    {"prof", true},    {"sen", true},   {"rep", true},   {"gov", true},
    {"gen", true},     {"lt", true},    {"col", true},   {"maj", true},
    {"capt", true},    {"cmdr", true},  {"adm", true},   {"sgt", true},
    {"pres", true},    {"rev", true},   {"hon", true},   {"st", true},
    {"mt", true},      {"ft", true},    {"jan", true},   {"feb", true},
    {"mar", true},     {"apr", true},   {"jun", true},   {"jul", true},
    {"aug", true},     {"sep", true},   {"sept", true},  {"oct", true},
    {"nov", true},     {"dec", true},   {"no", true},    {"vs", true},
    {"jr", false},     {"sr", false},   {"corp", false}, {"inc", false},
    {"co", false},     {"ltd", false},  {"bros", false}, {"etc", false},
    {"approx", false}, {"dept", false}, {"est", false},  {"fig", false},
    {"ave", false},    {"blvd", false}, {"rd", false},   {"calif", false},
    {"mass", false},   {"conn", false}, {"fla", false},  {"ill", false},
    {"wash", false},   {"tex", false},  {"penn", false}, {"ariz", false},
    {"colo", false},   {"okla", false}, {"ore", false},  {"wis", false},
    {"minn", false},   {"mich", false}, {"tenn", false}, {"ky", false},
    {"va", false},     {"md", false},   {"del", false}};

// word -> title_like, built once from kAbbreviations.
const absl::flat_hash_map<std::string, bool>& AbbreviationTable() {
  static const auto* const kTable = [] {
    auto* t = new absl::flat_hash_map<std::string, bool>();
    for (const Abbreviation& a : kAbbreviations) {
      t->emplace(std::string(a.word), a.title_like);
    }
    return t;
  }();
  return *kTable;
}

// Abbreviations after which a sentence does not end even before a capital
// ("Sen. Lee", "Nov. 3", "Gen. Kim").
bool IsTitleLike(absl::string_view lower) {
  auto it = AbbreviationTable().find(std::string(lower));
  return it != AbbreviationTable().end() && it->second;
}

class Tokenizer {
 public:
  // REQUIRES: *out is empty.
  Tokenizer(absl::string_view text, std::vector<Token>* out)
      : t_(text), out_(*out) {}

  void Run() {
    size_t i = 0;
    const size_t n = t_.size();
    while (i < n) {
      unsigned char c = t_[i];
      if (c == '\n') {
        ++newlines_;
        ++i;
        continue;
      }
      if (absl::ascii_isspace(c)) {
        ++i;
        continue;
      }
      if (size_t l = Utf8PunctAt(t_, i)) {
        if (!(l == 2 && static_cast<unsigned char>(t_[i + 1]) == 0xA0)) {
          Emit(i, i + l);
        }
        i += l;
        continue;
      }
      if (IsWordByte(c)) {
        i = Word(i);
        continue;
      }
      // ASCII punctuation: "--", "...", "``", "''" group; others single.
      size_t j = i + 1;
      if (c == '-' || c == '.' || c == '`' || c == '\'') {
        while (j < n && t_[j] == static_cast<char>(c)) ++j;
      }
      Emit(i, j);
      i = j;
    }
  }

 private:
  // Scans a word starting at i; emits one or more tokens; returns the end.
  size_t Word(size_t i) {
    const size_t n = t_.size();
    size_t j = i;
    while (j < n) {
      unsigned char c = t_[j];
      if (IsWordByte(c) && !Utf8PunctAt(t_, j)) {
        ++j;
        continue;
      }
      size_t alen = 0;
      // Internal hyphen, slash or ampersand between word characters.
      if ((c == '-' || c == '&' || c == '/') && j + 1 < n &&
          IsWordByte(t_[j + 1]) && !Utf8PunctAt(t_, j + 1) && j > i) {
        j += 1;
        continue;
      }
      // Digits with internal , or . ("1,000.5", "3.5").
      if ((c == ',' || c == '.' || c == ':') && j > i &&
          absl::ascii_isdigit(t_[j - 1]) && j + 1 < n &&
          absl::ascii_isdigit(t_[j + 1])) {
        j += 1;
        continue;
      }
      // A period inside a chain of single letters: "U.S.", "U.S.A.",
      // "D.P.R.K.", "a.m.".
      if (c == '.' && j + 1 < n && absl::ascii_isalpha(t_[j + 1]) &&
          absl::ascii_isalpha(t_[j - 1]) && (j - 1 == i || t_[j - 2] == '.')) {
        j += 1;
        continue;
      }
      if (IsApostropheAt(t_, j, &alen)) {
        size_t k = j + alen;
        // "'s" / "'S" at the end of the word: a possessive/clitic token.
        if (k < n && (t_[k] == 's' || t_[k] == 'S') &&
            (k + 1 >= n || !IsWordByte(t_[k + 1]))) {
          Emit(i, j);
          Emit(j, k + 1);
          return k + 1;
        }
        // "n't": "don't" -> "do" "n't".
        if (k < n && (t_[k] == 't' || t_[k] == 'T') && j > i + 1 &&
            (t_[j - 1] == 'n' || t_[j - 1] == 'N') &&
            (k + 1 >= n || !IsWordByte(t_[k + 1]))) {
          Emit(i, j - 1);
          Emit(j - 1, k + 1);
          return k + 1;
        }
        // "'re", "'ve", "'ll", "'d", "'m".
        size_t m = k;
        while (m < n && absl::ascii_isalpha(t_[m])) ++m;
        absl::string_view rest = t_.substr(k, m - k);
        std::string lower = absl::AsciiStrToLower(rest);
        if ((lower == "re" || lower == "ve" || lower == "ll" || lower == "d" ||
             lower == "m") &&
            (m >= n || !IsWordByte(t_[m]))) {
          Emit(i, j);
          Emit(j, m);
          return m;
        }
        // "O'Brien", "D'Alema": keep the apostrophe inside.
        if (k < n && IsWordByte(t_[k]) && !Utf8PunctAt(t_, k)) {
          j = k;
          continue;
        }
        // "Ministers'": split the trailing apostrophe off.
        if (j > i && (t_[j - 1] == 's' || t_[j - 1] == 'S')) {
          Emit(i, j);
          Emit(j, j + alen);
          return j + alen;
        }
      }
      break;
    }
    // A final period belongs to abbreviations: "U.S.", "Sen.", "J.".
    if (j < n && t_[j] == '.' && !(j + 1 < n && t_[j + 1] == '.')) {
      absl::string_view word = t_.substr(i, j - i);
      std::string lower = absl::AsciiStrToLower(word);
      bool dotted = word.find('.') != absl::string_view::npos;
      bool initial = word.size() == 1 && absl::ascii_isupper(word[0]);
      if (dotted || initial || IsKnownAbbreviation(lower)) {
        Emit(i, j + 1);
        return j + 1;
      }
    }
    Emit(i, j);
    return j;
  }

  void Emit(size_t b, size_t e) {
    if (e <= b) return;
    Token tok;
    tok.begin = static_cast<uint32_t>(b);
    tok.end = static_cast<uint32_t>(e);
    tok.sentence_start = out_.empty() || SentenceBreakBefore(b);
    out_.push_back(tok);
    newlines_ = 0;
  }

  // Decides whether a new sentence starts at a token beginning at b.
  bool SentenceBreakBefore(size_t b) {
    if (newlines_ >= 2) return true;  // paragraph break
    const Token& prev = out_.back();
    // After a token ending in a letter or digit (no terminator, dash, quote
    // or abbreviation) only a paragraph break starts a sentence: every rule
    // below would answer false.
    if (absl::ascii_isalnum(static_cast<unsigned char>(t_[prev.end - 1]))) {
      return false;
    }
    absl::string_view pt = t_.substr(prev.begin, prev.end - prev.begin);
    absl::string_view next = t_.substr(b, 1);
    bool next_upper = absl::ascii_isupper(next[0]) ||
                      absl::ascii_isdigit(next[0]) || next[0] == '"' ||
                      next[0] == '`' ||
                      static_cast<unsigned char>(next[0]) == 0xE2;
    // A quote glued to the previous token closes it: `"Go!" she said`.
    if ((next[0] == '"' || next[0] == '\'' ||
         static_cast<unsigned char>(next[0]) == 0xE2) &&
        b > 0 && !absl::ascii_isspace(t_[b - 1])) {
      return false;
    }
    // Dateline: "SEOUL, Nov 3 (Reuters) -" or "PARIS (AP) --".
    if ((pt == "-" || pt == "--" || pt == "\xE2\x80\x94" ||
         pt == "\xE2\x80\x93") &&
        DatelineBefore()) {
      return true;
    }
    // Closing quotes/brackets after a terminator stay in the sentence.
    size_t k = out_.size();
    while (k > 0 && !out_[k - 1].sentence_start) {
      absl::string_view s =
          t_.substr(out_[k - 1].begin, out_[k - 1].end - out_[k - 1].begin);
      if (s == "\"" || s == "''" || s == ")" || s == "'" ||
          s == "\xE2\x80\x9D" || s == "\xE2\x80\x99") {
        --k;
        continue;
      }
      break;
    }
    if (k == 0) return false;
    const Token& last = out_[k - 1];
    absl::string_view ls = t_.substr(last.begin, last.end - last.begin);
    if (ls == "?" || ls == "!" || ls == "." || ls == "...") {
      return next_upper || newlines_ > 0;
    }
    if (ls.size() > 1 && ls.back() == '.' && k == out_.size()) {
      // An abbreviation: split only at a line break before a capital, and
      // never after a title ("Sen.") or a month.
      std::string lower = absl::AsciiStrToLower(ls.substr(0, ls.size() - 1));
      if (IsTitleLike(lower)) return false;
      return newlines_ > 0 && next_upper;
    }
    return false;
  }

  // True if the current sentence's tokens so far (ending with the dash just
  // emitted) look like a dateline: start with an all-caps word, at most ~12
  // tokens.
  bool DatelineBefore() const {
    size_t k = out_.size();
    size_t start = k;
    while (start > 0 && !out_[start - 1].sentence_start) --start;
    if (start > 0) --start;  // the sentence's first token
    if (k - start > 12 || k - start < 2) return false;
    const Token& first = out_[start];
    absl::string_view w = t_.substr(first.begin, first.end - first.begin);
    if (w.size() < 2) return false;
    for (char ch : w) {
      if (absl::ascii_islower(ch)) return false;
    }
    return true;
  }

  absl::string_view t_;
  std::vector<Token>& out_;
  int newlines_ = 0;
};

}  // namespace

bool IsKnownAbbreviation(absl::string_view lower_without_period) {
  return AbbreviationTable().contains(std::string(lower_without_period));
}

void Segment(absl::string_view text, std::vector<Token>* out) {
  out->clear();
  Tokenizer(text, out).Run();
}

std::vector<Token> Segment(absl::string_view text) {
  std::vector<Token> out;
  Tokenizer(text, &out).Run();
  return out;
}

size_t FirstSentenceEnd(absl::string_view text) {
  std::vector<Token> tokens = Segment(text);
  for (size_t k = 1; k < tokens.size(); ++k) {
    if (!tokens[k].sentence_start) continue;
    // A dateline ("PARIS (AP) --") belongs to the sentence it opens.
    absl::string_view last = text.substr(
        tokens[k - 1].begin, tokens[k - 1].end - tokens[k - 1].begin);
    if (last == "-" || last == "--" || last == "\xE2\x80\x94" ||
        last == "\xE2\x80\x93") {
      continue;
    }
    return tokens[k - 1].end;
  }
  return text.size();
}

}  // namespace newswire::text
