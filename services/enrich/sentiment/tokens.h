// The tokens the sentiment features read: the segmentation every stage
// shares (common/text/segment.h), annotated with a 64-bit hash of each
// lowercased form (curly apostrophes folded to '), the hash of its stem, and
// flags for words, punctuation, quote marks, clause breaks and sentence ends.
// No allocation beyond the output vector, which callers reuse.
//
// Example:
//   std::vector<Token> tokens;
//   Tokenize("Officials did not rule it out.", &tokens);
//   // tokens[2]: bytes [14, 17) "not", hash == HashWord("not")
//   for (SentenceSpan s : SplitSentences(tokens)) { ... }
//   // Text already segmented for other uses (the enricher):
//   AnnotateTokens(body, segments, &tokens);
//
// Thread-safety: free functions without shared state.
// Errors: none; invalid UTF-8 bytes are treated as word characters.
#ifndef NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TOKENS_H_
#define NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TOKENS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/text/segment.h"

namespace newswire::sentiment {

enum TokenFlag : uint8_t {
  kWord = 1,   // letters/digits, clitics ("'s", "n't")
  kPunct = 2,  // any other symbol
  kQuote = 4,  // " “ ” `` '' « » and ' ‘ ’ used as quotation marks
  kSentenceEnd = 8,   // the last token of a sentence (text::Segment's)
  kClauseBreak = 16,  // , ; : ( ) and dashes: limits negation scope
  kCapitalized = 32,  // first letter is an ASCII capital
};

struct Token {
  uint32_t begin = 0;  // byte offsets into the tokenized text
  uint32_t end = 0;
  uint64_t hash = 0;  // HashWord of the lowercased form
  uint64_t stem = 0;  // HashWord of StemWord(form); == hash if unchanged
  uint8_t flags = 0;
};

// Half-open token index range [begin, end) of one sentence.
struct SentenceSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Hash of a word as Tokenize computes it (lowercases ASCII, folds ’ to ').
uint64_t HashWord(absl::string_view word);

// Crude English suffix stripping for feature sharing ("criticized",
// "criticizes" -> "criticiz"); lowercases. Keeps at least 3 letters.
std::string StemWord(absl::string_view word);

// The tokens of `segments` (REQUIRES: text::Segment(text)) into *out,
// cleared first. Offsets are relative to text.data().
void AnnotateTokens(absl::string_view text,
                    const std::vector<text::Token>& segments,
                    std::vector<Token>* out);

// text::Segment(text), then AnnotateTokens.
void Tokenize(absl::string_view text, std::vector<Token>* out);

// Splits tokens into sentences at tokens flagged kSentenceEnd.
void SplitSentences(const std::vector<Token>& tokens,
                    std::vector<SentenceSpan>* out);

// Index of the first token whose end is > byte_offset (tokens sorted).
size_t TokenAtOrAfter(const std::vector<Token>& tokens, size_t byte_offset);

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TOKENS_H_
