// UTF-8 validation and repair.
//
// Example:
//   size_t bad;
//   if (!IsValidUtf8(text, &bad)) { ... report offset bad ... }
//   std::string fixed = RepairUtf8(text);  // U+FFFD for each bad sequence
//   std::string utf8 = Latin1ToUtf8(anpa_bytes);
#ifndef NEWSWIRE_COMMON_TEXT_UTF8_H_
#define NEWSWIRE_COMMON_TEXT_UTF8_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire {

// Returns true if `s` is well-formed UTF-8 (no overlongs, no surrogates, no
// code points above U+10FFFF). Otherwise returns false and, if `bad_offset`
// is not null, stores the byte offset of the first invalid sequence.
bool IsValidUtf8(absl::string_view s, size_t* bad_offset = nullptr);

// Returns `s` with every invalid sequence replaced by U+FFFD.
std::string RepairUtf8(absl::string_view s);

// Decodes ISO-8859-1 bytes to UTF-8.
std::string Latin1ToUtf8(absl::string_view s);

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_TEXT_UTF8_H_
