#include "services/ingest/format_detect.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "services/ingest/text_util.h"

namespace newswire::ingest {
namespace {

constexpr char kSoh = '\x01';
constexpr char kStx = '\x02';
constexpr char kSyn = '\x16';

// The local name of the first element in an XML document, skipping the
// declaration, comments, processing instructions and a DOCTYPE (which the
// reader rejects later with its own reason).
absl::string_view RootElementName(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsAsciiSpace(s[i])) ++i;
    if (i >= s.size() || s[i] != '<') return absl::string_view();
    absl::string_view rest = s.substr(i);
    size_t end;  // the last byte of the construct
    if (absl::StartsWith(rest, "<?")) {
      end = s.find("?>", i);
      if (end != absl::string_view::npos) end += 1;
    } else if (absl::StartsWith(rest, "<!--")) {
      end = s.find("-->", i);
      if (end != absl::string_view::npos) end += 2;
    } else if (absl::StartsWith(rest, "<!")) {
      // A declaration; an internal subset "[...]" ends at "]>". The '['
      // search is bounded by the first '>' to keep the scan linear.
      size_t gt = s.find('>', i);
      if (gt == absl::string_view::npos) return absl::string_view();
      size_t bracket = s.substr(i, gt - i).find('[');
      if (bracket == absl::string_view::npos) {
        end = gt;
      } else {
        end = s.find("]>", i + bracket);
        if (end != absl::string_view::npos) end += 1;
      }
    } else {
      size_t b = i + 1, e = b;
      while (e < s.size() && !IsAsciiSpace(s[e]) && s[e] != '>' &&
             s[e] != '/') {
        ++e;
      }
      absl::string_view name = s.substr(b, e - b);
      size_t colon = name.rfind(':');
      return colon == absl::string_view::npos ? name : name.substr(colon + 1);
    }
    if (end == absl::string_view::npos) return absl::string_view();
    i = end + 1;
  }
  return absl::string_view();
}

bool LooksAnpa(absl::string_view s, size_t soh) {
  if (soh >= 2 && s[soh - 1] == kSyn && s[soh - 2] == kSyn) return true;
  // ANPA selector: a lower-case letter and a 4-digit sequence number.
  absl::string_view head = s.substr(soh + 1, 5);
  if (head.size() == 5 && absl::ascii_islower(head[0]) &&
      std::all_of(head.begin() + 1, head.end(),
                  [](char c) { return absl::ascii_isdigit(c); })) {
    return true;
  }
  size_t stx = s.find(kStx, soh);
  if (stx == absl::string_view::npos) return false;
  absl::string_view body = s.substr(stx + 1, 512);
  return absl::StartsWith(absl::StripLeadingAsciiWhitespace(body), "^");
}

}  // namespace

v1::WireFormat DetectFormat(absl::string_view payload) {
  absl::string_view s = payload;
  if (absl::StartsWith(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
  size_t i = 0;
  while (i < s.size() && (IsAsciiSpace(s[i]) || s[i] == kSyn)) ++i;
  if (i >= s.size()) return v1::WIRE_FORMAT_UNSPECIFIED;
  if (s[i] == kSoh) {
    return LooksAnpa(s, i) ? v1::WIRE_FORMAT_ANPA_1312
                           : v1::WIRE_FORMAT_IPTC_7901;
  }
  if (s[i] == '{') return v1::WIRE_FORMAT_NINJS;
  if (s[i] == '<') {
    absl::string_view root = RootElementName(s.substr(i));
    if (root == "nitf") return v1::WIRE_FORMAT_NITF;
    if (root == "newsItem" || root == "newsMessage") {
      return v1::WIRE_FORMAT_NEWSML_G2;
    }
    return v1::WIRE_FORMAT_UNSPECIFIED;
  }
  if (LooksBinary(payload)) return v1::WIRE_FORMAT_UNSPECIFIED;
  return v1::WIRE_FORMAT_PLAIN_TEXT;
}

v1::WireFormat ResolveFormat(const v1::RawWire& raw) {
  return raw.format_hint() != v1::WIRE_FORMAT_UNSPECIFIED
             ? raw.format_hint()
             : DetectFormat(raw.payload());
}

bool LooksBinary(absl::string_view payload) {
  // Bytes that count as binary: C0 controls other than whitespace and the
  // framing bytes, and DEL. NUL alone decides.
  static const std::array<bool, 256> kBad = [] {
    std::array<bool, 256> bad{};
    for (int c = 0; c < 0x20; ++c) bad[c] = true;
    for (int c : {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x01, 0x02, 0x03, 0x04, 0x12,
                  0x13, 0x16, 0x1E, 0x1F}) {
      bad[c] = false;
    }
    bad[0x7F] = true;
    return bad;
  }();
  absl::string_view head = payload.substr(0, 4096);
  const auto* p = reinterpret_cast<const unsigned char*>(head.data());
  const size_t n = head.size();
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  size_t controls = 0;
  size_t i = 0;
  while (i < n) {
    // Skip 8 bytes at a time while none is below 0x20 or equal to 0x7F.
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      const uint64_t low = (w - kOnes * 0x20) & ~w & kHigh;
      const uint64_t del =
          ((w ^ (kOnes * 0x7F)) - kOnes) & ~(w ^ (kOnes * 0x7F)) & kHigh;
      if ((low | del) == 0) {
        i += 8;
        continue;
      }
    }
    const size_t stop = std::min(n, i + 8);
    for (; i < stop; ++i) {
      if (p[i] == 0) return true;
      controls += kBad[p[i]];
    }
  }
  return controls * 32 > n;
}

absl::string_view FormatLabel(v1::WireFormat format) {
  switch (format) {
    case v1::WIRE_FORMAT_PLAIN_TEXT:
      return "plain_text";
    case v1::WIRE_FORMAT_IPTC_7901:
      return "iptc7901";
    case v1::WIRE_FORMAT_ANPA_1312:
      return "anpa1312";
    case v1::WIRE_FORMAT_NITF:
      return "nitf";
    case v1::WIRE_FORMAT_NEWSML_G2:
      return "newsml_g2";
    case v1::WIRE_FORMAT_NINJS:
      return "ninjs";
    default:
      return "unknown";
  }
}

}  // namespace newswire::ingest
