#include "services/enrich/sentiment/document_tone.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "absl/container/flat_hash_set.h"
#include "services/enrich/sentiment/features.h"
#include "services/enrich/sentiment/tokens.h"

namespace newswire::sentiment {
namespace {

// Tokens either side of a relief word that it can act on.
constexpr uint32_t kReliefWindow = 3;

// A heap-allocated, never freed set of the HashWord of each word.
const absl::flat_hash_set<uint64_t>* WordSet(
    std::initializer_list<const char*> words) {
  auto* s = new absl::flat_hash_set<uint64_t>;
  for (const char* w : words) s->insert(HashWord(w));
  return s;
}

// Words that end or remove a harm: the negative words next to them are what
// went away ("the drought ended", "freed the hostages", "cut deaths").
bool IsRelief(uint64_t hash) {
  static const auto* const kWords =
      WordSet({"end",      "ends",     "ended",     "ending",    "free",
               "frees",    "freed",    "release",   "released",  "rescue",
               "rescued",  "save",     "saved",     "cut",       "cuts",
               "ease",     "eases",    "eased",     "easing",    "lift",
               "lifted",   "lifts",    "reopen",    "reopened",  "reopens",
               "rebuilt",  "recover",  "recovered", "recovers",  "survive",
               "survived", "unharmed", "alive",     "found",     "cured",
               "defeated", "beat",     "rebound",   "rebounded", "rebounds",
               "resolved", "averted"});
  return kWords->contains(hash);
}

// Prepositions after which a relief word's object has ended: "talks end
// with a warning" does not end the warning; "freed after a standoff".
bool IsCircumstance(uint64_t hash) {
  static const auto* const kWords =
      WordSet({"with", "by", "as", "after", "in", "amid"});
  return kWords->contains(hash);
}

// SentenceTone with relief applied: the sum of contextual valences, where
// a word with a negative lexicon valence within kReliefWindow tokens of a
// relief word in the same clause (and not negated) counts with the
// opposite sign, as does a negative relief word itself ("cuts").
float ReliefTone(const SentenceAnalysis& a) {
  const std::vector<Token>& tokens = *a.tokens;
  const uint32_t n = a.span.end - a.span.begin;
  thread_local std::vector<uint8_t> flip;
  flip.assign(n, 0);
  for (uint32_t i = 0; i < n; ++i) {
    if (!IsRelief(tokens[a.span.begin + i].hash) || a.negated[i]) continue;
    const uint32_t lo = i > kReliefWindow ? i - kReliefWindow : 0;
    const uint32_t hi = std::min(n, i + kReliefWindow + 1);
    bool acted = false;
    for (uint32_t k = lo; k < hi; ++k) {
      if (k > i && IsCircumstance(tokens[a.span.begin + k].hash)) break;
      if (k == i || a.clause[k] != a.clause[i]) continue;
      if (a.base[k] < 0 && !a.negated[k]) {
        flip[k] = 1;
        acted = true;
      }
    }
    if (acted) flip[i] = 1;
  }
  float sum = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const float v = a.valence[i];
    sum += flip[i] && v < 0 ? -v : v;
  }
  return sum / std::sqrt(sum * sum + 1.0f);
}

// Adds the relief-adjusted tones of the sentences of `tokens` to *out with
// position weights: the first two get `lead`, the last `end` (when there
// are more than two), the rest `rest`.
void AddSentences(const Lexicon& lexicon, const std::vector<Token>& tokens,
                  float lead, float rest, float end, bool relief,
                  DocumentTone* out) {
  thread_local std::vector<SentenceSpan> sentences;
  thread_local SentenceAnalysis analysis;
  SplitSentences(tokens, &sentences);
  for (size_t i = 0; i < sentences.size(); ++i) {
    AnalyzeSentence(lexicon, tokens, sentences[i], &analysis);
    float w = rest;
    if (i < 2) {
      w = lead;
    } else if (i + 1 == sentences.size()) {
      w = end;
    }
    out->tones.push_back(relief ? ReliefTone(analysis)
                                : SentenceTone(analysis));
    out->weights.push_back(w);
  }
}

}  // namespace

DocumentTone ScoreDocumentTone(const Lexicon& lexicon,
                               absl::string_view headline,
                               absl::string_view body,
                               const ToneOptions& options) {
  return ScoreDocumentTone(lexicon, headline, body, text::Segment(body),
                           options);
}

DocumentTone ScoreDocumentTone(const Lexicon& lexicon,
                               absl::string_view headline,
                               absl::string_view body,
                               const std::vector<text::Token>& body_segments,
                               const ToneOptions& options) {
  thread_local std::vector<Token> tokens;
  DocumentTone t;
  const float h = options.headline_weight;
  Tokenize(headline, &tokens);
  AddSentences(lexicon, tokens, h, h, h, options.relief, &t);
  const size_t first_body = t.tones.size();
  AnnotateTokens(body, body_segments, &tokens);
  AddSentences(lexicon, tokens, options.lead_weight, 1.0f, options.end_weight,
               options.relief, &t);
  // A negative body sentence is resolved when a later one turns positive
  // with at least half its strength ("... feared the worst. All 14 were
  // freed unharmed"). Unresolved negative sentences get the negativity
  // weight, and the worst of them is the peak.
  float best_after = 0;  // the most positive body tone after sentence i
  float worst = 0;
  for (size_t i = t.tones.size(); i-- > 0;) {
    const float raw = t.tones[i];
    const bool resolved =
        options.relief && i >= first_body && best_after >= -raw / 2;
    if (raw < 0 && !resolved) {
      t.tones[i] = raw * options.negativity_weight;
      worst = std::min(worst, t.tones[i]);
    }
    if (i >= first_body) best_after = std::max(best_after, raw);
  }
  float sum = 0, weight = 0;
  for (size_t i = 0; i < t.tones.size(); ++i) {
    sum += t.weights[i] * t.tones[i];
    weight += t.weights[i];
  }
  const float mean = weight > 0 ? sum / weight : 0.0f;
  const float x = mean + options.peak_weight * worst;
  t.total = x;
  t.score =
      options.squash ? x / std::sqrt(x * x + 1.0f) : std::clamp(x, -1.0f, 1.0f);
  return t;
}

}  // namespace newswire::sentiment
