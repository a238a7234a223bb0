#include "services/enrich/ner/ner_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <limits>

#include "absl/strings/str_cat.h"
#include "common/io/file.h"
#include "common/status/status_macros.h"
#include "common/text/hash.h"
#include "services/enrich/ner/binary_io.h"
#include "services/enrich/ner/features.h"

namespace newswire::ner {
namespace {

// NWNER003 added the embedding-class table to the lexicon; NWNER002 files
// (without it) still load.
constexpr char kMagic[] = "NWNER003";
constexpr char kMagicV2[] = "NWNER002";
constexpr size_t kMagicLen = 8;

inline void AddRow(const float* row, float* scores) {
  for (int l = 0; l < kNumLabels; ++l) scores[l] += row[l];
}

}  // namespace

int DocHistory::Value(uint64_t lower_hash, bool capitalized) const {
  if (!capitalized) return 0;
  auto it = counts_.find(lower_hash);
  if (it == counts_.end()) return 0;
  const auto& c = it->second;
  int best = -1;
  for (int k = 0; k < 4; ++k) {
    if (c[k] > 0 && (best < 0 || c[k] > c[best])) best = k;
  }
  if (best >= 0) return 1 + best;
  return c[4] > 0 ? 5 : 0;
}

void DocHistory::Record(uint64_t lower_hash, bool capitalized, int label) {
  if (!capitalized) return;
  auto& c = counts_[lower_hash];
  int k = label == kOutside ? 4 : static_cast<int>(LabelClass(label));
  if (c[k] < 0xFFFF) ++c[k];
}

namespace {

constexpr float kNeg = -1e30f;
constexpr float kInf = std::numeric_limits<float>::infinity();

// The BILOU structure the decoder relies on (LabelAllowed): a "closed"
// label (O, or L or U of any class) may be followed by any "start" label
// (O, or B or U of any class); an open label (B or I of class c) only by I
// or L of class c. Both groups are listed in increasing label order.
constexpr int kGroup = 1 + 2 * kNumClasses;
// Group rows padded to a multiple of 4 floats, so that the loops over a
// group have a fixed, vector-friendly length and no branches; padding
// lanes hold -inf and are never read back.
constexpr int kGroupPad = (kGroup + 3) / 4 * 4;
struct LabelGroups {
  int closed[kGroup];
  int start[kGroup];
  LabelGroups() {
    closed[0] = start[0] = kOutside;
    for (int c = 0; c < kNumClasses; ++c) {
      const EntityClass cls = static_cast<EntityClass>(c);
      closed[1 + 2 * c] = MakeLabel(cls, kL);
      closed[2 + 2 * c] = MakeLabel(cls, kU);
      start[1 + 2 * c] = MakeLabel(cls, kB);
      start[2 + 2 * c] = MakeLabel(cls, kU);
    }
  }
};
const LabelGroups& Groups() {
  static const LabelGroups* const kGroups = new LabelGroups();
  return *kGroups;
}

// The transition weights of one decode, arranged for the loops below:
// from_closed[k][j] is closed[k] -> start[j], to_start[j][k] the same
// transposed; bos[l] is the sentence start -> l (kNeg where not allowed).
struct Transitions {
  alignas(16) float from_closed[kGroup][kGroupPad];
  alignas(16) float to_start[kGroup][kGroupPad];
  float bos[kNumLabels];
  Transitions(const Weights& w, const LabelGroups& g) {
    for (int k = 0; k < kGroupPad; ++k) {
      const float* row = k < kGroup ? w.Row(PrevRow(g.closed[k])) : nullptr;
      for (int j = 0; j < kGroupPad; ++j) {
        const float t = row != nullptr && j < kGroup ? row[g.start[j]] : -kInf;
        if (j < kGroup) to_start[j][k] = t;
        if (k < kGroup) from_closed[k][j] = t;
      }
    }
    const float* row = w.Row(PrevRow(kBos));
    for (int l = 0; l < kNumLabels; ++l) {
      bos[l] = LabelAllowed(kBos, l, false) ? row[l] : kNeg;
    }
  }
};

bool OpenAtEnd(int l) {
  return l != kOutside && (LabelPosOf(l) == kB || LabelPosOf(l) == kI);
}

}  // namespace

// Visits exactly the valid (previous, next) label pairs, in increasing
// order of the previous label with a strict comparison (ties keep the
// lowest), so labels and margins do not depend on how the loops are laid
// out. Closed -> start pairs (81 of the 97 valid ones) run as fixed-length
// branch-free loops over padded rows, which the compiler vectorizes.
void ViterbiDecode(const float* scores, int n, const Weights& w, int* labels,
                   float* margins) {
  if (n <= 0) return;
  const LabelGroups& g = Groups();
  const Transitions trans(w, g);
  thread_local std::vector<float> delta;
  thread_local std::vector<int8_t> back;
  delta.resize(size_t(n) * kNumLabels);
  back.resize(size_t(n) * kNumLabels);
  for (int l = 0; l < kNumLabels; ++l) delta[l] = scores[l] + trans.bos[l];
  for (int i = 1; i < n; ++i) {
    const float* prev = &delta[size_t(i - 1) * kNumLabels];
    float* cur = &delta[size_t(i) * kNumLabels];
    int8_t* bp = &back[size_t(i) * kNumLabels];
    // Start labels: the best closed predecessor.
    alignas(16) float best[kGroupPad];
    alignas(16) int32_t arg[kGroupPad];
    for (int j = 0; j < kGroupPad; ++j) {
      best[j] = kNeg;
      arg[j] = 0;
    }
    for (int k = 0; k < kGroup; ++k) {
      const float d = prev[g.closed[k]];
      const int32_t p = g.closed[k];
      const float* t = trans.from_closed[k];
      for (int j = 0; j < kGroupPad; ++j) {
        const float v = d + t[j];
        const bool better = v > best[j];
        best[j] = better ? v : best[j];
        arg[j] = better ? p : arg[j];
      }
    }
    for (int j = 0; j < kGroup; ++j) {
      cur[g.start[j]] = best[j];
      bp[g.start[j]] = static_cast<int8_t>(arg[j]);
    }
    // I and L of class c: the better of B and I of c.
    for (int c = 0; c < kNumClasses; ++c) {
      const int b = MakeLabel(static_cast<EntityClass>(c), kB), in = b + 1;
      const float* row_b = w.Row(PrevRow(b));
      const float* row_i = w.Row(PrevRow(in));
      for (int l = in; l <= in + 1; ++l) {
        float best_v = kNeg;
        int8_t best_p = 0;
        if (const float v = prev[b] + row_b[l]; v > best_v) {
          best_v = v;
          best_p = static_cast<int8_t>(b);
        }
        if (const float v = prev[in] + row_i[l]; v > best_v) {
          best_v = v;
          best_p = static_cast<int8_t>(in);
        }
        cur[l] = best_v;
        bp[l] = best_p;
      }
    }
    const float* s = scores + size_t(i) * kNumLabels;
    for (int l = 0; l < kNumLabels; ++l) cur[l] += s[l];
  }
  // The last token may not open an entity that never closes.
  const float* last_delta = &delta[size_t(n - 1) * kNumLabels];
  int best = -1;
  for (int l = 0; l < kNumLabels; ++l) {
    if (OpenAtEnd(l)) continue;
    if (best < 0 || last_delta[l] > last_delta[best]) best = l;
  }
  for (int i = n - 1; i >= 0; --i) {
    labels[i] = best;
    if (i > 0) best = back[size_t(i) * kNumLabels + best];
  }
  if (margins == nullptr) return;
  // Max-marginals: beta[i][l] is the best score of tokens i+1.. given label
  // l at i. A token's margin is how much worse the best path is that gives
  // it any other label.
  thread_local std::vector<float> beta;
  beta.resize(size_t(n) * kNumLabels);
  float* last_beta = &beta[size_t(n - 1) * kNumLabels];
  for (int l = 0; l < kNumLabels; ++l) last_beta[l] = OpenAtEnd(l) ? kNeg : 0;
  for (int i = n - 2; i >= 0; --i) {
    const float* next = &beta[size_t(i + 1) * kNumLabels];
    const float* s = scores + size_t(i + 1) * kNumLabels;
    float* cur = &beta[size_t(i) * kNumLabels];
    // Closed labels: the best start successor.
    alignas(16) float acc[kGroupPad];
    for (int k = 0; k < kGroupPad; ++k) acc[k] = kNeg;
    for (int j = 0; j < kGroup; ++j) {
      const float sl = s[g.start[j]], nl = next[g.start[j]];
      const float* t = trans.to_start[j];
      for (int k = 0; k < kGroupPad; ++k) {
        const float v = t[k] + sl + nl;
        acc[k] = acc[k] < v ? v : acc[k];
      }
    }
    for (int k = 0; k < kGroup; ++k) cur[g.closed[k]] = acc[k];
    // B and I of class c: the better of I and L of c.
    for (int c = 0; c < kNumClasses; ++c) {
      const int b = MakeLabel(static_cast<EntityClass>(c), kB), in = b + 1;
      for (int p = b; p <= in; ++p) {
        const float* row = w.Row(PrevRow(p));
        float best_v = kNeg;
        for (int l = in; l <= in + 1; ++l) {
          best_v = std::max(best_v, row[l] + s[l] + next[l]);
        }
        cur[p] = best_v;
      }
    }
  }
  for (int i = 0; i < n; ++i) {
    const float* d = &delta[size_t(i) * kNumLabels];
    const float* b = &beta[size_t(i) * kNumLabels];
    float chosen = d[labels[i]] + b[labels[i]], other = kNeg;
    for (int l = 0; l < kNumLabels; ++l) {
      if (l != labels[i]) other = std::max(other, d[l] + b[l]);
    }
    margins[i] = other <= kNeg / 2 ? 1e3f : std::max(0.0f, chosen - other);
  }
}

void RepairGazetteerSplits(const SentenceContext& ctx, int* labels) {
  const int n = ctx.size();
  for (int c = 0; c < kNumClasses; ++c) {
    const EntityClass cls = static_cast<EntityClass>(c);
    for (int b = 0; b < n; ++b) {
      if (!(ctx.gazetteer_marks(b) & (1u << (c * 4 + kB)))) continue;
      int e = b + 1;
      while (e < n && (ctx.gazetteer_marks(e) & (1u << (c * 4 + kI)))) ++e;
      if (e >= n || !(ctx.gazetteer_marks(e) & (1u << (c * 4 + kL)))) continue;
      // Phrase [b, e]. Only class-c entity labels and O inside; it must
      // start and end on entity boundaries, and be split now.
      bool ok = labels[b] != kOutside && LabelClass(labels[b]) == cls &&
                (LabelPosOf(labels[b]) == kB || LabelPosOf(labels[b]) == kU) &&
                labels[e] != kOutside && LabelClass(labels[e]) == cls &&
                (LabelPosOf(labels[e]) == kL || LabelPosOf(labels[e]) == kU);
      bool split = false;
      for (int i = b; ok && i <= e; ++i) {
        if (labels[i] == kOutside) {
          split = true;
        } else if (LabelClass(labels[i]) != cls) {
          ok = false;
        } else if (i < e && (LabelPosOf(labels[i]) == kL ||
                             LabelPosOf(labels[i]) == kU)) {
          split = true;
        }
      }
      if (!ok || !split) continue;
      for (int i = b; i <= e; ++i) {
        labels[i] = MakeLabel(cls, i == b ? kB : i == e ? kL : kI);
      }
    }
  }
}

namespace {
constexpr size_t kBlock = size_t{kNumOffsets} * kNumLabels;
}  // namespace

NerModel::NerModel(Lexicon lexicon, Weights weights,
                   std::vector<std::string> vocab)
    : lexicon_(std::move(lexicon)),
      weights_(std::move(weights)),
      vocab_(std::move(vocab)) {
  InitCache();
}

void NerModel::InitCache() {
  vocab_index_.clear();
  vocab_index_.reserve(vocab_.size());
  for (size_t k = 0; k < vocab_.size(); ++k) {
    vocab_index_.emplace(vocab_[k], static_cast<uint32_t>(k));
  }
  const size_t entries = vocab_.size() + 2;  // + <S>, </S>
  cache_.reset(new float[entries * kBlock]);
  cache_slots_ = LazySlots(entries);
  FillWordBlock(kBeginWord, &cache_[vocab_.size() * kBlock]);
  FillWordBlock(kEndWord, &cache_[(vocab_.size() + 1) * kBlock]);
  cache_slots_.MarkReady(vocab_.size());
  cache_slots_.MarkReady(vocab_.size() + 1);
}

void NerModel::FillWordBlock(absl::string_view word, float* block) const {
  std::fill(block, block + kBlock, 0.0f);
  std::vector<uint64_t> feats;
  feats.reserve(32);  // more than a word has at any offset
  const WordFacts facts = DescribeWord(lexicon_, word);
  for (int o = kMinOffset; o <= kMaxOffset; ++o) {
    feats.clear();
    AppendWordFeatures(facts, word, o, &feats);
    float* out = block + size_t(o - kMinOffset) * kNumLabels;
    for (uint64_t f : feats) {
      if (const float* row = weights_.Find(f)) AddRow(row, out);
    }
  }
}

void NerModel::FillCache() const {
  for (size_t k = 0; k < vocab_.size(); ++k) {
    CachedBlock(static_cast<uint32_t>(k));
  }
}

const float* NerModel::CachedBlock(uint32_t k) const {
  float* block = &cache_[size_t{k} * kBlock];
  if (cache_slots_.Ready(k)) return block;
  if (!cache_slots_.Claim(k)) {
    // Filled meanwhile, or being filled by another thread right now.
    return cache_slots_.Ready(k) ? block : nullptr;
  }
  FillWordBlock(vocab_[k], block);
  cache_slots_.Publish(k);
  return block;
}

void NerModel::TagDocument(
    const std::vector<std::vector<absl::string_view>>& sentences,
    std::vector<std::vector<int>>* labels,
    std::vector<std::vector<float>>* margins) const {
  labels->assign(sentences.size(), {});
  if (margins != nullptr) margins->assign(sentences.size(), {});
  DocHistory history;
  std::vector<const float*> word_rows;  // per token: cache block or oov
  // Blocks of words outside the vocabulary, computed once per document
  // (names repeat). A deque keeps the blocks in place as it grows.
  std::deque<std::array<float, kNumOffsets * kNumLabels>> oov;
  absl::flat_hash_map<absl::string_view, const float*> oov_index;
  std::vector<uint64_t> feats;
  std::vector<float> scores;
  // Summed weights of a capitalized word's neighbour-class features
  // (SentenceContext::AppendNeighbourClassFeatures), which are the same
  // for all its occurrences in the document.
  absl::flat_hash_map<uint64_t, std::array<float, kNumLabels>> neighbour_sums;
  const float* begin_block = &cache_[vocab_.size() * kBlock];
  const float* end_block = &cache_[(vocab_.size() + 1) * kBlock];
  const DocumentCase doc_case(sentences, &lexicon_);
  for (size_t s = 0; s < sentences.size(); ++s) {
    const std::vector<absl::string_view>& toks = sentences[s];
    const int n = static_cast<int>(toks.size());
    SentenceContext ctx(lexicon_, toks, &doc_case, s);
    // Word blocks: cached for known words, computed once for unknown ones.
    word_rows.assign(n, nullptr);
    for (int i = 0; i < n; ++i) {
      auto it = vocab_index_.find(toks[i]);
      if (it != vocab_index_.end()) {
        word_rows[i] = CachedBlock(it->second);
        if (word_rows[i] != nullptr) continue;
      }
      const float*& known = oov_index[toks[i]];
      if (known == nullptr) {
        float* b = oov.emplace_back().data();
        FillWordBlock(toks[i], b);
        known = b;
      }
      word_rows[i] = known;
    }
    std::vector<int>& out = (*labels)[s];
    out.resize(n);
    if (margins != nullptr) (*margins)[s].resize(n);
    scores.assign(size_t(n) * kNumLabels, 0.0f);
    for (int i = 0; i < n; ++i) {
      float* sc = &scores[size_t(i) * kNumLabels];
      for (int o = kMinOffset; o <= kMaxOffset; ++o) {
        int j = i + o;
        const float* b = j < 0    ? begin_block
                         : j >= n ? end_block
                                  : word_rows[j];
        // The word at j is seen from token i at offset o = j - i; its block
        // is indexed by the offset at which it appears.
        AddRow(b + (o - kMinOffset) * kNumLabels, sc);
      }
      feats.clear();
      ctx.AppendContextFeaturesExceptNeighbours(i, &feats);
      for (uint64_t f : feats) {
        if (const float* row = weights_.Find(f)) AddRow(row, sc);
      }
      if (ctx.Capitalized(i)) {
        auto [it, added] = neighbour_sums.try_emplace(ctx.lower_hash(i));
        if (added) {
          it->second.fill(0.0f);
          feats.clear();
          ctx.AppendNeighbourClassFeatures(i, &feats);
          for (uint64_t f : feats) {
            if (const float* row = weights_.Find(f)) {
              AddRow(row, it->second.data());
            }
          }
        }
        AddRow(it->second.data(), sc);
      }
      AddRow(weights_.Row(
                 HistRow(history.Value(ctx.lower_hash(i), ctx.Capitalized(i)))),
             sc);
    }
    ViterbiDecode(scores.data(), n, weights_, out.data(),
                  margins != nullptr ? (*margins)[s].data() : nullptr);
    RepairGazetteerSplits(ctx, out.data());
    for (int i = 0; i < n; ++i) {
      history.Record(ctx.lower_hash(i), ctx.Capitalized(i), out[i]);
    }
  }
}

std::string NerModel::Serialize() const {
  std::string out(kMagic, kMagicLen);
  lexicon_.AppendTo(&out);
  io::Put<uint32_t>(&out, static_cast<uint32_t>(vocab_.size()));
  for (const std::string& w : vocab_) io::PutString(&out, w);
  for (int r = 0; r < kDenseRows; ++r) {
    for (int l = 0; l < kNumLabels; ++l)
      io::Put<float>(&out, weights_.Row(r)[l]);
  }
  std::vector<std::pair<uint64_t, uint32_t>> feats(weights_.index.begin(),
                                                   weights_.index.end());
  std::sort(feats.begin(), feats.end());
  std::string body;
  uint32_t kept = 0;
  for (const auto& [hash, row] : feats) {
    const float* w = weights_.Row(row);
    uint8_t nnz = 0;
    for (int l = 0; l < kNumLabels; ++l) nnz += w[l] != 0.0f;
    if (nnz == 0) continue;
    ++kept;
    io::Put<uint64_t>(&body, hash);
    io::Put<uint8_t>(&body, nnz);
    for (int l = 0; l < kNumLabels; ++l) {
      if (w[l] == 0.0f) continue;
      io::Put<uint8_t>(&body, static_cast<uint8_t>(l));
      io::Put<float>(&body, w[l]);
    }
  }
  io::Put<uint32_t>(&out, kept);
  out += body;
  io::Put<uint64_t>(&out, Fingerprint64(out));
  return out;
}

absl::StatusOr<std::unique_ptr<NerModel>> NerModel::FromBytes(
    absl::string_view bytes) {
  auto corrupt = [](absl::string_view what) {
    return absl::DataLossError(absl::StrCat("corrupt NER model: ", what));
  };
  if (bytes.size() < kMagicLen + 8) return corrupt("bad magic");
  const absl::string_view magic = bytes.substr(0, kMagicLen);
  const bool v2 = magic == absl::string_view(kMagicV2, kMagicLen);
  if (!v2 && magic != absl::string_view(kMagic, kMagicLen)) {
    return corrupt("bad magic");
  }
  uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
  absl::string_view in = bytes.substr(0, bytes.size() - 8);
  if (Fingerprint64(in) != stored) return corrupt("checksum mismatch");
  in.remove_prefix(kMagicLen);
  Lexicon lexicon;
  if (!lexicon.ReadFrom(&in, /*with_embedding_clusters=*/!v2)) {
    return corrupt("lexicon");
  }
  uint32_t n = 0;
  if (!io::Get(&in, &n)) return corrupt("vocabulary");
  std::vector<std::string> vocab(n);
  for (std::string& w : vocab) {
    if (!io::GetString(&in, &w)) return corrupt("vocabulary");
  }
  Weights weights;
  weights.rows.reserve(size_t{kDenseRows} * kNumLabels);
  for (int i = 0; i < kDenseRows * kNumLabels; ++i) {
    float v = 0;
    if (!io::Get(&in, &v)) return corrupt("dense rows");
    weights.rows.push_back(v);
  }
  if (!io::Get(&in, &n)) return corrupt("feature count");
  weights.index.reserve(n);
  weights.rows.resize((size_t{kDenseRows} + n) * kNumLabels, 0.0f);
  for (uint32_t k = 0; k < n; ++k) {
    uint64_t hash = 0;
    uint8_t nnz = 0;
    if (!io::Get(&in, &hash) || !io::Get(&in, &nnz)) return corrupt("rows");
    uint32_t row = kDenseRows + k;
    weights.index.emplace(hash, row);
    for (uint8_t j = 0; j < nnz; ++j) {
      uint8_t label = 0;
      float v = 0;
      if (!io::Get(&in, &label) || !io::Get(&in, &v) || label >= kNumLabels) {
        return corrupt("rows");
      }
      weights.rows[size_t{row} * kNumLabels + label] = v;
    }
  }
  if (!in.empty()) return corrupt("trailing bytes");
  return std::make_unique<NerModel>(std::move(lexicon), std::move(weights),
                                    std::move(vocab));
}

absl::StatusOr<std::unique_ptr<NerModel>> NerModel::Load(
    const std::string& path) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(path));
  auto model = FromBytes(bytes);
  if (!model.ok()) {
    return absl::Status(model.status().code(),
                        absl::StrCat(path, ": ", model.status().message()));
  }
  return model;
}

}  // namespace newswire::ner
