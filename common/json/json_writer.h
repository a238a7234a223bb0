// JSON scalars exactly as protobuf 3.21's JSON printer
// (google::protobuf::util::MessageToJsonString) writes them, appended to a
// string. The building blocks of record_json.h; fast because they append
// in place and never go through the binary encoding or reflection.
//
// Example:
//   std::string out = "{\"headline\":";
//   AppendJsonString(article.headline(), &out);
//   out += ",\"score\":";
//   AppendJsonDouble(0.25, &out);
//   out += '}';
//
// All functions are thread-safe (no shared state) and never fail, except
// AppendJsonTimestamp, which refuses a time the printer also refuses.
#ifndef NEWSWIRE_COMMON_JSON_JSON_WRITER_H_
#define NEWSWIRE_COMMON_JSON_JSON_WRITER_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace newswire::json {

// Appends `s` as a quoted JSON string, escaped as protobuf's printer
// escapes (util/internal/json_escaping): `"` and `\` with a backslash;
// \b \t \n \f \r; other C0 controls, DEL, C1 controls (U+0080..U+009F), `<`
// and `>` as \u00xx; the invisible and formatting code points the printer
// guards against (U+00AD, U+0600..U+0603, U+06DD, U+070F, U+17B4, U+17B5,
// U+200B..U+200F, U+2028..U+202E, U+2060..U+2064, U+206A..U+206F, U+FEFF,
// U+FFF9..U+FFFB) as \uxxxx, and U+1D173..U+1D17A, U+E0001,
// U+E0020..U+E007F as a \uxxxx\uxxxx surrogate pair. Hex digits are lower
// case; everything else is copied byte for byte.
//
// Bytes that are not UTF-8 are dropped as the printer drops them: an invalid
// lead byte (0x80..0xBF, 0xF8..0xFF) alone; a sequence broken by a byte that
// is not a continuation byte together with that byte; a complete sequence
// that decodes to a surrogate or above U+10FFFF whole; an unfinished
// sequence at the end. Overlong sequences are decoded and kept (escaped if
// their code point is).
void AppendJsonString(absl::string_view s, std::string* out);

// Appends a double as the printer does: finite values in the shortest of
// "%.15g" and "%.17g" that reads back as the same double (so 0.1 is "0.1",
// 1e-05 "1e-05", -0.0 "-0"); NaN and the infinities as the strings "NaN",
// "Infinity", "-Infinity" (quoted).
void AppendJsonDouble(double value, std::string* out);

// Appends an integer in decimal (JSON number; the printer writes 32-bit
// integers unquoted).
void AppendJsonInt(int64_t value, std::string* out);

// Appends a google.protobuf.Timestamp as the printer does, in RFC 3339 UTC
// with 0, 3, 6 or 9 fractional digits ("2026-12-07T03:09:09.120Z") in
// quotes, and returns true. Returns false (appending nothing) when the
// printer would fail the whole message: `seconds` outside
// 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z or `nanos` outside
// [0, 999999999].
[[nodiscard]] bool AppendJsonTimestamp(int64_t seconds, int32_t nanos,
                                       std::string* out);

}  // namespace newswire::json

#endif  // NEWSWIRE_COMMON_JSON_JSON_WRITER_H_
