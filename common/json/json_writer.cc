#include "common/json/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

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

// 5^k for k in [0, kMaxFivePower], exactly.
constexpr int kMaxFivePower = 40;
constexpr std::array<unsigned __int128, kMaxFivePower + 1> kPowersOfFive = [] {
  std::array<unsigned __int128, kMaxFivePower + 1> p{};
  p[0] = 1;
  for (int i = 1; i <= kMaxFivePower; ++i) p[i] = p[i - 1] * 5;
  return p;
}();

// 10^k for k in [0, 19], exactly.
constexpr std::array<uint64_t, 20> kPowersOfTen = [] {
  std::array<uint64_t, 20> p{};
  p[0] = 1;
  for (int i = 1; i < 20; ++i) p[i] = p[i - 1] * 10;
  return p;
}();

// The number of decimal digits of `n`, for n > 0: log10 from log2, then
// one comparison.
int DigitCount(uint64_t n) {
  const int t = ((64 - __builtin_clzll(n | 1)) * 1233) >> 12;
  return t + (n >= kPowersOfTen[t] ? 1 : 0);
}

// An exact non-negative value below 10^34, as high and low 19-digit halves,
// and its digit count.
struct Decimal {
  uint64_t hi;  // exact / 10^19
  uint64_t lo;  // exact % 10^19
  int digits;
};

// `exact` (below 10^34) as its halves and digit count. A double estimate
// of the quotient is off by at most one; the exact remainder corrects it.
// (A 128-bit division is a library call costing more than all of this.)
Decimal SplitAtTen19(unsigned __int128 exact) {
  constexpr uint64_t kTen19 = kPowersOfTen[19];
  const double approx =
      (static_cast<double>(static_cast<uint64_t>(exact >> 64)) *
           18446744073709551616.0 +
       static_cast<double>(static_cast<uint64_t>(exact))) *
      1e-19;
  uint64_t q = static_cast<uint64_t>(approx);
  auto rem =
      static_cast<__int128>(exact - static_cast<unsigned __int128>(q) * kTen19);
  while (rem < 0) {
    --q;
    rem += kTen19;
  }
  while (rem >= static_cast<__int128>(kTen19)) {
    ++q;
    rem -= kTen19;
  }
  Decimal x;
  x.hi = q;
  x.lo = static_cast<uint64_t>(rem);
  x.digits = x.hi != 0 ? 19 + DigitCount(x.hi) : DigitCount(x.lo);
  return x;
}

// The value rounded to `keep` significant digits, to nearest, ties to even
// (as printf rounds the exact value), as an integer of at most `keep`
// digits; `*exp10` (the exponent of the first digit) grows by one on a carry
// ("999" -> "1000"), and `*error` is |rounded - exact| in units of the
// exact value's last digit. keep <= 17.
uint64_t RoundTo(const Decimal& x, int keep, int* exp10, uint64_t* error) {
  const int drop = x.digits - keep;
  if (drop <= 0) {
    *error = 0;
    return x.lo;  // at most 17 digits: hi is 0
  }
  // drop <= 34 - keep <= 19, and the kept part fits in 64 bits.
  const uint64_t unit = kPowersOfTen[drop];
  const uint64_t rest = x.lo % unit;
  uint64_t q = x.hi * kPowersOfTen[19 - drop] + x.lo / unit;
  const uint64_t half = unit / 2;
  if (rest > half || (rest == half && q % 2 == 1)) {
    ++q;
    *error = unit - rest;
    if (q == kPowersOfTen[keep]) {
      q = kPowersOfTen[keep - 1];
      ++*exp10;
    }
  } else {
    *error = rest;
  }
  return q;
}

// Appends the digits `d[0..len)` times 10^(exp10 - len + 1), so `exp10` is
// the exponent of the first digit, as printf's "%g" does for
// -4 <= exp10 < the precision: fixed notation, trailing zeros of the
// fraction dropped. len <= 20.
void AppendFixedDigits(bool negative, const char* d, int len, int exp10,
                       std::string* out) {
  while (len > 1 && d[len - 1] == '0') --len;
  char buf[48];
  char* p = buf;
  if (negative) *p++ = '-';
  if (exp10 < 0) {
    *p++ = '0';
    *p++ = '.';
    for (int i = 0; i < -exp10 - 1; ++i) *p++ = '0';
    for (int i = 0; i < len; ++i) *p++ = d[i];
  } else {
    for (int i = 0; i <= exp10; ++i) *p++ = i < len ? d[i] : '0';
    if (len > exp10 + 1) {
      *p++ = '.';
      for (int i = exp10 + 1; i < len; ++i) *p++ = d[i];
    }
  }
  out->append(buf, p);
}

// The same for the digits of `q` (q > 0).
void AppendFixed(bool negative, uint64_t q, int exp10, std::string* out) {
  char d[20];
  const int len = DigitCount(q);
  for (int i = len - 1; i >= 0; --i, q /= 10) {
    d[i] = static_cast<char>('0' + q % 10);
  }
  AppendFixedDigits(negative, d, len, exp10, out);
}

