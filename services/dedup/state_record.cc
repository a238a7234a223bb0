#include "services/dedup/state_record.h"

#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace newswire::dedup {
namespace {

constexpr char kFormat = static_cast<char>(0xD1);
constexpr absl::string_view kKeyPrefix = "d:";
constexpr size_t kFixedSize =
    1 + 8 + 8 + 8 + 4 + kSignatureSize + 16 + 8 + 4 + 8 + 4;

template <typename T>
void Put(std::string* out, T v) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));  // little-endian hosts only (x86, arm64)
  out->append(buf, sizeof(T));
}

template <typename T>
T Get(const char** p) {
  T v;
  std::memcpy(&v, *p, sizeof(T));
  *p += sizeof(T);
  return v;
}

}  // namespace

std::string StateKey(uint64_t seq) {
  return absl::StrFormat("%s%016x", kKeyPrefix, seq);
}

absl::StatusOr<uint64_t> ParseStateKey(absl::string_view key) {
  uint64_t seq = 0;
  if (key.size() != kKeyPrefix.size() + 16 ||
      key.substr(0, kKeyPrefix.size()) != kKeyPrefix ||
      !absl::SimpleHexAtoi(key.substr(kKeyPrefix.size()), &seq)) {
    return absl::DataLossError(absl::StrCat("bad dedup state key '", key, "'"));
  }
  return seq;
}

std::string EncodeDocState(const DocState& doc) {
  std::string out;
  out.reserve(kFixedSize + doc.story_id.size());
  out.push_back(kFormat);
  Put(&out, doc.time);
  Put(&out, doc.clock);
  Put(&out, doc.features.exact_hash);
  Put(&out, doc.features.features);
  out.append(reinterpret_cast<const char*>(doc.features.signature.data()),
             kSignatureSize);
  Put(&out, doc.features.key_bits[0]);
  Put(&out, doc.features.key_bits[1]);
  Put(&out, doc.story_root_seq);
  Put(&out, doc.story_version);
  Put(&out, doc.provider_hash);
  Put(&out, doc.provider_version);
  out.append(doc.story_id);
  return out;
}

absl::Status DecodeDocState(absl::string_view value, DocState* doc) {
  if (value.size() <= kFixedSize || value[0] != kFormat) {
    return absl::DataLossError(absl::StrCat(
        "dedup state value of ", value.size(), " bytes has an unknown format"));
  }
  const char* p = value.data() + 1;
  doc->time = Get<int64_t>(&p);
  doc->clock = Get<int64_t>(&p);
  doc->features.exact_hash = Get<uint64_t>(&p);
  doc->features.features = Get<uint32_t>(&p);
  std::memcpy(doc->features.signature.data(), p, kSignatureSize);
  p += kSignatureSize;
  doc->features.key_bits[0] = Get<uint64_t>(&p);
  doc->features.key_bits[1] = Get<uint64_t>(&p);
  doc->story_root_seq = Get<uint64_t>(&p);
  doc->story_version = Get<int32_t>(&p);
  doc->provider_hash = Get<uint64_t>(&p);
  doc->provider_version = Get<int32_t>(&p);
  doc->story_id.assign(p, value.data() + value.size());
  return absl::OkStatus();
}

}  // namespace newswire::dedup
