// Weights of the multinomial logistic regression behind target sentiment,
// and the model file that carries them together with the lexicon valences.
//
// The model scores kNumClasses classes (negative, neutral, positive) as
// softmax(sum of hashed feature rows + dense values x dense rows).
//
// Model file (little-endian): "NWSENT03", u32 hash_bits, u32 num_dense,
// dense rows (num_dense x 3 f32), u32 n, n x (u32 row, 3 x f32), u32 m,
// m x (u64 word hash, f32 valence), u32 vector dim, u32 v, v x (u64 word
// hash, f32 scale, dim x i8), u64 Fingerprint64 of all prior bytes.
// "NWSENT02" files (kNumBaseDense dense rows, no vector section) still load;
// their word-vector weights stay 0.
//
// Example:
//   LinearModel w;
//   Lexicon lex = Lexicon::BuiltIn();
//   RETURN_IF_ERROR(ReadModelFile("models/sentiment/newsmtsc.nwsm", &w, &lex));
//   float logits[3] = {0, 0, 0};
//   w.AddScores(features, logits);
//
// Thread-safety: const methods are thread-safe.
// Errors: ReadModelFile returns NotFound for a missing file, DataLoss for a
// truncated or corrupt one, FailedPrecondition for another feature layout.
#ifndef NEWSWIRE_SERVICES_ENRICH_SENTIMENT_LINEAR_MODEL_H_
#define NEWSWIRE_SERVICES_ENRICH_SENTIMENT_LINEAR_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/sync/lazy_slots.h"
#include "services/enrich/sentiment/features.h"
#include "services/enrich/sentiment/lexicon.h"

namespace newswire::sentiment {

class LinearModel {
 public:
  static constexpr size_t kRows = size_t{1} << kHashBits;

  LinearModel()
      : sparse_(kRows * kNumClasses, 0.0f),
        dense_(kNumDense * kNumClasses, 0.0f) {}

  // Adds the rows of `ids` to logits[0..3).
  void AddSparse(const uint32_t* ids, size_t n, float* logits) const {
    for (size_t i = 0; i < n; ++i) {
      const float* w = &sparse_[size_t{ids[i]} * kNumClasses];
      logits[0] += w[0];
      logits[1] += w[1];
      logits[2] += w[2];
    }
  }
  void AddDense(const float* dense, float* logits) const {
    for (int i = 0; i < kNumDense; ++i) {
      const float* w = &dense_[static_cast<size_t>(i) * kNumClasses];
      logits[0] += dense[i] * w[0];
      logits[1] += dense[i] * w[1];
      logits[2] += dense[i] * w[2];
    }
  }
  void AddScores(const FeatureVector& f, float* logits) const {
    AddSparse(f.ids.data(), f.ids.size(), logits);
    AddDense(f.dense.data(), logits);
  }

  // Prepares AddProjectedScores: what a row of `vectors` adds to the three
  // logits on each side (the model is linear in the vector). A row is
  // projected the first time a score needs it, not here, so loading a model
  // does not pay for every stored word. `vectors` must outlive this object.
  // Call again whenever the dense weights change. Not thread-safe.
  void ProjectVectors(const WordVectors& vectors);
  // Same logits as AddScores after ExpandVectorTerms(vectors, &f), up to
  // float rounding, at 3 multiply-adds per vector term instead of the 2 x
  // kVectorDim dense rows. REQUIRES: ProjectVectors(vectors) was called and
  // f's context-vector dense values are 0 (not expanded).
  void AddProjectedScores(const FeatureVector& f, float* logits) const {
    AddSparse(f.ids.data(), f.ids.size(), logits);
    for (int i = 0; i < kNumBaseDense; ++i) {
      const float* w = &dense_[static_cast<size_t>(i) * kNumClasses];
      logits[0] += f.dense[i] * w[0];
      logits[1] += f.dense[i] * w[1];
      logits[2] += f.dense[i] * w[2];
    }
    for (const VectorTerm& t : f.vector_terms) {
      float row[kProjected];
      ProjectedRow(t.row, row);
      const float* p = &row[static_cast<size_t>(t.side) * kNumClasses];
      logits[0] += t.coef * p[0];
      logits[1] += t.coef * p[1];
      logits[2] += t.coef * p[2];
    }
  }

  float* sparse_row(uint32_t id) { return &sparse_[size_t{id} * kNumClasses]; }
  float* dense_row(int i) {
    return &dense_[static_cast<size_t>(i) * kNumClasses];
  }
  // this = this * keep + other * add, element-wise (for weight averaging).
  void Blend(float keep, const LinearModel& other, float add) {
    for (size_t i = 0; i < sparse_.size(); ++i) {
      sparse_[i] = sparse_[i] * keep + other.sparse_[i] * add;
    }
    for (size_t i = 0; i < dense_.size(); ++i) {
      dense_[i] = dense_[i] * keep + other.dense_[i] * add;
    }
  }

  const std::vector<float>& sparse() const { return sparse_; }
  const std::vector<float>& dense() const { return dense_; }

 private:
  std::vector<float> sparse_;
  std::vector<float> dense_;
  // Per vectors row: side x class, vector . the side's dense weights.
  static constexpr int kProjected = 2 * kNumClasses;
  // The two sides' vector weights transposed: kVectorDim x kLanes floats,
  // the kProjected weights of one vector component together.
  static constexpr int kLanes = 8;
  // Writes the kProjected values of `row` to out, projecting the row now
  // if no call has yet. Safe from many threads.
  void ProjectedRow(int32_t row, float* out) const;

  const WordVectors* vectors_ = nullptr;
  std::vector<float> transposed_;
  // Filled lazily: row k's kProjected values in projected_ are written by
  // the thread that claims slot k and read once it is ready
  // (common/sync/lazy_slots.h); they start uninitialized.
  std::unique_ptr<float[]> projected_;
  mutable LazySlots slots_;
};

// In-place softmax over kNumClasses values.
void Softmax(float* v);

// Serialises weights plus the lexicon's valences (rows with every weight
// below `prune` in magnitude are dropped).
std::string SerializeModel(const LinearModel& weights, const Lexicon& lexicon,
                           float prune);
absl::Status ParseModel(absl::string_view bytes, LinearModel* weights,
                        Lexicon* lexicon);

absl::Status WriteModelFile(const std::string& path, const LinearModel& weights,
                            const Lexicon& lexicon, float prune);
absl::Status ReadModelFile(const std::string& path, LinearModel* weights,
                           Lexicon* lexicon);

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_LINEAR_MODEL_H_
