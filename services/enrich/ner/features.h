// Feature extraction for the sequence tagger.
//
// Every feature is a 64-bit hash of a template and a value. Features come in
// two kinds:
//   - word features: properties of one word seen at a relative offset
//     -2..+2 from the current token (form, lower case, shape, affixes,
//     cue-word and gazetteer-word flags). They depend on the word alone, so
//     the model can precompute their summed weights per word and offset.
//   - context features: depend on the sentence (word bigrams, gazetteer
//     phrase matches and their neighbours, sentence position, headline)
//     and on the document (how and where a word appears elsewhere in it,
//     DocumentCase).
// Label-history features (previous labels, earlier predictions for the
// same word in the document) are dense and handled by the decoder.
//
// Example:
//   std::vector<uint64_t> f;
//   AppendWordFeatures(lexicon, "Pyongyang", 0, &f);
//   DocumentCase doc(sentences, &lexicon);
//   SentenceContext ctx(lexicon, sentences[s], &doc, s);
//   ctx.AppendContextFeatures(i, &f);
//
// Threading: pure functions over a const Lexicon.
#ifndef NEWSWIRE_SERVICES_ENRICH_NER_FEATURES_H_
#define NEWSWIRE_SERVICES_ENRICH_NER_FEATURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "services/enrich/ner/lexicon.h"

namespace newswire::ner {

inline constexpr int kMinOffset = -2;
inline constexpr int kMaxOffset = 2;
inline constexpr int kNumOffsets = kMaxOffset - kMinOffset + 1;

// Pseudo-words outside the sentence.
inline constexpr absl::string_view kBeginWord = "<S>";
inline constexpr absl::string_view kEndWord = "</S>";

// Appends the word features of `word` seen at `offset` from the current
// token. `word` may be kBeginWord / kEndWord.
void AppendWordFeatures(const Lexicon& lexicon, absl::string_view word,
                        int offset, std::vector<uint64_t>* out);

// What the word features need from the lexicon and the word's spelling,
// looked up once for all offsets of one word.
struct WordFacts {
  bool boundary = false;  // kBeginWord or kEndWord: nothing else is set
  bool cap = false;       // starts with an upper-case letter
  std::string lower;      // NormalizedLower(word)
  std::string shape;      // ShortShape(word)
  uint8_t cues = 0;       // Lexicon::CuesOfNormalized
  uint8_t gaz = 0;        // Lexicon::WordClassesOfNormalized
  int clusters = -1;      // Lexicon::ClustersOfNormalized
  int embedding = -1;     // Lexicon::EmbeddingClustersOfNormalized
};
WordFacts DescribeWord(const Lexicon& lexicon, absl::string_view word);

// The same features as above from facts = DescribeWord(lexicon, word).
void AppendWordFeatures(const WordFacts& facts, absl::string_view word,
                        int offset, std::vector<uint64_t>* out);

// A compact word shape: "Kim" -> "Xx", "KCNA" -> "X", "1996-08-30" ->
// "d-d-d", "Jong-un" -> "Xx-x".
std::string ShortShape(absl::string_view word);

// Lower case with digits mapped to '0'.
std::string NormalizedLower(absl::string_view word);

// How each word is capitalized elsewhere in the document, away from
// sentence starts and all-caps headlines: tells "JAPAN" in a headline or
// "Wall" at a sentence start from common words.
//
// With a lexicon it also aggregates, per capitalized word, the contexts it
// has anywhere in the document (outside all-caps headlines), so that a bare
// "Clinton" knows the document also says "Bill Clinton" or "President
// Clinton", and "Pirelli" that it also says "Pirelli SpA". And it
// collects the word classes (Lexicon::EmbeddingClustersOfNormalized) of
// the words left and right of each occurrence, so that "Arequipa" in
// "Arequipa said" knows the story also says "shares of Arequipa".
class DocumentCase {
 public:
  // Context bits (ContextBits).
  enum : uint8_t {
    kAfterFirstName = 1,  // right after a capitalized first-name cue
    kAfterTitle = 2,      // right after a title cue ("President", "Mr")
    kBeforeOrgWord = 4,   // right before a capitalized org head word
    kBeforeLocWord = 8,   // right before a capitalized location head word
    kInsideName = 16,     // inside a run of capitalized words (not first)
    kStartsName = 32,     // first of a run of capitalized words
  };
  explicit DocumentCase(
      const std::vector<std::vector<absl::string_view>>& sentences,
      const Lexicon* lexicon = nullptr);
  // Bits: 1 = seen lower-case, 2 = seen capitalized, 4 = seen all caps,
  // for a word given by Fingerprint64 of its NormalizedLower() form.
  uint8_t Bits(uint64_t lower_hash) const;
  // The context bits above, OR-ed over the word's capitalized occurrences
  // in the document; 0 without a lexicon.
  uint8_t ContextBits(uint64_t lower_hash) const;
  // The distinct neighbour classes of a capitalized word over all its
  // occurrences (outside all-caps headlines), sorted; empty without a
  // lexicon (and, without embedding classes, only the boundary and
  // no-class values). A value packs the side (bit 0, 1 = right), whether
  // it is a coarse class (bit 1) and the class id plus 2 (0 = sentence
  // boundary, 1 = a word without a class) above those bits.
  absl::Span<const uint32_t> NeighbourClasses(uint64_t lower_hash) const;

