#include "services/enrich/sentiment/features.h"

#include <algorithm>
#include <cmath>

#include "common/text/hash.h"
#include "services/enrich/sentiment/target_context.h"

namespace newswire::sentiment {
namespace {

// How far a negator or an intensifier reaches (in word tokens).
constexpr int kScope = 3;
constexpr float kNegationFactor = -0.6f;
constexpr float kBoostFactor = 1.3f;
constexpr float kHedgeFactor = 0.6f;
// Weights of the parts of a sentence split by "but"/"however".
constexpr float kBeforeContrast = 0.5f;
constexpr float kAfterContrast = 1.5f;
constexpr float kConcessiveClause = 0.5f;
// Context windows around a target (tokens).
constexpr uint32_t kExactContext = 3;
constexpr uint32_t kBagContext = 10;
constexpr uint32_t kNearWindow = 5;

enum Template : uint64_t {
  kUnigram = 1,
  kNegatedUnigram,
  kBigram,
  kLeft,  // + distance 1..kExactContext
  kRight = kLeft + 8,
  // Two retired slots (word bags, now stem bags below), kept so that later
  // templates keep their ids and the committed model stays valid.
  kRetiredBags = kRight + 8,
  kClauseBag = kRetiredBags + 2,
  kLeftBigram,
  kRightBigram,
  kPosition,
  kBoundary,
  kStem,
  kNegatedStem,
  kLeftStem,  // + distance 1..kExactContext
  kRightStem = kLeftStem + 8,
  kLeftBagStem = kRightStem + 8,
  kRightBagStem,
};

inline uint32_t Bucket(uint64_t hash, uint64_t tmpl) {
  return FeatureBucket(hash, tmpl);
}

inline float Squash(float x) { return x / std::sqrt(x * x + 1.0f); }

inline bool IsWord(const Token& t) { return (t.flags & kWord) != 0; }

}  // namespace

void AnalyzeSentence(const Lexicon& lexicon, const std::vector<Token>& tokens,
                     SentenceSpan span, SentenceAnalysis* out) {
  const uint32_t n = span.end - span.begin;
  out->tokens = &tokens;
  out->span = span;
  out->valence.assign(n, 0.0f);
  out->negated.assign(n, 0);
  out->quoted.assign(n, 0);
  out->clause.assign(n, 0);
  out->pos_sum = out->neg_sum = 0;
  out->negators = 0;

  // Pass 1: classes, quotes, clauses, negation scope, contrast position.
  std::vector<uint8_t>& negated = out->negated;
  std::vector<uint8_t>& classes = out->classes;
  std::vector<float>& base = out->base;
  classes.assign(n, 0);
  base.assign(n, 0.0f);
  out->vectors = &lexicon.vectors();
  bool in_quote = false;
  uint16_t clause = 0;
  int scope_left = 0;
  uint32_t last_contrast = 0;  // relative index; 0 = none
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = tokens[span.begin + i];
    if (t.flags & kQuote) {
      in_quote = !in_quote;
      scope_left = 0;
      ++clause;
      out->quoted[i] = 1;
      out->clause[i] = clause;
      continue;
    }
    if (t.flags & kPunct) {
      if (t.flags & (kClauseBreak | kSentenceEnd)) {
        scope_left = 0;
        ++clause;
      }
      out->quoted[i] = in_quote;
      out->clause[i] = clause;
      continue;
    }
    const LexEntry* e = lexicon.Find(t.hash);
    if (e != nullptr) {
      classes[i] = e->classes;
      base[i] = e->valence;
      if (e->classes & (kContrast | kConcessive)) {
        ++clause;
        scope_left = 0;
        if ((e->classes & kContrast) && i > 0) last_contrast = i;
      }
    }
    out->quoted[i] = in_quote;
    out->clause[i] = clause;
    if (scope_left > 0) {
      negated[i] = 1;
      --scope_left;
    }
    if (classes[i] & kNegator) {
      scope_left = kScope;
      ++out->negators;
    }
  }

