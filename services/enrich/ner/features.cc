#include "services/enrich/ner/features.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "common/text/hash.h"
#include "services/enrich/ner/word_clusters.h"

namespace newswire::ner {
namespace {

// Feature templates. Values are hashed with the template and offset.
enum Template : uint64_t {
  kForm = 1,
  kLower,
  kShape,
  kPrefix,
  kSuffix,
  kFlags,
  kCue,
  kGazWord,
  kBigramLeft,
  kBigramRight,
  kGazMark,
  kGazMarkLeft,
  kGazMarkRight,
  kFirstInSentence,
  kHeadline,
  kCapsPattern,
  kBias,
  kFormTitle,
  kDocCase,
  kNumericSentence,
  kClusterCoarse,
  kClusterFine,
  kEmbeddingCoarse,
  kEmbeddingFine,
  kDocContext,
  kDocNeighbourClass,
};

uint64_t Feat(uint64_t tmpl, int offset, absl::string_view value) {
  return Fingerprint64(value, tmpl * 64 + static_cast<uint64_t>(offset + 8));
}

uint64_t Feat(uint64_t tmpl, int offset, uint64_t value) {
  return Mix64(value * 0x9E3779B97F4A7C15ull ^ (tmpl * 64 + offset + 8) ^
               0xABCDEF12345ull);
}

bool IsUpper(unsigned char c) { return absl::ascii_isupper(c); }

// A value of DocumentCase::NeighbourClasses: `code` is a class id plus 2,
// or one of the two codes below.
constexpr uint32_t kNeighbourEdge = 0;     // the sentence ends there
constexpr uint32_t kNeighbourNoClass = 1;  // a word without a class
uint32_t NeighbourValue(uint32_t code, bool coarse, uint32_t side) {
  return code << 2 | (coarse ? 2u : 0u) | side;
}

// The word starts with an upper-case letter.
bool StartsUpper(absl::string_view w) { return !w.empty() && IsUpper(w[0]); }

}  // namespace

std::string ShortShape(absl::string_view word) {
  std::string s;
  for (unsigned char c : word) {
    char k = absl::ascii_isupper(c)   ? 'X'
             : absl::ascii_islower(c) ? 'x'
             : absl::ascii_isdigit(c) ? 'd'
             : c >= 0x80              ? 'x'
                                      : static_cast<char>(c);
    if (s.empty() || s.back() != k) s.push_back(k);
    if (s.size() >= 8) break;
  }
  return s;
}

std::string NormalizedLower(absl::string_view word) {
  return NormalizeToken(word);
}

WordFacts DescribeWord(const Lexicon& lexicon, absl::string_view word) {
  WordFacts f;
  f.boundary = word == kBeginWord || word == kEndWord;
  if (f.boundary) return f;
  f.lower = NormalizedLower(word);
  f.shape = ShortShape(word);
  f.cues = lexicon.CuesOfNormalized(f.lower);
  f.gaz = lexicon.WordClassesOfNormalized(f.lower);
  f.clusters = lexicon.ClustersOfNormalized(f.lower);
  f.embedding = lexicon.EmbeddingClustersOfNormalized(f.lower);
  f.cap = StartsUpper(word);
  return f;
}

void AppendWordFeatures(const Lexicon& lexicon, absl::string_view word,
                        int offset, std::vector<uint64_t>* out) {
  AppendWordFeatures(DescribeWord(lexicon, word), word, offset, out);
}

void AppendWordFeatures(const WordFacts& facts, absl::string_view word,
                        int offset, std::vector<uint64_t>* out) {
  if (facts.boundary) {
    out->push_back(Feat(kForm, offset, word));
    return;
  }
  const std::string& lower = facts.lower;
  const bool cap = facts.cap;
  out->push_back(Feat(kLower, offset, lower));
  out->push_back(Feat(kShape, offset, facts.shape));
  if (facts.cues) out->push_back(Feat(kCue, offset, facts.cues));
  if (facts.gaz && cap) out->push_back(Feat(kGazWord, offset, facts.gaz));
  if (facts.clusters >= 0) {
    const uint16_t packed = static_cast<uint16_t>(facts.clusters);
    out->push_back(Feat(kClusterCoarse, offset,
                        uint64_t(CoarseCluster(packed)) * 2 + cap));
    if (offset >= -1 && offset <= 1) {
      out->push_back(
          Feat(kClusterFine, offset, uint64_t(FineCluster(packed)) * 2 + cap));
    }
  }
  if (facts.embedding >= 0) {
    const uint16_t packed = static_cast<uint16_t>(facts.embedding);
    out->push_back(Feat(kEmbeddingCoarse, offset,
                        uint64_t(CoarseCluster(packed)) * 2 + cap));
    if (offset >= -1 && offset <= 1) {
      out->push_back(Feat(kEmbeddingFine, offset,
                          uint64_t(FineCluster(packed)) * 2 + cap));
    }
  }
  if (offset < -1 || offset > 1) return;
  out->push_back(Feat(kForm, offset, word));
  if (lower.size() > 3) {
    out->push_back(Feat(kSuffix, offset,
                        absl::string_view(lower).substr(lower.size() - 3)));
  }
  if (offset != 0) return;
  if (cap && word.size() > 1) {
    // The lower-case word is known as a title/cue with capital: "Minister".
    out->push_back(Feat(kFormTitle, 0, lower));
  }
  out->push_back(Feat(kBias, 0, uint64_t{0}));
  for (size_t k = 1; k <= 4 && k <= lower.size(); ++k) {
    out->push_back(Feat(kPrefix, static_cast<int>(k),
                        absl::string_view(lower).substr(0, k)));
    out->push_back(Feat(kSuffix, 2 + static_cast<int>(k),
                        absl::string_view(lower).substr(lower.size() - k)));
  }
  uint64_t flags = 0;
  bool all_upper = true, has_lower = false, has_digit = false, all_digit = true,
       has_hyphen = false, has_dot = false;
  for (unsigned char c : word) {
    if (absl::ascii_islower(c)) has_lower = true;
    if (absl::ascii_isalpha(c) && !IsUpper(c)) all_upper = false;
    if (absl::ascii_isdigit(c)) {
      has_digit = true;
    } else {
      all_digit = false;
    }
    if (c == '-') has_hyphen = true;
    if (c == '.') has_dot = true;
  }
  flags |= (all_upper && !has_lower) << 0;
  flags |= cap << 1;
  flags |= has_digit << 2;
  flags |= all_digit << 3;
  flags |= has_hyphen << 4;
  flags |= has_dot << 5;
  flags |= (word.size() == 1) << 6;
  flags |= (word.size() > 8) << 7;
  out->push_back(Feat(kFlags, 0, flags));
}

static bool HasLower(absl::string_view w) {
  for (unsigned char c : w) {
    if (absl::ascii_islower(c)) return true;
  }
  return false;
}

DocumentCase::DocumentCase(
    const std::vector<std::vector<absl::string_view>>& sentences,
    const Lexicon* lexicon) {
  std::vector<std::pair<uint64_t, uint32_t>> neighbours;
  constexpr int kNotLookedUp = -3;
  constexpr int kEdge = -2;  // class_of's -1 is "no class"
  std::vector<int> classes;
  lower_.resize(sentences.size());
  hash_.resize(sentences.size());
  for (size_t k = 0; k < sentences.size(); ++k) {
    const std::vector<absl::string_view>& s = sentences[k];
    std::vector<std::string>& lower = lower_[k];
    std::vector<uint64_t>& hash = hash_[k];
    lower.reserve(s.size());
    hash.reserve(s.size());
    for (absl::string_view w : s) {
      lower.push_back(NormalizedLower(w));
      hash.push_back(Fingerprint64(lower.back()));
    }
    // Word classes of the sentence's words, looked up when first needed.
    classes.assign(s.size(), kNotLookedUp);
    auto class_of = [&](size_t j) {
      if (classes[j] == kNotLookedUp) {
        classes[j] = lexicon->EmbeddingClustersOfHash(hash[j]);
      }
      return classes[j];
    };
    bool headline = true;
    for (absl::string_view w : s) {
      if (HasLower(w)) headline = false;
    }
    if (headline) continue;
    const size_t n = s.size();
    for (size_t i = 0; i < n; ++i) {
      absl::string_view w = s[i];
      if (w.empty() || !absl::ascii_isalpha(w[0])) continue;
      if (i > 0) {
        uint8_t bit = absl::ascii_islower(w[0]) ? 1 : HasLower(w) ? 2 : 4;
        bits_[hash[i]] |= bit;
      }
      if (lexicon == nullptr || !StartsUpper(w)) continue;
      uint8_t ctx = 0;
      const bool prev_cap = i > 0 && StartsUpper(s[i - 1]);
      const bool next_cap = i + 1 < n && StartsUpper(s[i + 1]);
      const uint8_t prev_cues =
          i > 0 ? lexicon->CuesOfNormalized(lower[i - 1]) : 0;
      if (prev_cues & kCueTitle) ctx |= kAfterTitle;
      if (prev_cap) {
        if (prev_cues & kCueFirstName) ctx |= kAfterFirstName;
        if (i > 1) ctx |= kInsideName;
      }
      if (next_cap) {
        const uint8_t cues = lexicon->CuesOfNormalized(lower[i + 1]);
        if (cues & kCueOrgWord) ctx |= kBeforeOrgWord;
        if (cues & kCueLocWord) ctx |= kBeforeLocWord;
        if (!prev_cap) ctx |= kStartsName;
      }
      if (ctx != 0) context_[hash[i]] |= ctx;
      for (uint32_t side = 0; side < 2; ++side) {
        const bool inside = side == 0 ? i > 0 : i + 1 < n;
        const int packed = inside ? class_of(side == 0 ? i - 1 : i + 1) : kEdge;
        if (packed < 0) {
          const uint32_t code =
              packed == kEdge ? kNeighbourEdge : kNeighbourNoClass;
          neighbours.emplace_back(hash[i], NeighbourValue(code, false, side));
          continue;
        }
        const uint16_t p = static_cast<uint16_t>(packed);
        neighbours.emplace_back(
            hash[i], NeighbourValue(FineCluster(p) + 2u, false, side));
        neighbours.emplace_back(
            hash[i], NeighbourValue(CoarseCluster(p) + 2u, true, side));
      }
    }
  }
  std::sort(neighbours.begin(), neighbours.end());
  neighbours.erase(std::unique(neighbours.begin(), neighbours.end()),
                   neighbours.end());
  neighbour_words_.reserve(neighbours.size());
  neighbour_classes_.reserve(neighbours.size());
  for (const auto& [word, value] : neighbours) {
    neighbour_words_.push_back(word);
    neighbour_classes_.push_back(value);
  }
}

absl::Span<const uint32_t> DocumentCase::NeighbourClasses(
    uint64_t lower_hash) const {
  auto [lo, hi] = std::equal_range(neighbour_words_.begin(),
                                   neighbour_words_.end(), lower_hash);
  return absl::MakeConstSpan(
      neighbour_classes_.data() + (lo - neighbour_words_.begin()),
      static_cast<size_t>(hi - lo));
}

uint8_t DocumentCase::Bits(uint64_t lower_hash) const {
  auto it = bits_.find(lower_hash);
  return it == bits_.end() ? 0 : it->second;
}

uint8_t DocumentCase::ContextBits(uint64_t lower_hash) const {
  auto it = context_.find(lower_hash);
  return it == context_.end() ? 0 : it->second;
}

SentenceContext::SentenceContext(const Lexicon& lexicon,
                                 const std::vector<absl::string_view>& tokens,
                                 const DocumentCase* doc, size_t sentence)
    : lower_(&own_lower_), hash_(&own_hash_), caps_(tokens.size()), doc_(doc) {
  if (doc != nullptr && doc->lower(sentence).size() == tokens.size()) {
    lower_ = &doc->lower(sentence);
    hash_ = &doc->lower_hashes(sentence);
  } else {
    own_lower_.reserve(tokens.size());
    own_hash_.reserve(tokens.size());
    for (absl::string_view t : tokens) {
      own_lower_.push_back(NormalizedLower(t));
      own_hash_.push_back(Fingerprint64(own_lower_.back()));
    }
  }
  bool any_lower = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    caps_[i] = StartsUpper(tokens[i]);
    for (unsigned char c : tokens[i]) {
      if (absl::ascii_islower(c)) any_lower = true;
    }
  }
  headline_ = !any_lower && tokens.size() > 1;
  int numeric = 0;
  for (absl::string_view t : tokens) {
    if (!t.empty() && absl::ascii_isdigit(t[0])) ++numeric;
  }
  numeric_ =
      tokens.size() > 2 && numeric * 3 >= static_cast<int>(tokens.size());
  marks_ = lexicon.MatchPhrases(tokens, *lower_);
}

