// The trained sequence tagger: weights, lexicon and a greedy BILOU decoder.
//
// Scores each token with a linear model over hashed word features at
// offsets -2..+2, sentence context features and the class predicted for the
// same word earlier in the document, then finds the best valid BILOU
// sequence of the sentence with label-transition weights (Viterbi).
// Word-feature weights are summed per vocabulary word and offset the first
// time the word is tagged (not at load, which would pay for every word of the
// vocabulary before the first document), so tagging a known word costs one
// hash lookup and five vector additions.
//
// File format (little-endian): "NWNER003" ("NWNER002": no embedding-class
// table in the lexicon; still read), the lexicon (with clusters), the
// vocabulary, the dense rows, the sparse feature rows (hash, non-zero labels),
// and a Fingerprint64 checksum of everything before it.
//
// Example:
//   ASSIGN_OR_RETURN(auto model, NerModel::Load("models/ner/ner.model"));
//   std::vector<std::vector<int>> labels;
//   model->TagDocument(sentences, &labels, nullptr);
//
// Threading: after Load, const methods are safe from many threads.
// Errors: Load returns NotFound (no file) or DataLoss (bad magic, short
// file, checksum mismatch).
#ifndef NEWSWIRE_SERVICES_ENRICH_NER_NER_MODEL_H_
#define NEWSWIRE_SERVICES_ENRICH_NER_NER_MODEL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/sync/lazy_slots.h"
#include "services/enrich/ner/features.h"
#include "services/enrich/ner/labels.h"
#include "services/enrich/ner/lexicon.h"

namespace newswire::ner {

// Dense rows at the start of the weight table: label transitions (from the
// previous label, or BOS) and the document-history value.
inline constexpr int kPrevRows = kNumLabels + 1;  // previous label or BOS
inline constexpr int kHistValues = 6;  // unseen, PER, ORG, LOC, MISC, only-O
inline int PrevRow(int prev) { return prev; }
inline int HistRow(int hist) { return kPrevRows + hist; }
inline constexpr int kDenseRows = kPrevRows + kHistValues;

// A weight table: rows of kNumLabels floats; rows [0, kDenseRows) are the
// dense label-history rows, the others are found by feature hash.
struct Weights {
  absl::flat_hash_map<uint64_t, uint32_t> index;
  std::vector<float> rows;
  const float* Row(uint32_t r) const { return &rows[size_t{r} * kNumLabels]; }
  // Returns the row of a feature hash or nullptr.
  const float* Find(uint64_t feature) const {
    auto it = index.find(feature);
    return it == index.end() ? nullptr : Row(it->second);
  }
};

// Remembers, per lower-cased word, which classes were predicted for it
// earlier in the document.
class DocHistory {
 public:
  // The history value (HistRow argument) for a token, given by the
  // Fingerprint64 of its lower-cased form (SentenceContext::lower_hash).
  int Value(uint64_t lower_hash, bool capitalized) const;
  void Record(uint64_t lower_hash, bool capitalized, int label);

 private:
  absl::flat_hash_map<uint64_t, std::array<uint16_t, 5>> counts_;
};

// First-order Viterbi over valid BILOU sequences. `scores` holds n rows of
// kNumLabels local scores; transitions come from w's PrevRow rows. Writes
// n labels, and if margins is non-null, for each token the gap between its
// label and the best other label given the chosen previous one.
void ViterbiDecode(const float* scores, int n, const Weights& w, int* labels,
                   float* margins);

// Joins an entity that the tagger split inside a multi-word gazetteer name
// ("Muhammad" "bin" "Salman" -> "Muhammad bin Salman"): where the tokens of
// a gazetteer phrase of class c carry only class-c entity labels and O,
// and the phrase's first and last tokens start and end such entities, the
// phrase becomes one entity. `labels` has one label per token of `ctx`.
void RepairGazetteerSplits(const SentenceContext& ctx, int* labels);

class NerModel {
 public:
  NerModel(Lexicon lexicon, Weights weights, std::vector<std::string> vocab);
  NerModel(const NerModel&) = delete;
  NerModel& operator=(const NerModel&) = delete;

  static absl::StatusOr<std::unique_ptr<NerModel>> Load(
      const std::string& path);
  static absl::StatusOr<std::unique_ptr<NerModel>> FromBytes(
      absl::string_view bytes);
  std::string Serialize() const;

  // Tags the sentences of one document. labels (and margins, if non-null)
  // get one entry per sentence with one value per token.
  void TagDocument(const std::vector<std::vector<absl::string_view>>& sentences,
                   std::vector<std::vector<int>>* labels,
                   std::vector<std::vector<float>>* margins) const;

  const Lexicon& lexicon() const { return lexicon_; }

  // Fills the per-word score cache for every vocabulary word now rather
  // than on first use. Safe to call while other threads tag.
  void FillCache() const;

 private:
  // Allocates the word-score cache (filled lazily) and fills the
  // begin/end pseudo-word blocks.
  void InitCache();
  // Writes the summed word-feature weights of `word` at every offset into
  // `block` (kNumOffsets x kNumLabels floats).
  void FillWordBlock(absl::string_view word, float* block) const;
  // The cached block of vocabulary entry k, filled on first use; nullptr if
  // another thread is filling it right now (the caller computes its own).
  const float* CachedBlock(uint32_t k) const;

  Lexicon lexicon_;
  Weights weights_;
  std::vector<std::string> vocab_;
  absl::flat_hash_map<absl::string_view, uint32_t> vocab_index_;
  // vocab x offset x label, then begin/end pseudo-words per offset. Entry
  // k's floats are written once, by the thread that claims cache_slots_
  // slot k, and read once it is ready (common/sync/lazy_slots.h). The
  // floats start uninitialized: pages of unused words are never touched.
  std::unique_ptr<float[]> cache_;
  mutable LazySlots cache_slots_;
};

}  // namespace newswire::ner

#endif  // NEWSWIRE_SERVICES_ENRICH_NER_NER_MODEL_H_
