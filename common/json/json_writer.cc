#include "common/json/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace newswire::json {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// The escape of an ASCII byte, or nullptr when it is copied as is.
const char* AsciiEscape(unsigned char c) {
  static const std::array<const char*, 128> kTable = [] {
    std::array<const char*, 128> t{};
    static const char kControl[32][7] = {
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005",
        "\\u0006", "\\u0007", "\\b",     "\\t",     "\\n",     "\\u000b",
        "\\f",     "\\r",     "\\u000e", "\\u000f", "\\u0010", "\\u0011",
        "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d",
        "\\u001e", "\\u001f"};
    for (int i = 0; i < 32; ++i) t[i] = kControl[i];
    t['"'] = "\\\"";
    t['\\'] = "\\\\";
    t['<'] = "\\u003c";
    t['>'] = "\\u003e";
    t[0x7f] = "\\u007f";
    return t;
  }();
  return kTable[c];
}

void AppendHex4(uint32_t unit, std::string* out) {
  const char buf[6] = {'\\',
                       'u',
                       kHex[(unit >> 12) & 0xf],
                       kHex[(unit >> 8) & 0xf],
                       kHex[(unit >> 4) & 0xf],
                       kHex[unit & 0xf]};
  out->append(buf, sizeof(buf));
}

// Whether the printer escapes code point `cp` (>= 0x80): as one \uxxxx
// (BMP) or as a surrogate pair (the rest).
bool EscapedCodePoint(uint32_t cp) {
  if (cp < 0xa0 || cp == 0xad) return true;
  if (cp < 0x600) return false;
  return (cp >= 0x600 && cp <= 0x603) || cp == 0x6dd || cp == 0x70f ||
         cp == 0x17b4 || cp == 0x17b5 || (cp >= 0x200b && cp <= 0x200f) ||
         (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) ||
         (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff ||
         (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0xe0001 ||
         (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0020 && cp <= 0xe007f);
}

void AppendCodePointEscape(uint32_t cp, std::string* out) {
  if (cp < 0x10000) {
    AppendHex4(cp, out);
    return;
  }
  const uint32_t v = cp - 0x10000;
  AppendHex4(0xd800 + (v >> 10), out);
  AppendHex4(0xdc00 + (v & 0x3ff), out);
}

}  // namespace

void AppendJsonString(absl::string_view s, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  out->reserve(out->size() + n + 2);
  out->push_back('"');
  size_t run = 0;  // start of the bytes still to copy
  size_t i = 0;
  auto flush = [&](size_t end) {
    if (end > run) out->append(s.data() + run, end - run);
  };
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (const char* e = AsciiEscape(c); e != nullptr) {
        flush(i);
        out->append(e);
        run = ++i;
      } else {
        ++i;
      }
      continue;
    }
    // A multi-byte sequence, read as the printer reads it.
    uint32_t cp;
    int need;
    if (c <= 0xbf || c >= 0xf8) {  // not a lead byte: dropped alone
      flush(i);
      run = ++i;
      continue;
    }
    if (c <= 0xdf) {
      cp = c & 0x1f;
      need = 1;
    } else if (c <= 0xef) {
      cp = c & 0x0f;
      need = 2;
    } else {
      cp = c & 0x07;
      need = 3;
    }
    size_t j = i + 1;
    bool ok = true;
    while (need > 0 && j < n) {
      const unsigned char next = p[j++];
      --need;
      cp = (cp << 6) | (next & 0x3f);
      if (next < 0x80 || next > 0xbf) {
        ok = false;
        break;
      }
    }
    if (ok && need > 0) {  // unfinished at the end: dropped
      flush(i);
      run = i = n;
      break;
    }
    if (ok) ok = (cp & 0xfffff800) != 0xd800 && cp <= 0x10ffff;
    if (!ok) {  // dropped with the byte that broke it
      flush(i);
      run = i = j;
      continue;
    }
    // An overlong encoding of ASCII is escaped as that ASCII byte would be.
    if (cp < 0x80) {
      if (const char* e = AsciiEscape(cp); e != nullptr) {
        flush(i);
        out->append(e);
        run = j;
      }
    } else if (EscapedCodePoint(cp)) {
      flush(i);
      AppendCodePointEscape(cp, out);
      run = j;
    }
    i = j;
  }
  flush(n);
  out->push_back('"');
}

void AppendJsonDouble(double value, std::string* out) {
  if (std::isnan(value)) {
    out->append("\"NaN\"");
    return;
  }
  if (std::isinf(value)) {
    out->append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    return;
  }
  // The printer tries "%.15g" and falls back to "%.17g" when that does not
  // read back as `value`. Most of our doubles (float scores widened to
  // double) need 16 or 17 digits, so first count the digits of the shortest
  // representation that reads back (to_chars without a precision, cheap):
  // with more than 15 no 15-digit decimal reads back, so "%.15g" cannot and
  // the answer is "%.17g" without trying it.
  char buf[40];
  std::to_chars_result r = std::to_chars(buf, buf + sizeof(buf), value,
                                         std::chars_format::scientific);
  int digits = 0;
  for (const char* c = buf; c < r.ptr && *c != 'e'; ++c) {
    if (*c >= '0' && *c <= '9') ++digits;
  }
  if (digits <= 15) {
    r = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::general,
                      15);
    double back = 0;
    std::from_chars(buf, r.ptr, back);
    if (back == value) {
      out->append(buf, r.ptr);
      return;
    }
  }
  r = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::general,
                    17);
  out->append(buf, r.ptr);
}

void AppendJsonInt(int64_t value, std::string* out) {
  char buf[24];
  std::to_chars_result r = std::to_chars(buf, buf + sizeof(buf), value);
  out->append(buf, r.ptr);
}

bool AppendJsonTimestamp(int64_t seconds, int32_t nanos, std::string* out) {
  constexpr int64_t kMinSeconds = -62135596800;  // 0001-01-01T00:00:00Z
  constexpr int64_t kMaxSeconds = 253402300799;  // 9999-12-31T23:59:59Z
  if (seconds < kMinSeconds || seconds > kMaxSeconds || nanos < 0 ||
      nanos > 999999999) {
    return false;
  }
  const absl::CivilSecond t =
      absl::ToCivilSecond(absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
  char buf[40];
  char* w = buf;
  auto digits = [&w](int64_t v, int width) {
    for (int k = width - 1; k >= 0; --k) {
      w[k] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    w += width;
  };
  *w++ = '"';
  digits(t.year(), 4);
  *w++ = '-';
  digits(t.month(), 2);
  *w++ = '-';
  digits(t.day(), 2);
  *w++ = 'T';
  digits(t.hour(), 2);
  *w++ = ':';
  digits(t.minute(), 2);
  *w++ = ':';
  digits(t.second(), 2);
  if (nanos != 0) {
    *w++ = '.';
    if (nanos % 1000000 == 0) {
      digits(nanos / 1000000, 3);
    } else if (nanos % 1000 == 0) {
      digits(nanos / 1000, 6);
    } else {
      digits(nanos, 9);
    }
  }
  *w++ = 'Z';
  *w++ = '"';
  out->append(buf, w);
  return true;
}

}  // namespace newswire::json
