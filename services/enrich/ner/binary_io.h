// Little helpers to write and read the NER model's binary sections.
// Internal to services/enrich/ner; values are little-endian as on x86-64.
//
// Example:
//   std::string out;
//   io::Put<uint32_t>(&out, 7);
//   io::PutString(&out, "word");
//   absl::string_view in = out;
//   uint32_t n;
//   std::string w;
//   bool ok = io::Get(&in, &n) && io::GetString(&in, &w);  // false if short
//
// Threading: pure functions. Errors: readers return false on short input.
#ifndef NEWSWIRE_SERVICES_ENRICH_NER_BINARY_IO_H_
#define NEWSWIRE_SERVICES_ENRICH_NER_BINARY_IO_H_

#include <cstdint>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire::ner::io {

template <typename T>
void Put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(v));
}

inline void PutString(std::string* out, absl::string_view s) {
  Put<uint32_t>(out, static_cast<uint32_t>(s.size()));
  out->append(s.data(), s.size());
}

// Each reader returns false (and leaves *in unspecified) when short.
template <typename T>
bool Get(absl::string_view* in, T* v) {
  if (in->size() < sizeof(T)) return false;
  std::memcpy(v, in->data(), sizeof(T));
  in->remove_prefix(sizeof(T));
  return true;
}

inline bool GetString(absl::string_view* in, std::string* s) {
  uint32_t n = 0;
  if (!Get(in, &n) || in->size() < n) return false;
  s->assign(in->data(), n);
  in->remove_prefix(n);
  return true;
}

}  // namespace newswire::ner::io

#endif  // NEWSWIRE_SERVICES_ENRICH_NER_BINARY_IO_H_
