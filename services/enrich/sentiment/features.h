// Feature extraction for the sentiment model: contextual lexicon valences
// (negation, intensifiers, hedges, contrast) and hashed n-gram and
// target-window features.
//
// A sentence is analysed once (AnalyzeSentence); its sentence-wide features
// and the features of every target span inside it are then read from that
// analysis, so scoring many entities in one sentence costs little extra.
//
// Example:
//   SentenceAnalysis a;
//   AnalyzeSentence(lexicon, tokens, sentence, &a);
//   float tone = SentenceTone(a);                 // [-1, 1], rules only
//   FeatureVector f;
//   SentenceFeatures(a, target_begin, target_end, &f);  // n-grams
//   TargetFeatures(a, target_begin, target_end, &f);  // windows + dense
//
// Thread-safety: free functions; callers own the output objects.
// Errors: none. REQUIRES: target token indices lie inside the sentence.
#ifndef NEWSWIRE_SERVICES_ENRICH_SENTIMENT_FEATURES_H_
#define NEWSWIRE_SERVICES_ENRICH_SENTIMENT_FEATURES_H_

#include <array>
#include <cstdint>
#include <vector>

#include "common/text/hash.h"
#include "services/enrich/sentiment/lexicon.h"
#include "services/enrich/sentiment/tokens.h"
#include "services/enrich/sentiment/word_vectors.h"

namespace newswire::sentiment {

constexpr int kNumClasses = 3;     // 0 negative, 1 neutral, 2 positive
constexpr int kHashBits = 18;      // hashed feature table: 2^18 rows
constexpr int kNumBaseDense = 20;  // real-valued lexicon/position features
// Then the word vectors (word_vectors.h) of the words 1..kVectorWindow tokens
// to the left of the target, averaged with weight 1 / distance, and the same
// to its right.
constexpr uint32_t kVectorWindow = 8;
constexpr int kNumDense = kNumBaseDense + 2 * kVectorDim;

// Row of the hashed feature table for value `hash` of feature template
// `tmpl` (templates keep equal values of different features apart).
inline uint32_t FeatureBucket(uint64_t hash, uint64_t tmpl) {
  return static_cast<uint32_t>(Mix64(hash + tmpl * 0x9E3779B97F4A7C15ULL) >>
                               (64 - kHashBits));
}

// What AnalyzeSentence learns about one sentence.
struct SentenceAnalysis {
  const std::vector<Token>* tokens = nullptr;
  SentenceSpan span;
  // Per token of the sentence (index k - span.begin):
  std::vector<float> valence;    // lexicon valence in context
  std::vector<uint8_t> negated;  // inside a negation scope
  std::vector<uint8_t> quoted;   // inside quotation marks
  std::vector<uint16_t> clause;  // clause number (breaks at , ; : but ...)
  std::vector<uint8_t> classes;  // WordClass bits
  std::vector<float> base;       // lexicon valence out of context
  const WordVectors* vectors = nullptr;  // the lexicon's word vectors
  float pos_sum = 0;
  float neg_sum = 0;
  int negators = 0;
};

// One word of a target's context window: the context-vector block `side`
// (0 left, 1 right) gets coef x the vector of `row` (word_vectors.h).
struct VectorTerm {
  int32_t row = 0;
  int32_t side = 0;
  float coef = 0;
};

// Hashed feature rows plus dense values. TargetFeatures leaves the
// context-vector values as `vector_terms` (dense[kNumBaseDense, kNumDense)
// stay 0); ExpandVectorTerms turns them into those dense values, or
// LinearModel::AddProjectedScores scores them without expanding.
struct FeatureVector {
  std::vector<uint32_t> ids;
  std::array<float, kNumDense> dense{};
  std::vector<VectorTerm> vector_terms;
  void Clear() {
    ids.clear();
    dense.fill(0);
    vector_terms.clear();
  }
};

void AnalyzeSentence(const Lexicon& lexicon, const std::vector<Token>& tokens,
                     SentenceSpan span, SentenceAnalysis* out);

// Rule-based tone of the sentence in [-1, 1]: the sum of contextual
// valences, squashed by x / sqrt(x^2 + 1).
float SentenceTone(const SentenceAnalysis& a);

// Sentence-wide hashed features: unigrams (and stems) and bigrams, marked
// when negated, with the tokens in [mask_begin, mask_end) (absolute indices;
// the target) replaced by a placeholder so that names carry no prior.
void SentenceFeatures(const SentenceAnalysis& a, uint32_t mask_begin,
                      uint32_t mask_end, FeatureVector* out);

// The features that masking [begin, end) changes: `unmasked` gets them as
// SentenceFeatures(a, 0, 0, .) emits them, `masked` as SentenceFeatures(a,
// begin, end, .) does. Lets many targets share one unmasked sentence score.
void TargetMaskDelta(const SentenceAnalysis& a, uint32_t begin, uint32_t end,
                     FeatureVector* unmasked, FeatureVector* masked);

// Features of the target at token indices [begin, end) (absolute indices
// into a.tokens): context words by side and distance, the target's clause,
// and dense valence sums around it.
void TargetFeatures(const SentenceAnalysis& a, uint32_t begin, uint32_t end,
                    FeatureVector* out);

// Adds coef x vector of every term of out->vector_terms to the dense values
// of its side. REQUIRES: the terms' rows index `vectors`.
void ExpandVectorTerms(const WordVectors& vectors, FeatureVector* out);

// Token range [*tb, *te) covering bytes [begin, end); false if none.
bool TargetTokens(const std::vector<Token>& tokens, size_t begin, size_t end,
                  uint32_t* tb, uint32_t* te);

// Tokenizes `text` (tokens.h), finds the sentence holding bytes [begin, end),
// and fills `out` (cleared first) with its sentence and target features,
// the context vectors expanded into dense values.
// Returns false when the span covers no token. `tone`, if not null, gets
// SentenceTone.
bool ExtractTargetFeatures(const Lexicon& lexicon, absl::string_view text,
                           size_t begin, size_t end, FeatureVector* out,
                           float* tone = nullptr);

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_FEATURES_H_