  // Pass 2: contextual valence of every lexicon word.
  bool in_concessive = false;
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = tokens[span.begin + i];
    if (classes[i] & kConcessive) in_concessive = true;
    if (t.flags & (kClauseBreak | kQuote)) in_concessive = false;
    const float v = base[i];
    if (v == 0) continue;
    float m = 1.0f;
    for (uint32_t back = 1; back <= kScope && back <= i; ++back) {
      const Token& prev = tokens[span.begin + i - back];
      if (!IsWord(prev)) break;
      if (classes[i - back] & kBooster) m *= kBoostFactor;
      if (classes[i - back] & kHedge) m *= kHedgeFactor;
    }
    // "fell sharply", "rose slightly": the modifier may follow the word.
    if (i + 1 < n && IsWord(tokens[span.begin + i + 1])) {
      if (classes[i + 1] & kBooster) m *= kBoostFactor;
      if (classes[i + 1] & kHedge) m *= kHedgeFactor;
    }
    if (negated[i]) m *= kNegationFactor;
    if (last_contrast > 0) {
      m *= i < last_contrast ? kBeforeContrast : kAfterContrast;
    }
    if (in_concessive) m *= kConcessiveClause;
    const float cv = std::clamp(v * m, -1.5f, 1.5f);
    out->valence[i] = cv;
    if (cv > 0) {
      out->pos_sum += cv;
    } else {
      out->neg_sum -= cv;
    }
  }
}

float SentenceTone(const SentenceAnalysis& a) {
  return Squash(a.pos_sum - a.neg_sum);
}

namespace {

// Stands in for every token of the target in sentence n-grams, so that the
// model learns "<target> said" rather than who the target is.
constexpr uint64_t kTargetPlaceholder = 0x5441524745545F5FULL;

// Emits unigram (and stem) features for tokens [u0, u1) and bigram features
// starting at [b0, b1) (absolute indices), with tokens in [mask_begin,
// mask_end) replaced by kTargetPlaceholder.
void EmitNgrams(const SentenceAnalysis& a, uint32_t u0, uint32_t u1,
                uint32_t b0, uint32_t b1, uint32_t mask_begin,
                uint32_t mask_end, FeatureVector* out) {
  const std::vector<Token>& tokens = *a.tokens;
  const uint32_t s = a.span.begin;
  auto masked = [&](uint32_t k) { return k >= mask_begin && k < mask_end; };
  auto word = [&](uint32_t k) {
    return masked(k) ? kTargetPlaceholder : tokens[k].hash;
  };
  for (uint32_t k = u0; k < u1; ++k) {
    const bool neg = a.negated[k - s] != 0;
    out->ids.push_back(Bucket(word(k), neg ? kNegatedUnigram : kUnigram));
    if (!masked(k) && tokens[k].stem != tokens[k].hash) {
      out->ids.push_back(Bucket(tokens[k].stem, neg ? kNegatedStem : kStem));
    }
  }
  for (uint32_t k = b0; k < b1; ++k) {
    out->ids.push_back(Bucket(word(k) * 31 + word(k + 1), kBigram));
  }
}

// Scale of the context vectors: unit vectors have components of about 0.1;
// at this scale the L2 penalty shared with the other features leaves them
// room (chosen by 5-fold cross-validation: 10, 12, 15 and 20 were tried).
constexpr float kVectorScale = 15.0f;

// Terms of the context vectors: side 0 is the mean of the vectors of the
// words 1..kVectorWindow tokens to the left of [begin, end), each weighted
// by 1 / its distance, times kVectorScale; side 1 the same to the right. A
// side without a word that has a vector gets no term.
void ContextVectors(const SentenceAnalysis& a, uint32_t begin, uint32_t end,
                    std::vector<VectorTerm>* out) {
  if (a.vectors == nullptr || a.vectors->empty()) return;
  const uint32_t s = a.span.begin;
  const uint32_t e = a.span.end;
  for (int32_t side = 0; side < 2; ++side) {
    const bool left = side == 0;
    const size_t first = out->size();
    float total = 0;
    for (uint32_t d = 1; d <= kVectorWindow; ++d) {
      if (left ? begin < s + d : end + d - 1 >= e) break;
      const Token& t = (*a.tokens)[left ? begin - d : end + d - 1];
      if (!IsWord(t)) continue;
      const int32_t row = a.vectors->Row(t.hash);
      if (row < 0) continue;
      const float w = 1.0f / static_cast<float>(d);
      out->push_back({row, side, w});
      total += w;
    }
    for (size_t k = first; k < out->size(); ++k) {
      (*out)[k].coef *= kVectorScale / total;
    }
  }
}

}  // namespace

