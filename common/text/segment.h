// Sentence splitting and word tokenization for English wire copy: the one
// segmenter ingest (headlines), NER and sentiment share.
//
// Splits text into tokens that follow the CoNLL-2003 / Penn conventions the
// NER tagger was trained on, keeping byte offsets into the original text:
//   - abbreviations keep their period: "U.S.", "U.N.", "Sen.", "Nov.", "J.";
//   - hyphenated words stay whole: "Kim Jong-un", "Choe Ryong-hae";
//   - possessives and contractions split: "Kim's" -> "Kim" "'s",
//     "Ministers'" -> "Ministers" "'", "don't" -> "do" "n't";
//   - quotes, brackets and dashes ("--", U+2014, U+2013) are tokens; a dash
//     between words (" - ") is a token too, "1,000.5" is one token.
// Sentences end at . ? ! (not after an abbreviation such as "Sen." or
// "U.S." unless a paragraph break follows), at blank lines, and after a
// dateline ("PYONGYANG, Nov 3 (Reuters) -"). There is one abbreviation list
// (segment.cc); IsKnownAbbreviation exposes it.
//
// Example:
//   std::vector<text::Token> tokens = text::Segment("Kim's aide met Sen.
//   Lee.");
//   // "Kim" "'s" "aide" "met" "Sen." "Lee" "."  (sentence_start on "Kim")
//
// Threading: pure functions. Errors: none; invalid UTF-8 bytes are treated
// as letters, so offsets stay valid.
#ifndef NEWSWIRE_COMMON_TEXT_SEGMENT_H_
#define NEWSWIRE_COMMON_TEXT_SEGMENT_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace newswire::text {

struct Token {
  uint32_t begin = 0;  // byte offsets: text[begin, end)
  uint32_t end = 0;
  bool sentence_start = false;  // first token of a sentence
};

// The tokens of `text` in order, each sentence's first one marked.
std::vector<Token> Segment(absl::string_view text);

// The same into *out (cleared first), reusing its capacity.
void Segment(absl::string_view text, std::vector<Token>* out);

// Byte length of the first sentence of `text` (through its last token; a
// leading dateline stays with the sentence it opens); text.size() when
// `text` is one sentence.
size_t FirstSentenceEnd(absl::string_view text);

// True for a byte that belongs to a word: an ASCII letter or digit, or any
// byte of a multi-byte UTF-8 character (letters outside ASCII). The one rule
// for what a word is, shared by the segmenter and keyword matching.
inline bool IsWordByte(unsigned char c) {
  return absl::ascii_isalnum(c) || c >= 0x80;
}

// True for lower-cased abbreviations (without the final period) that take
// one, e.g. "sen", "nov", "corp".
bool IsKnownAbbreviation(absl::string_view lower_without_period);

}  // namespace newswire::text

#endif  // NEWSWIRE_COMMON_TEXT_SEGMENT_H_
