#include "services/ingest/ingest.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/status/reason.h"
#include "common/text/hash.h"
#include "common/text/utf8.h"

namespace newswire::ingest {
namespace {

// Baseline plain-text reader: first non-empty line is the headline, the
// remaining lines are the body, paragraphs split on blank lines.
absl::StatusOr<v1::Article> ParsePlainText(absl::string_view text) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  v1::Article article;
  size_t i = 0;
  while (i < lines.size() && absl::StripAsciiWhitespace(lines[i]).empty()) ++i;
  if (i == lines.size()) {
    return InvalidRecord("payload.empty", "no text in payload");
  }
  article.set_headline(std::string(absl::StripAsciiWhitespace(lines[i])));
  ++i;
  std::vector<std::string> paragraphs;
  std::string current;
  for (; i < lines.size(); ++i) {
    absl::string_view line = absl::StripAsciiWhitespace(lines[i]);
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (!current.empty()) current.push_back(' ');
    absl::StrAppend(&current, line);
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  article.set_body(absl::StrJoin(paragraphs, "\n\n"));
  article.set_format(v1::WIRE_FORMAT_PLAIN_TEXT);
  return article;
}

}  // namespace

absl::StatusOr<v1::Article> IngestRaw(const v1::RawWire& raw,
                                      const IngestOptions& options) {
  const std::string& payload = raw.payload();
  if (payload.empty()) {
    return InvalidRecord("payload.empty", "empty payload");
  }
  if (payload.size() > options.max_record_bytes) {
    return WithReason(
        absl::ResourceExhaustedError(absl::StrCat(
            "payload of ", payload.size(), " bytes exceeds the limit of ",
            options.max_record_bytes)),
        "payload.too_large");
  }
  size_t bad = 0;
  if (!IsValidUtf8(payload, &bad)) {
    return InvalidRecord("text.invalid_utf8",
                         absl::StrCat("invalid UTF-8 at byte ", bad));
  }
  if (payload.find('\0') != std::string::npos) {
    return InvalidRecord("payload.binary", "payload contains NUL bytes");
  }
  absl::StatusOr<v1::Article> article = ParsePlainText(payload);
  if (!article.ok()) return article;
  article->set_source(raw.source());
  *article->mutable_received_time() = raw.received_time();
  article->set_version(1);
  article->set_priority(5);
  article->set_language("en");
  article->set_pub_status(v1::PUB_STATUS_USABLE);
  article->set_id(FingerprintHex(Fingerprint64(
      absl::StrCat(raw.source(), "\n", article->headline(), "\n",
                   article->body()))));
  return article;
}

}  // namespace newswire::ingest