void SentenceFeatures(const SentenceAnalysis& a, uint32_t mask_begin,
                      uint32_t mask_end, FeatureVector* out) {
  const uint32_t s = a.span.begin;
  const uint32_t e = a.span.end;
  EmitNgrams(a, s, e, s, e > s ? e - 1 : s, mask_begin, mask_end, out);
}

void TargetMaskDelta(const SentenceAnalysis& a, uint32_t begin, uint32_t end,
                     FeatureVector* unmasked, FeatureVector* masked) {
  const uint32_t s = a.span.begin;
  const uint32_t e = a.span.end;
  const uint32_t b0 = begin > s ? begin - 1 : s;
  const uint32_t b1 = std::min(end, e > s ? e - 1 : s);
  EmitNgrams(a, begin, end, b0, b1, 0, 0, unmasked);
  EmitNgrams(a, begin, end, b0, b1, begin, end, masked);
}

void TargetFeatures(const SentenceAnalysis& a, uint32_t begin, uint32_t end,
                    FeatureVector* out) {
  const std::vector<Token>& tokens = *a.tokens;
  const uint32_t s = a.span.begin;
  const uint32_t e = a.span.end;
  // Exact context by side and distance; sentence edges are a context too.
  for (uint32_t d = 1; d <= kExactContext; ++d) {
    if (begin >= s + d) {
      out->ids.push_back(Bucket(tokens[begin - d].hash, kLeft + d));
      out->ids.push_back(Bucket(tokens[begin - d].stem, kLeftStem + d));
    } else {
      out->ids.push_back(Bucket(0, kBoundary + d));
      break;
    }
  }
  for (uint32_t d = 1; d <= kExactContext; ++d) {
    if (end + d - 1 < e) {
      out->ids.push_back(Bucket(tokens[end + d - 1].hash, kRight + d));
      out->ids.push_back(Bucket(tokens[end + d - 1].stem, kRightStem + d));
    } else {
      out->ids.push_back(Bucket(1, kBoundary + d));
      break;
    }
  }
  if (begin >= s + 2) {
    out->ids.push_back(Bucket(
        tokens[begin - 2].hash * 31 + tokens[begin - 1].hash, kLeftBigram));
  }
  if (end + 1 < e) {
    out->ids.push_back(
        Bucket(tokens[end].hash * 31 + tokens[end + 1].hash, kRightBigram));
  }
  for (uint32_t d = kExactContext + 1; d <= kBagContext && begin >= s + d;
       ++d) {
    out->ids.push_back(Bucket(tokens[begin - d].stem, kLeftBagStem));
  }
  for (uint32_t d = kExactContext; d < kBagContext && end + d < e; ++d) {
    out->ids.push_back(Bucket(tokens[end + d].stem, kRightBagStem));
  }
  const uint16_t target_clause = a.clause[begin - s];
  for (uint32_t i = begin; i > s && a.clause[i - 1 - s] == target_clause;) {
    --i;
    out->ids.push_back(Bucket(tokens[i].hash, kClauseBag));
  }
  for (uint32_t i = end; i < e && a.clause[i - s] == target_clause; ++i) {
    out->ids.push_back(Bucket(tokens[i].hash, kClauseBag));
  }
  const uint32_t rel = begin - s;
  const uint64_t position = rel == 0 ? 0 : rel <= 2 ? 1 : rel <= 6 ? 2 : 3;
  out->ids.push_back(Bucket(position, kPosition));

  // Dense valence features around the target.
  float left = 0, right = 0, weighted = 0, same_clause = 0;
  // By side and distance: [left 1-2, left 3-6, right 1-2, right 3-6].
  float ring[4] = {0, 0, 0, 0};
  float most_negative = 0, most_positive = 0;
  bool speech_after = false;
  for (uint32_t i = s; i < e; ++i) {
    if (i >= begin && i < end) continue;
    const float v = a.valence[i - s];
    const uint32_t dist = i < begin ? begin - i : i - end + 1;
    if (v != 0) {
      weighted += v / (1.0f + 0.5f * static_cast<float>(dist));
      if (dist <= kNearWindow) (i < begin ? left : right) += v;
      if (a.clause[i - s] == target_clause) same_clause += v;
      if (dist <= 6) {
        ring[(i < begin ? 0 : 2) + (dist <= 2 ? 0 : 1)] += v;
        most_negative = std::min(most_negative, v);
        most_positive = std::max(most_positive, v);
      }
    }
  }
  // A reporting verb right after the target makes it the speaker.
  for (uint32_t i = end; i < e && i < end + 3; ++i) {
    speech_after = speech_after || (a.classes[i - s] & kSpeech) != 0;
  }
  const float tone = SentenceTone(a);
  const bool at_start = rel == 0 || (rel == 1 && !IsWord(tokens[s]));
  float* d = out->dense.data();
  d[0] = 1.0f;
  d[1] = Squash(a.pos_sum);
  d[2] = Squash(a.neg_sum);
  d[3] = tone;
  d[4] = Squash(left);
  d[5] = Squash(right);
  d[6] = Squash(weighted);
  d[7] = Squash(same_clause);
  d[8] = a.quoted[begin - s] ? 1.0f : 0.0f;
  d[9] = at_start ? 1.0f : 0.0f;
  d[10] = at_start ? tone : 0.0f;
  d[11] = a.negators > 0 ? 1.0f : 0.0f;
  d[12] = std::min(1.0f, static_cast<float>(e - s) / 50.0f);
  d[13] = speech_after ? 1.0f : 0.0f;
  for (int k = 0; k < 4; ++k) d[14 + k] = Squash(ring[k]);
  d[18] = most_negative;
  d[19] = most_positive;
  TargetContextFeatures(a, begin, end, out);
  ContextVectors(a, begin, end, &out->vector_terms);
}

