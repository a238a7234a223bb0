#include "services/enrich/sentiment/word_vectors.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/enrich/sentiment/tokens.h"

namespace newswire::sentiment {

absl::StatusOr<WordVectors> WordVectors::ReadText(const std::string& path,
                                                  size_t max_words) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(absl::StrCat(
        "cannot read word vectors ", path,
        " (fetch them with scripts/ner_embeddings.sh ", path, ")"));
  }
  WordVectors out;
  std::string line;
  float row[kVectorDim];
  int8_t q[kVectorDim];
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (max_words > 0 && out.size() >= max_words) break;
    const std::vector<absl::string_view> parts =
        absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (parts.empty()) continue;
    if (parts.size() != kVectorDim + 1) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": expected ", kVectorDim,
                       " numbers after the word"));
    }
    double norm = 0;
    for (int i = 0; i < kVectorDim; ++i) {
      if (!absl::SimpleAtof(parts[i + 1], &row[i])) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ":", line_no, ": bad number"));
      }
      norm += static_cast<double>(row[i]) * row[i];
    }
    if (norm <= 0) continue;
    // Unit length, then the largest component maps to +-127.
    const float inv = static_cast<float>(1.0 / std::sqrt(norm));
    float peak = 0;
    for (float& x : row) {
      x *= inv;
      peak = std::max(peak, std::fabs(x));
    }
    const float scale = peak / 127.0f;
    for (int i = 0; i < kVectorDim; ++i) {
      q[i] = static_cast<int8_t>(std::lround(row[i] / scale));
    }
    out.Add(HashWord(parts[0]), scale, q);
  }
  if (out.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": no word vectors"));
  }
  return out;
}

void WordVectors::Add(uint64_t hash, float scale, const int8_t* q) {
  if (!index_.emplace(hash, static_cast<uint32_t>(hashes_.size())).second) {
    return;
  }
  hashes_.push_back(hash);
  scales_.push_back(scale);
  values_.insert(values_.end(), q, q + kVectorDim);
}

void WordVectors::AddRow(int32_t row, float weight, float* acc) const {
  const size_t k = static_cast<size_t>(row);
  const float s = scales_[k] * weight;
  const int8_t* q = &values_[k * kVectorDim];
  for (int i = 0; i < kVectorDim; ++i) acc[i] += s * static_cast<float>(q[i]);
}

}  // namespace newswire::sentiment