// The common case of our records: a float score or probability widened to
// double, between 1e-4 and 1e15 in magnitude. Such a value is m * 2^-k with
// m odd and below 2^24 and k at most 37, so its exact decimal expansion is
// m * 5^k / 10^k, an integer below 10^34. The printer's "%.15g", its
// read-back check and "%.17g" are then done exactly on that integer,
// without the general-purpose conversions (which were most of the cost of
// a record's JSON). Returns false, writing nothing, for any other value.
bool AppendNarrowDouble(double value, std::string* out) {
  const double magnitude = std::fabs(value);
  if (!(magnitude >= 1e-4 && magnitude < 1e15)) return false;
  if (static_cast<double>(static_cast<float>(value)) != value) return false;
  // A normal double (this range is): 52 stored bits, the implicit one,
  // a biased exponent.
  uint64_t bits = 0;
  std::memcpy(&bits, &magnitude, sizeof(bits));
  uint64_t mantissa = (bits & ((uint64_t{1} << 52) - 1)) | (uint64_t{1} << 52);
  int shift =
      static_cast<int>(bits >> 52) - 1075;  // value = mantissa * 2^shift
  const int zeros = __builtin_ctzll(mantissa);
  mantissa >>= zeros;
  shift += zeros;
  if (shift >= 0) {
    // An integer below 1e15: "%.15g" prints every digit.
    if (value < 0) out->push_back('-');
    AppendJsonInt(static_cast<int64_t>(mantissa << shift), out);
    return true;
  }
  const int k = -shift;
  if (k > kMaxFivePower) return false;
  const unsigned __int128 exact =
      static_cast<unsigned __int128>(mantissa) * kPowersOfFive[k];
  const Decimal x = SplitAtTen19(exact);
  const int exp10 = x.digits - 1 - k;  // exponent of the first digit
  int e = exp10;
  uint64_t error = 0;
  uint64_t q = RoundTo(x, 15, &e, &error);
  // "%.15g" reads back iff it is within half a binary unit of the value
  // (a tie reads back too: a float's 53-bit mantissa is even). Half a unit
  // is 2^(b - 53) * 2^-k for b = floor(log2 m); scaled by 10^k and
  // 2^(53 - b) the test is error * 2^(53 - b) <= 5^k. (Below a power of
  // two the units halve, but a power of two in this range has at most 10
  // digits and is never rounded.)
  const int b = 63 - __builtin_clzll(mantissa);
  if ((static_cast<unsigned __int128>(error) << (53 - b)) > kPowersOfFive[k]) {
    e = exp10;
    q = RoundTo(x, 17, &e, &error);
  }
  AppendFixed(value < 0, q, e, out);
  return true;
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
  if (AppendNarrowDouble(value, out)) return;
  if (std::isnan(value)) {
    out->append("\"NaN\"");
    return;
  }
  if (std::isinf(value)) {
    out->append(value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    return;
  }
  char buf[40];
  if (value != 0 && std::fabs(value) < std::numeric_limits<double>::min()) {
    // A subnormal's binary unit is not small against its digits: try
    // "%.15g" as the printer does.
    std::to_chars_result r = std::to_chars(buf, buf + sizeof(buf), value,
                                           std::chars_format::general, 15);
    double back = 0;
    std::from_chars(buf, r.ptr, back);
    if (back != value) {
      r = std::to_chars(buf, buf + sizeof(buf), value,
                        std::chars_format::general, 17);
    }
    out->append(buf, r.ptr);
    return;
  }
  // The printer tries "%.15g" and falls back to "%.17g" when that does not
  // read back as `value`. Start from the shortest representation that reads
  // back (to_chars without a precision, cheap). With more than 15 digits no
  // 15-digit decimal reads back, so the answer is "%.17g". With at most 15
  // it is "%.15g" itself: it lies within half a binary unit of the value,
  // which is less than half the spacing of 15-digit decimals, so it is the
  // correctly rounded 15-digit decimal; only its layout may differ.
  std::to_chars_result r = std::to_chars(buf, buf + sizeof(buf), value,
                                         std::chars_format::scientific);
  char digits[20];
  int len = 0;
  const char* c = buf;
  for (; c < r.ptr && *c != 'e'; ++c) {
    if (*c >= '0' && *c <= '9' && len < 20) digits[len++] = *c;
  }
  if (len <= 15) {
    int exp10 = 0;
    std::from_chars(c + (c[1] == '+' ? 2 : 1), r.ptr, exp10);
    if (exp10 >= -4 && exp10 < 15) {
      AppendFixedDigits(std::signbit(value), digits, len, exp10, out);
    } else {
      out->append(buf, r.ptr);  // "%g" layout: "1e-05", "1.5e+300"
    }
    return;
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