void ExpandVectorTerms(const WordVectors& vectors, FeatureVector* out) {
  for (const VectorTerm& t : out->vector_terms) {
    const size_t block =
        kNumBaseDense + static_cast<size_t>(t.side) * kVectorDim;
    vectors.AddRow(t.row, t.coef, out->dense.data() + block);
  }
}

bool TargetTokens(const std::vector<Token>& tokens, size_t begin, size_t end,
                  uint32_t* tb, uint32_t* te) {
  if (end <= begin) return false;
  const size_t first = TokenAtOrAfter(tokens, begin);
  const size_t last = TokenAtOrAfter(tokens, end - 1);  // holds byte end-1
  if (first >= tokens.size() || tokens[first].begin >= end) return false;
  *tb = static_cast<uint32_t>(first);
  *te = static_cast<uint32_t>(std::min(last + 1, tokens.size()));
  return true;
}

bool ExtractTargetFeatures(const Lexicon& lexicon, absl::string_view text,
                           size_t begin, size_t end, FeatureVector* out,
                           float* tone) {
  thread_local std::vector<Token> tokens;
  thread_local std::vector<SentenceSpan> sentences;
  thread_local SentenceAnalysis analysis;
  out->Clear();
  Tokenize(text, &tokens);
  uint32_t tb = 0, te = 0;
  if (!TargetTokens(tokens, begin, end, &tb, &te)) return false;
  SplitSentences(tokens, &sentences);
  for (const SentenceSpan& s : sentences) {
    if (tb < s.begin || tb >= s.end) continue;
    AnalyzeSentence(lexicon, tokens, s, &analysis);
    te = std::min(te, s.end);
    SentenceFeatures(analysis, tb, te, out);
    TargetFeatures(analysis, tb, te, out);
    ExpandVectorTerms(lexicon.vectors(), out);
    if (tone != nullptr) *tone = SentenceTone(analysis);
    return true;
  }
  return false;
}

}  // namespace newswire::sentiment
