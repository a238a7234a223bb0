#include "services/ingest/timestamps.h"

#include <string>

#include "absl/strings/ascii.h"
#include "common/time/proto_time.h"

namespace newswire::ingest {

bool ParseIsoTimestamp(absl::string_view text,
                       google::protobuf::Timestamp* out) {
  static constexpr const char* kFormats[] = {
      "%Y-%m-%d%ET%H:%M:%E*S%Ez", "%Y-%m-%d%ET%H:%M:%E*S",
      "%Y-%m-%d%ET%H:%M:%E*S%z",  "%Y-%m-%d%ET%H:%M%Ez",
      "%Y-%m-%d%ET%H:%M",         "%Y-%m-%d"};
  std::string s(absl::StripAsciiWhitespace(text));
  if (s.empty() || s.size() > 40) return false;
  // absl's %Y takes every digit it sees, so rewrite the basic format
  // ("20261120T142500", "20261120") into the extended one first.
  auto digits = [&s](size_t from, size_t n) {
    if (s.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i) {
      if (!absl::ascii_isdigit(s[i])) return false;
    }
    return true;
  };
  if (digits(0, 8) && (s.size() == 8 || s[8] == 'T')) {
    std::string ext =
        s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2);
    if (s.size() > 8) {
      if (!digits(9, 4)) return false;
      ext += "T" + s.substr(9, 2) + ":" + s.substr(11, 2);
      size_t rest = 13;
      if (digits(13, 2)) {
        ext += ":" + s.substr(13, 2);
        rest = 15;
      }
      ext += s.substr(rest);
    }
    s = std::move(ext);
  }
  // absl's %z does not take "Z"; spell UTC as an offset.
  if (s.back() == 'Z' || s.back() == 'z') {
    s.pop_back();
    s += "+00:00";
  }
  for (const char* format : kFormats) {
    absl::Time t;
    std::string err;
    if (absl::ParseTime(format, s, absl::UTCTimeZone(), &t, &err)) {
      ToProtoTime(t, out);
      return true;
    }
  }
  return false;
}

}  // namespace newswire::ingest
