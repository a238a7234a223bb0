// Stable 64-bit fingerprints of byte strings.
//
// Unlike absl::Hash, the value is the same in every process, build and run,
// so it can name records on Kafka (Article.id, story ids, canonical ids).
// Not cryptographic: do not use it where an adversary picks the input and a
// collision would matter for security.
//
// Example:
//   uint64_t h = Fingerprint64("some text");
//   std::string id = FingerprintHex(h);  // 16 lowercase hex digits
#ifndef NEWSWIRE_COMMON_TEXT_HASH_H_
#define NEWSWIRE_COMMON_TEXT_HASH_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire {

// Returns a well-mixed 64-bit fingerprint of `data` seeded by `seed`.
uint64_t Fingerprint64(absl::string_view data, uint64_t seed = 0);

// Mixes a 64-bit value (a finalizer with full avalanche).
uint64_t Mix64(uint64_t x);

// Formats `h` as 16 lowercase hex digits.
std::string FingerprintHex(uint64_t h);

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_TEXT_HASH_H_
