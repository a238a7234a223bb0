// UTF-8 validation. (Decoding single-byte charsets to UTF-8 is ingest's:
// Windows1252ToUtf8 in services/ingest/text_util.h.)
//
// Example:
//   size_t bad;
//   if (!IsValidUtf8(text, &bad)) { ... report offset bad ... }
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

}  // namespace newswire

#endif  // NEWSWIRE_COMMON_TEXT_UTF8_H_