  // NormalizedLower() of every token of sentence s, and their Fingerprint64,
  // computed once here so that SentenceContext need not redo them.
  // Requires s < the number of sentences given to the constructor.
  const std::vector<std::string>& lower(size_t s) const { return lower_[s]; }
  const std::vector<uint64_t>& lower_hashes(size_t s) const { return hash_[s]; }

 private:
  absl::flat_hash_map<uint64_t, uint8_t> bits_;
  absl::flat_hash_map<uint64_t, uint8_t> context_;
  // (word hash, neighbour class) pairs, sorted and distinct, split into two
  // arrays so that NeighbourClasses can return a span of the classes.
  std::vector<uint64_t> neighbour_words_;
  std::vector<uint32_t> neighbour_classes_;
  std::vector<std::vector<std::string>> lower_;
  std::vector<std::vector<uint64_t>> hash_;
};

// Per-sentence state for context features.
class SentenceContext {
 public:
  // `doc` may be null (no document-level features). With a document,
  // `tokens` must be its sentence number `sentence`: the normalized forms
  // are then read from `doc`, which must outlive this object.
  SentenceContext(const Lexicon& lexicon,
                  const std::vector<absl::string_view>& tokens,
                  const DocumentCase* doc, size_t sentence);
  void AppendContextFeatures(int i, std::vector<uint64_t>* out) const;
  // The same without the document's neighbour classes of the word, and
  // those alone: they are the same for every occurrence of a word in the
  // document, so a tagger can sum their weights once per word.
  void AppendContextFeaturesExceptNeighbours(int i,
                                             std::vector<uint64_t>* out) const;
  void AppendNeighbourClassFeatures(int i, std::vector<uint64_t>* out) const;
  // True if the token starts with an upper-case letter.
  bool Capitalized(int i) const { return caps_[i]; }
  // Lexicon::MatchPhrases bits of token i (class * 4 + B/I/L/U position).
  uint16_t gazetteer_marks(int i) const { return marks_[i]; }
  // Lower-cased, digit-normalized form of token i, and its Fingerprint64.
  const std::string& lower(int i) const { return (*lower_)[i]; }
  uint64_t lower_hash(int i) const { return (*hash_)[i]; }
  int size() const { return static_cast<int>(lower_->size()); }
  // The sentence has no lower-case letter (an all-caps headline), or is
  // mostly numbers (a results table line): capitalization says little.
  bool headline() const { return headline_; }
  bool numeric() const { return numeric_; }

 private:
  // Point at own_lower_/own_hash_, or into the DocumentCase.
  const std::vector<std::string>* lower_;
  const std::vector<uint64_t>* hash_;
  std::vector<std::string> own_lower_;
  std::vector<uint64_t> own_hash_;
  std::vector<uint16_t> marks_;
  std::vector<bool> caps_;
  bool headline_ = false;  // no lower-case letters in the sentence
  bool numeric_ = false;   // a third of the tokens are numbers (results)
  const DocumentCase* doc_;
};

}  // namespace newswire::ner

#endif  // NEWSWIRE_SERVICES_ENRICH_NER_FEATURES_H_
