// Pre-trained word vectors for the sentiment model's dense context features:
// GloVe 6B 100-d (fetched by scripts/ner_embeddings.sh), each vector scaled
// to unit length and stored as 100 signed bytes times one float scale, keyed
// by the 64-bit hash of the lowercased word (tokens.h HashWord). The model
// file carries the table (hashes and numbers only, never the words), so
// inference needs no vector file.
//
// The training reader quantizes exactly as the file stores, so a model sees
// the same vectors in training and at run time.
//
// Example:
//   ASSIGN_OR_RETURN(WordVectors v, WordVectors::ReadText(path, 30000));
//   float sum[kVectorDim] = {};
//   const int32_t row = v.Row(HashWord("praised"));
//   if (row >= 0) v.AddRow(row, 1.0f, sum);
//
// Thread-safety: const methods are thread-safe; Add is not.
// Errors: ReadText returns NotFound (naming the fetch script) for a missing
// file and InvalidArgument (with the line number) for a line without
// kVectorDim numbers.
#ifndef NEWSWIRE_SERVICES_ENRICH_SENTIMENT_WORD_VECTORS_H_
#define NEWSWIRE_SERVICES_ENRICH_SENTIMENT_WORD_VECTORS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace newswire::sentiment {

constexpr int kVectorDim = 100;

class WordVectors {
 public:
  // Reads `word v1 .. v100` lines, keeping the first `max_words` distinct
  // word hashes (0: all); rows of zero length are skipped.
  static absl::StatusOr<WordVectors> ReadText(const std::string& path,
                                              size_t max_words);

  // Adds the vector stored for `hash`: `q` holds kVectorDim bytes, the
  // vector is q[i] * scale. A hash already present is ignored.
  void Add(uint64_t hash, float scale, const int8_t* q);

  // Row of `hash`, or -1 if it has no vector.
  int32_t Row(uint64_t hash) const {
    auto it = index_.find(hash);
    return it == index_.end() ? -1 : static_cast<int32_t>(it->second);
  }
  // Adds weight x the vector of `row` to acc[0, kVectorDim).
  // REQUIRES: 0 <= row < size().
  void AddRow(int32_t row, float weight, float* acc) const;

  size_t size() const { return hashes_.size(); }
  bool empty() const { return hashes_.empty(); }
  // Row k: hash, scale and bytes, in insertion order.
  uint64_t hash(size_t k) const { return hashes_[k]; }
  float scale(size_t k) const { return scales_[k]; }
  const int8_t* bytes(size_t k) const { return &values_[k * kVectorDim]; }

 private:
  absl::flat_hash_map<uint64_t, uint32_t> index_;
  std::vector<uint64_t> hashes_;
  std::vector<float> scales_;
  std::vector<int8_t> values_;
};

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_WORD_VECTORS_H_
