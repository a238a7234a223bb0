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

constexpr char kMagic[] = "NWSENT02";
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
  Put<uint64_t>(&out, Fingerprint64(out));
  return out;
}

absl::Status ParseModel(absl::string_view bytes, LinearModel* weights,
                        Lexicon* lexicon) {
  if (bytes.size() < kMagicSize + sizeof(uint64_t) ||
      bytes.substr(0, kMagicSize) != absl::string_view(kMagic, kMagicSize)) {
    return absl::DataLossError("not a sentiment model file");
  }
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
  if (bits != kHashBits || dense != kNumDense) {
    return absl::FailedPreconditionError(absl::StrCat(
        "sentiment model has ", bits, " hash bits and ", dense,
        " dense features; this build expects ", kHashBits, " and ", kNumDense));
  }
  for (int i = 0; i < kNumDense; ++i) {
    float* row = weights->dense_row(i);
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
