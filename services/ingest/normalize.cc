#include "services/ingest/normalize.h"

namespace newswire::ingest {
namespace {

// What a multi-byte sequence becomes: `len` input bytes -> `out` (may be
// empty), or len == 0 when the sequence is kept as is.
struct Replacement {
  int len = 0;
  const char* out = "";
};

Replacement Classify(const unsigned char* p, size_t n) {
  if (p[0] == 0xC2 && n >= 2) {
    switch (p[1]) {
      case 0xA0:
        return {2, " "};
      case 0xAD:
        return {2, ""};
      case 0xAB:
      case 0xBB:
        return {2, "\""};
    }
    return {};
  }
  if (p[0] == 0xE2 && n >= 3 && p[1] == 0x80) {
    unsigned char c = p[2];
    if (c >= 0x80 && c <= 0x8A) return {3, " "};   // U+2000..U+200A
    if (c >= 0x8B && c <= 0x8D) return {3, ""};    // zero-width
    if (c >= 0x90 && c <= 0x95) return {3, "-"};   // dashes
    if (c >= 0x98 && c <= 0x9B) return {3, "'"};   // single quotes
    if (c >= 0x9C && c <= 0x9F) return {3, "\""};  // double quotes
    if (c == 0xA6) return {3, "..."};
    if (c == 0xAF) return {3, " "};   // U+202F
    if (c == 0xB2) return {3, "'"};   // prime
    if (c == 0xB3) return {3, "\""};  // double prime
    return {};
  }
  if (p[0] == 0xE2 && n >= 3 && p[1] == 0x81) {
    if (p[2] == 0x9F) return {3, " "};  // U+205F
    if (p[2] == 0xA0) return {3, ""};   // word joiner
    return {};
  }
  if (p[0] == 0xE2 && n >= 3 && p[1] == 0x88 && p[2] == 0x92) {
    return {3, "-"};  // minus sign
  }
  if (p[0] == 0xE3 && n >= 3 && p[1] == 0x80 && p[2] == 0x80) {
    return {3, " "};  // ideographic space
  }
  if (p[0] == 0xEF && n >= 3 && p[1] == 0xBB && p[2] == 0xBF) {
    return {3, ""};  // BOM
  }
  return {};
}

std::string Normalize(absl::string_view text, std::vector<uint32_t>* offs) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  std::string out;
  out.reserve(n);
  if (offs != nullptr) {
    offs->clear();
    offs->reserve(n + 1);
  }
  bool pending_space = false;  // a whitespace run not yet written
  auto emit = [&](char c, size_t from) {
    if (c == ' ') {
      pending_space = !out.empty();
      return;
    }
    if (pending_space) {
      out.push_back(' ');
      if (offs != nullptr) offs->push_back(static_cast<uint32_t>(from));
      pending_space = false;
    }
    out.push_back(c);
    if (offs != nullptr) offs->push_back(static_cast<uint32_t>(from));
  };
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                   c == '\f' || c == '\v';
      emit(space ? ' ' : static_cast<char>(c), i);
      ++i;
      continue;
    }
    Replacement r = Classify(p + i, n - i);
    if (r.len == 0) {
      emit(static_cast<char>(c), i);
      ++i;
      continue;
    }
    for (const char* o = r.out; *o != '\0'; ++o) emit(*o, i);
    i += r.len;
  }
  if (offs != nullptr) offs->push_back(static_cast<uint32_t>(n));
  return out;
}

}  // namespace

std::string NormalizeForMatching(absl::string_view text) {
  return Normalize(text, nullptr);
}

std::string NormalizeForMatching(absl::string_view text,
                                 std::vector<uint32_t>* original_offsets) {
  return Normalize(text, original_offsets);
}

}  // namespace newswire::ingest
