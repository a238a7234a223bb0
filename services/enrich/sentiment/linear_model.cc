#include "services/enrich/sentiment/linear_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/io/file.h"
#include "common/status/status_macros.h"
#include "common/text/hash.h"

namespace newswire::sentiment {
namespace {

// NWSENT02: kNumBaseDense dense rows, no word vectors (read, never
// written). NWSENT03: kNumDense dense rows and the word vector table.
constexpr char kMagicV2[] = "NWSENT02";
constexpr char kMagic[] = "NWSENT03";
constexpr size_t kMagicSize = 8;

template <typename T>
void Put(std::string* out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out->append(buf, sizeof(T));
}

// Sequential reader over the model bytes; every Get checks the bounds.
class Reader {
 public:
  explicit Reader(absl::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool Get(T* v) {
    if (bytes_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool GetBytes(char* out, size_t n) {
    if (bytes_.size() - pos_ < n) return false;
    std::memcpy(out, bytes_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  size_t left() const { return bytes_.size() - pos_; }

 private:
  absl::string_view bytes_;
  size_t pos_ = 0;
};

}  // namespace

void Softmax(float* v) {
  const float mx = std::max(v[0], std::max(v[1], v[2]));
  float sum = 0;
  for (int c = 0; c < kNumClasses; ++c) {
    v[c] = std::exp(v[c] - mx);
    sum += v[c];
  }
  for (int c = 0; c < kNumClasses; ++c) v[c] /= sum;
}

void LinearModel::ProjectVectors(const WordVectors& vectors) {
  static_assert(kProjected <= kLanes);
  vectors_ = &vectors;
  transposed_.assign(size_t{kVectorDim} * kLanes, 0.0f);
  for (int i = 0; i < kVectorDim; ++i) {
    for (int side = 0; side < 2; ++side) {
      const float* w = dense_row(kNumBaseDense + side * kVectorDim + i);
      for (int c = 0; c < kNumClasses; ++c) {
        transposed_[size_t(i) * kLanes + size_t(side) * kNumClasses + c] = w[c];
      }
    }
  }
  const size_t n = vectors.size();
  projected_.reset(new float[n * kProjected]);
  slots_ = LazySlots(n);
}

void LinearModel::ProjectedRow(int32_t row, float* out) const {
  const size_t k = static_cast<size_t>(row);
  float* stored = &projected_[k * kProjected];
  if (slots_.Ready(k)) {
    std::memcpy(out, stored, sizeof(float) * kProjected);
    return;
  }
  // The inner loop runs over lanes of the transposed weights, so the
  // compiler vectorizes it.
  const int8_t* q = vectors_->bytes(k);
  alignas(32) float acc[kLanes] = {};
  for (int i = 0; i < kVectorDim; ++i) {
    const float x = static_cast<float>(q[i]);
    const float* w = &transposed_[size_t(i) * kLanes];
    for (int j = 0; j < kLanes; ++j) acc[j] += x * w[j];
  }
  // The row's vector is q * scale: the scale is applied once per value.
  const float scale = vectors_->scale(k);
  for (int j = 0; j < kProjected; ++j) out[j] = acc[j] * scale;
  // Another thread may be writing the same row: it writes the same values,
  // and only one of the two stores them.
  if (slots_.Claim(k)) {
    std::memcpy(stored, out, sizeof(float) * kProjected);
    slots_.Publish(k);
  }
}

std::string SerializeModel(const LinearModel& weights, const Lexicon& lexicon,
                           float prune) {
  std::string out(kMagic, kMagicSize);
  Put<uint32_t>(&out, kHashBits);
  Put<uint32_t>(&out, kNumDense);
  for (float w : weights.dense()) Put<float>(&out, w);
  const std::vector<float>& sparse = weights.sparse();
  std::vector<uint32_t> kept;
  for (uint32_t r = 0; r < LinearModel::kRows; ++r) {
    const float* w = &sparse[size_t{r} * kNumClasses];
    if (std::fabs(w[0]) >= prune || std::fabs(w[1]) >= prune ||
        std::fabs(w[2]) >= prune) {
      kept.push_back(r);
    }
  }
  Put<uint32_t>(&out, static_cast<uint32_t>(kept.size()));
  for (uint32_t r : kept) {
    Put<uint32_t>(&out, r);
    for (int c = 0; c < kNumClasses; ++c) {
      Put<float>(&out, sparse[size_t{r} * kNumClasses + c]);
    }
  }
  const auto valences = lexicon.Valences();
  Put<uint32_t>(&out, static_cast<uint32_t>(valences.size()));
  for (const auto& [hash, valence] : valences) {
    Put<uint64_t>(&out, hash);
    Put<float>(&out, valence);
  }
  const WordVectors& vectors = lexicon.vectors();
  Put<uint32_t>(&out, kVectorDim);
  Put<uint32_t>(&out, static_cast<uint32_t>(vectors.size()));
  for (size_t k = 0; k < vectors.size(); ++k) {
    Put<uint64_t>(&out, vectors.hash(k));
    Put<float>(&out, vectors.scale(k));
    out.append(reinterpret_cast<const char*>(vectors.bytes(k)), kVectorDim);
  }
  Put<uint64_t>(&out, Fingerprint64(out));
  return out;
}

absl::Status ParseModel(absl::string_view bytes, LinearModel* weights,
                        Lexicon* lexicon) {
  if (bytes.size() < kMagicSize + sizeof(uint64_t)) {
    return absl::DataLossError("not a sentiment model file");
  }
  const absl::string_view magic = bytes.substr(0, kMagicSize);
  const bool v2 = magic == absl::string_view(kMagicV2, kMagicSize);
  if (!v2 && magic != absl::string_view(kMagic, kMagicSize)) {
    return absl::DataLossError("not a sentiment model file");
  }
  const uint32_t expected_dense = v2 ? kNumBaseDense : kNumDense;
  const absl::string_view body = bytes.substr(0, bytes.size() - 8);
  uint64_t checksum = 0;
  std::memcpy(&checksum, bytes.data() + body.size(), sizeof(checksum));
  if (Fingerprint64(body) != checksum) {
    return absl::DataLossError("sentiment model checksum mismatch");
  }
  Reader r(body.substr(kMagicSize));
  uint32_t bits = 0, dense = 0;
  if (!r.Get(&bits) || !r.Get(&dense)) {
    return absl::DataLossError("truncated sentiment model header");
  }
  if (bits != kHashBits || dense != expected_dense) {
    return absl::FailedPreconditionError(
        absl::StrCat("sentiment model has ", bits, " hash bits and ", dense,
                     " dense features; this build expects ", kHashBits, " and ",
                     expected_dense));
  }
  // A version-2 file leaves the word-vector rows at 0.
  for (uint32_t i = 0; i < dense; ++i) {
    float* row = weights->dense_row(static_cast<int>(i));
    for (int c = 0; c < kNumClasses; ++c) {
      if (!r.Get(&row[c])) return absl::DataLossError("truncated dense rows");
    }
  }
  uint32_t rows = 0;
  if (!r.Get(&rows)) return absl::DataLossError("truncated row count");
  for (uint32_t k = 0; k < rows; ++k) {
    uint32_t id = 0;
    if (!r.Get(&id) || id >= LinearModel::kRows) {
      return absl::DataLossError("bad sparse row");
    }
    float* row = weights->sparse_row(id);
    for (int c = 0; c < kNumClasses; ++c) {
      if (!r.Get(&row[c])) return absl::DataLossError("truncated sparse row");
    }
  }
  uint32_t words = 0;
  if (!r.Get(&words)) return absl::DataLossError("truncated lexicon count");
  for (uint32_t k = 0; k < words; ++k) {
    uint64_t hash = 0;
    float valence = 0;
    if (!r.Get(&hash) || !r.Get(&valence)) {
      return absl::DataLossError("truncated lexicon");
    }
    lexicon->SetValence(hash, valence);
  }
  if (!v2) {
    uint32_t dim = 0, n = 0;
    if (!r.Get(&dim) || !r.Get(&n)) {
      return absl::DataLossError("truncated word vector header");
    }
    if (dim != kVectorDim) {
      return absl::FailedPreconditionError(
          absl::StrCat("sentiment model has ", dim,
                       "-d word vectors; this build expects ", kVectorDim));
    }
    int8_t q[kVectorDim];
    for (uint32_t k = 0; k < n; ++k) {
      uint64_t hash = 0;
      float scale = 0;
      if (!r.Get(&hash) || !r.Get(&scale) ||
          !r.GetBytes(reinterpret_cast<char*>(q), kVectorDim)) {
        return absl::DataLossError("truncated word vectors");
      }
      lexicon->mutable_vectors()->Add(hash, scale, q);
    }
  }
  if (r.left() != 0) return absl::DataLossError("trailing bytes in model");
  return absl::OkStatus();
}

absl::Status WriteModelFile(const std::string& path, const LinearModel& weights,
                            const Lexicon& lexicon, float prune) {
  const std::string bytes = SerializeModel(weights, lexicon, prune);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

absl::Status ReadModelFile(const std::string& path, LinearModel* weights,
                           Lexicon* lexicon) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(path));
  return ParseModel(bytes, weights, lexicon);
}

}  // namespace newswire::sentiment
