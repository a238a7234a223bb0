#include "services/ingest/text_util.h"

#include <cstring>

namespace newswire::ingest {

void AppendCodePoint(uint32_t cp, std::string* out) {
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    cp = 0xFFFD;
  }
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void AppendCollapsed(absl::string_view text, std::string* out) {
  const char* p = text.data();
  const char* end = p + text.size();
  bool space = out->empty() || IsAsciiSpace(out->back());
  while (p < end) {
    // Copy the longest run that needs no change (text with single spaces
    // between words) in one go.
    const char* run = p;
    while (p < end) {
      if (!IsAsciiSpace(*p)) {
        ++p;
      } else if (*p == ' ' && p > run && p + 1 < end && !IsAsciiSpace(p[1])) {
        p += 2;
      } else {
        break;
      }
    }
    if (p > run) {
      out->append(run, p - run);
      space = false;
    }
    if (p < end) {
      if (!space) out->push_back(' ');
      space = true;
      while (p < end && IsAsciiSpace(*p)) ++p;
    }
  }
}

void TrimTrailingSpace(std::string* s) {
  size_t n = s->size();
  while (n > 0 && IsAsciiSpace((*s)[n - 1])) --n;
  s->resize(n);
}

namespace {

bool IsReferenceChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '#';
}

// "#233" or "#xE9" -> code point; false when malformed.
bool ParseNumericReference(absl::string_view ref, uint32_t* cp) {
  const bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
  absl::string_view digits = ref.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 8) return false;
  uint32_t v = 0;
  for (char c : digits) {
    uint32_t d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (hex && c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (hex && c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      return false;
    }
    v = v * (hex ? 16 : 10) + d;
  }
  *cp = v;
  return true;
}

}  // namespace

bool AppendDecodedReferences(absl::string_view in, EntityLookup lookup,
                             bool keep_unknown, std::string* out,
                             absl::string_view* unknown) {
  size_t i = 0;
  while (i < in.size()) {
    const size_t amp = in.find('&', i);
    if (amp == absl::string_view::npos) {
      out->append(in.data() + i, in.size() - i);
      return true;
    }
    out->append(in.data() + i, amp - i);
    i = amp + 1;
    const size_t semi = in.substr(amp + 1, 11).find(';');
    if (semi == absl::string_view::npos || semi == 0) {
      out->push_back('&');
      continue;
    }
    absl::string_view ref = in.substr(amp + 1, semi);
    bool well_formed = true;
    for (char c : ref) well_formed = well_formed && IsReferenceChar(c);
    if (!well_formed) {
      out->push_back('&');
      continue;
    }
    uint32_t cp = 0;
    const bool known =
        ref[0] == '#' ? ParseNumericReference(ref, &cp) : lookup(ref, &cp);
    if (known) {
      AppendCodePoint(cp, out);
      i = amp + semi + 2;
    } else if (keep_unknown || ref[0] == '#') {
      out->push_back('&');
    } else {
      if (unknown != nullptr) *unknown = ref;
      return false;
    }
  }
  return true;
}

std::string Windows1252ToUtf8(absl::string_view bytes) {
  // Code points for bytes 0x80..0x9F; 0 marks the undefined ones.
  static constexpr uint16_t kHigh[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0xA0) {
      AppendCodePoint(kHigh[c - 0x80] == 0 ? 0xFFFD : kHigh[c - 0x80], &out);
    } else {
      AppendCodePoint(c, &out);
    }
  }
  return out;
}

}  // namespace newswire::ingest
