// The ingest stage: raw wire copy in, normalized Articles out.
//
// This is the single implementation behind newswire-ingest, `newswire
// process`, the tests and the benchmarks. It detects the format
// (raw.format_hint wins when set; see format_detect.h), decodes the text to
// UTF-8, runs that format's parser (plain_text_parser.h, iptc7901_parser.h,
// anpa1312_parser.h, nitf_parser.h, newsml_g2_parser.h, ninjs_parser.h) and
// then fills what every Article needs:
//   - source, received_time and format from `raw`;
//   - version 1, priority 5 and pub_status USABLE when the format has none;
//   - a headline from the first sentence when the format has none;
//   - the dateline detected at the start of the body when none was given;
//   - the language (the provider's tag, else IdentifyLanguage());
//   - id: Fingerprint64(source, provider_id, version) for formats with a
//     provider guid (NITF doc-id, NewsML-G2 guid, ninjs uri), else
//     Fingerprint64(source, headline, body). Either way the same story
//     version from the same feed always gets the same id.
// A record holds one story, except a NewsML-G2 <newsMessage> package: each of
// its newsItems is one Article (newsml_g2_parser.h), in document order, at
// most IngestOptions::max_articles_per_record of them. All or nothing: if any
// item fails, the whole record fails (and is dead-lettered) with that item's
// reason code and "item <i> of <n>: " (1-based) before its message; no
// article of the package is delivered alone.
// Article.body keeps the original text (paragraphs joined by "\n\n");
// dedup derives its own matching form (services/dedup/text_features.h).
//
// Text encoding: plain text, NITF, NewsML-G2 and ninjs must be UTF-8 (an
// XML declaration may say ISO-8859-1 or windows-1252 instead); invalid UTF-8
// is dead-lettered as "text.invalid_utf8" with the byte offset, never
// silently repaired. ANPA-1312 is decoded from Latin-1 (windows-1252).
// IPTC 7901 is read as UTF-8 when valid, else as windows-1252.
//
// Example:
//   v1::RawWire raw;
//   raw.set_payload(bytes);
//   absl::StatusOr<std::vector<v1::Article>> articles =
//       IngestRawAll(raw, IngestOptions());
//   if (!articles.ok()) {
//     // ReasonOf(articles.status()) is the dead-letter error code.
//   }
//
// Errors: every failure is InvalidArgument (or ResourceExhausted for the
// size limit) with a reason code from common/status/reason.h:
//   payload.empty, payload.too_large, payload.binary, format.unknown,
//   text.invalid_utf8, article.no_text,
//   xml.doctype_forbidden, xml.entity_unknown, xml.too_deep, xml.truncated,
//   xml.mismatched_tag, xml.no_root, xml.malformed, xml.unsupported_encoding,
//   json.malformed, json.truncated, json.too_deep,
//   framing.no_soh, framing.no_stx, framing.truncated,
//   iptc7901.bad_header, anpa1312.bad_header,
//   nitf.bad_root, newsml.no_news_item, newsml.too_many_items,
//   ninjs.not_object.
// Never throws, never crashes on any input (fuzzed: services/ingest/fuzz).
//
// Thread-safety: IngestRawAll and IngestRaw are pure functions, safe from any
// thread.
#ifndef NEWSWIRE_SERVICES_INGEST_INGEST_H_
#define NEWSWIRE_SERVICES_INGEST_INGEST_H_

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::ingest {

struct IngestOptions {
  // Larger payloads are rejected with reason "payload.too_large".
  size_t max_record_bytes = size_t{4} << 20;
  // XML elements / JSON arrays and objects nested deeper are rejected with
  // "xml.too_deep" / "json.too_deep". Clamped to [1, kMaxNestingDepth].
  int max_nesting_depth = 64;
  // A NewsML-G2 newsMessage with more newsItems is rejected with
  // "newsml.too_many_items" (real packages hold a few dozen; the bound keeps
  // one record from flooding the topic). Values below 1 count as 1.
  int max_articles_per_record = 1000;
};

// The largest nesting depth IngestOptions may allow (bounds stack use).
inline constexpr int kMaxNestingDepth = 512;

// Detects the format (raw.format_hint wins when set), parses and normalizes.
// Returns every article of the record (at least one), in document order; each
// Article's source and received_time come from `raw`. The function every
// production caller uses.
absl::StatusOr<std::vector<v1::Article>> IngestRawAll(
    const v1::RawWire& raw, const IngestOptions& options);

// IngestRawAll for a record known to hold one story (tests, tools). A record
// holding several fails with FailedPrecondition, reason
// "ingest.several_articles", rather than returning one of them.
absl::StatusOr<v1::Article> IngestRaw(const v1::RawWire& raw,
                                      const IngestOptions& options);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_INGEST_H_
