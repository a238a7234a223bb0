#include "services/enrich/ner/tokenizer.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"

namespace newswire::ner {
namespace {

bool IsWordByte(unsigned char c) { return absl::ascii_isalnum(c) || c >= 0x80; }

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

const absl::flat_hash_set<std::string>& Abbreviations() {
  static const auto* const kSet = new absl::flat_hash_set<std::string>{
      "mr",   "mrs",  "ms",   "dr",   "prof", "sen",  "rep",   "gov",  "gen",
      "lt",   "col",  "maj",  "capt", "cmdr", "adm",  "sgt",   "pres", "rev",
      "hon",  "st",   "mt",   "ft",   "jr",   "sr",   "jan",   "feb",  "mar",
      "apr",  "jun",  "jul",  "aug",  "sep",  "sept", "oct",   "nov",  "dec",
      "corp", "inc",  "co",   "ltd",  "bros", "no",   "vs",    "etc",  "approx",
      "dept", "est",  "fig",  "ave",  "blvd", "rd",   "calif", "mass", "conn",
      "fla",  "ill",  "wash", "tex",  "penn", "ariz", "colo",  "okla", "ore",
      "wis",  "minn", "mich", "tenn", "ky",   "va",   "md",    "del"};
  return *kSet;
}

// Abbreviations after which a sentence does not end even before a capital
// ("Sen. Lee", "Nov. 3", "Gen. Kim").
bool IsTitleLike(absl::string_view lower) {
  static const auto* const kSet = new absl::flat_hash_set<std::string>{
      "mr",  "mrs", "ms",  "dr",   "prof", "sen", "rep", "gov",  "gen",
      "lt",  "col", "maj", "capt", "cmdr", "adm", "sgt", "pres", "rev",
      "hon", "st",  "mt",  "ft",   "jan",  "feb", "mar", "apr",  "jun",
      "jul", "aug", "sep", "sept", "oct",  "nov", "dec", "no",   "vs"};
  return kSet->contains(std::string(lower));
}

class Tokenizer {
 public:
  explicit Tokenizer(absl::string_view text) : t_(text) {}

  std::vector<Token> Run() {
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
    return std::move(out_);
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
  std::vector<Token> out_;
  int newlines_ = 0;
};

}  // namespace

bool IsKnownAbbreviation(absl::string_view lower_without_period) {
  return Abbreviations().contains(std::string(lower_without_period));
}

std::vector<Token> Tokenize(absl::string_view text) {
  return Tokenizer(text).Run();
}

}  // namespace newswire::ner
