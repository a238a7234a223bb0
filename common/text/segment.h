// Tokenization and sentence splitting for English wire copy.
//
// Splits text into tokens that follow the CoNLL-2003 / Penn conventions the
// tagger was trained on, keeping byte offsets into the original text:
//   - abbreviations keep their period: "U.S.", "U.N.", "Sen.", "Nov.", "J.";
//   - hyphenated words stay whole: "Kim Jong-un", "Choe Ryong-hae";
//   - possessives and contractions split: "Kim's" -> "Kim" "'s",
//     "Ministers'" -> "Ministers" "'", "don't" -> "do" "n't";
//   - quotes, brackets and dashes ("--", U+2014, U+2013) are tokens; a dash
//     between words (" - ") is a token too, "1,000.5" is one token.
// Sentences end at . ? ! (not after an abbreviation such as "Sen." or
// "U.S." unless a paragraph break follows), at blank lines, and after a
// dateline ("PYONGYANG, Nov 3 (Reuters) -").
//
// Example:
//   std::vector<Token> tokens = Tokenize("Kim's aide met Sen. Lee.");
//   // "Kim" "'s" "aide" "met" "Sen." "Lee" "."  (sentence_start on "Kim")
//
// Threading: pure functions. Errors: none; invalid UTF-8 bytes are treated
// as letters, so offsets stay valid.
#ifndef NEWSWIRE_SERVICES_ENRICH_NER_TOKENIZER_H_
#define NEWSWIRE_SERVICES_ENRICH_NER_TOKENIZER_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::ner {

struct Token {
  uint32_t begin = 0;  // byte offsets: text[begin, end)
  uint32_t end = 0;
  bool sentence_start = false;  // first token of a sentence
};

std::vector<Token> Tokenize(absl::string_view text);

// True for lower-cased abbreviations (without the final period) that take
// one, e.g. "sen", "nov", "corp". Exposed for tests.
bool IsKnownAbbreviation(absl::string_view lower_without_period);

}  // namespace newswire::ner

#endif  // NEWSWIRE_SERVICES_ENRICH_NER_TOKENIZER_H_