void SentenceContext::AppendContextFeatures(int i,
                                            std::vector<uint64_t>* out) const {
  AppendContextFeaturesExceptNeighbours(i, out);
  AppendNeighbourClassFeatures(i, out);
}

void SentenceContext::AppendNeighbourClassFeatures(
    int i, std::vector<uint64_t>* out) const {
  if (doc_ == nullptr || !caps_[i]) return;
  for (uint32_t v : doc_->NeighbourClasses((*hash_)[i])) {
    out->push_back(Feat(kDocNeighbourClass, 0, v));
  }
}

void SentenceContext::AppendContextFeaturesExceptNeighbours(
    int i, std::vector<uint64_t>* out) const {
  const int n = size();
  static const uint64_t kBeginHash = Fingerprint64(kBeginWord);
  static const uint64_t kEndHash = Fingerprint64(kEndWord);
  const uint64_t prev = i > 0 ? (*hash_)[i - 1] : kBeginHash;
  const uint64_t next = i + 1 < n ? (*hash_)[i + 1] : kEndHash;
  const uint64_t cur = (*hash_)[i];
  out->push_back(Feat(kBigramLeft, 0, prev * 31 + cur));
  out->push_back(Feat(kBigramRight, 0, cur * 31 + next));
  if (marks_[i]) out->push_back(Feat(kGazMark, 0, marks_[i]));
  if (i > 0 && marks_[i - 1]) {
    out->push_back(Feat(kGazMarkLeft, 0, marks_[i - 1]));
  }
  if (i + 1 < n && marks_[i + 1]) {
    out->push_back(Feat(kGazMarkRight, 0, marks_[i + 1]));
  }
  if (i == 0) out->push_back(Feat(kFirstInSentence, 0, caps_[0]));
  if (headline_) out->push_back(Feat(kHeadline, 0, caps_[i]));
  if (numeric_) {
    out->push_back(Feat(kNumericSentence, 0, caps_[i] + 2 * (i == 0)));
  }
  // Capitalization of the neighbours and this token: "Xx Xx x".
  uint64_t pattern = (i > 0 ? 1 + caps_[i - 1] : 0) * 9 + caps_[i] * 3 +
                     (i + 1 < n ? 1 + caps_[i + 1] : 0);
  out->push_back(Feat(kCapsPattern, 0, pattern + 16 * (i == 0)));
  if (doc_ != nullptr && (caps_[i] || headline_)) {
    uint64_t bits = doc_->Bits((*hash_)[i]);
    out->push_back(Feat(kDocCase, 0, bits * 4 + (i == 0) + 2 * headline_));
    const uint8_t context = doc_->ContextBits((*hash_)[i]);
    for (int b = 0; b < 8; ++b) {
      if (context & (1u << b)) {
        out->push_back(Feat(kDocContext, 0, uint64_t(b) * 2 + headline_));
      }
    }
  }
}

}  // namespace newswire::ner
