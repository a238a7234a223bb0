#include "services/ingest/ingest.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/reason.h"
#include "common/status/status_macros.h"
#include "common/text/hash.h"
#include "common/text/utf8.h"
#include "services/ingest/anpa1312_parser.h"
#include "services/ingest/dateline.h"
#include "services/ingest/format_detect.h"
#include "services/ingest/iptc7901_parser.h"
#include "services/ingest/language_id.h"
#include "services/ingest/newsml_g2_parser.h"
#include "services/ingest/ninjs_parser.h"
#include "services/ingest/nitf_parser.h"
#include "services/ingest/plain_text_parser.h"
#include "services/ingest/text_util.h"

namespace newswire::ingest {
namespace {

absl::Status CheckUtf8(absl::string_view text) {
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    return InvalidRecord("text.invalid_utf8",
                         absl::StrCat("invalid UTF-8 at byte ", bad));
  }
  return absl::OkStatus();
}

// The encoding an XML declaration names, lower case; "" when none.
std::string XmlDeclaredEncoding(absl::string_view xml) {
  if (absl::StartsWith(xml, "\xEF\xBB\xBF")) xml.remove_prefix(3);
  if (!absl::StartsWith(xml, "<?xml")) return std::string();
  absl::string_view decl = xml.substr(0, xml.find("?>"));
  size_t at = decl.find("encoding");
  if (at == absl::string_view::npos) return std::string();
  size_t quote = decl.find_first_of("\"'", at);
  if (quote == absl::string_view::npos) return std::string();
  size_t end = decl.find(decl[quote], quote + 1);
  if (end == absl::string_view::npos) return std::string();
  return absl::AsciiStrToLower(decl.substr(quote + 1, end - quote - 1));
}

// Returns the payload as UTF-8: a view of `payload` or of `*storage`.
absl::StatusOr<absl::string_view> DecodeText(v1::WireFormat format,
                                             absl::string_view payload,
                                             std::string* storage) {
  switch (format) {
    case v1::WIRE_FORMAT_ANPA_1312:
      *storage = Windows1252ToUtf8(payload);
      return absl::string_view(*storage);
    case v1::WIRE_FORMAT_IPTC_7901:
      if (IsValidUtf8(payload)) return payload;
      *storage = Windows1252ToUtf8(payload);
      return absl::string_view(*storage);
    case v1::WIRE_FORMAT_NITF:
    case v1::WIRE_FORMAT_NEWSML_G2: {
      std::string encoding = XmlDeclaredEncoding(payload);
      if (encoding == "iso-8859-1" || encoding == "latin1" ||
          encoding == "latin-1" || encoding == "windows-1252" ||
          encoding == "cp1252") {
        *storage = Windows1252ToUtf8(payload);
        return absl::string_view(*storage);
      }
      if (!encoding.empty() && encoding != "utf-8" && encoding != "utf8" &&
          encoding != "us-ascii" && encoding != "ascii") {
        return InvalidRecord(
            "xml.unsupported_encoding",
            absl::StrCat("XML encoding \"", encoding, "\" is not supported"));
      }
      RETURN_IF_ERROR(CheckUtf8(payload));
      return payload;
    }
    default:
      RETURN_IF_ERROR(CheckUtf8(payload));
      return payload;
  }
}

absl::StatusOr<v1::Article> ParseOne(v1::WireFormat format,
                                     absl::string_view text,
                                     const XmlLimits& xml,
                                     const JsonLimits& json) {
  switch (format) {
    case v1::WIRE_FORMAT_PLAIN_TEXT:
      return ParsePlainText(text);
    case v1::WIRE_FORMAT_IPTC_7901:
      return ParseIptc7901(text);
    case v1::WIRE_FORMAT_ANPA_1312:
      return ParseAnpa1312(text);
    case v1::WIRE_FORMAT_NITF:
      return ParseNitf(text, xml);
    case v1::WIRE_FORMAT_NINJS:
      return ParseNinjs(text, json);
    default:
      return InvalidRecord("format.unknown",
                           "format hint names no supported format");
  }
}

// Every article of the record; only NewsML-G2 packages hold more than one.
absl::StatusOr<std::vector<v1::Article>> Parse(v1::WireFormat format,
                                               absl::string_view text,
                                               const IngestOptions& options) {
  // The readers' callers recurse once per level, so the limit also bounds
  // stack use; never more than kMaxNestingDepth whatever the options say.
  const int depth = std::clamp(options.max_nesting_depth, 1, kMaxNestingDepth);
  XmlLimits xml;
  xml.max_depth = depth;
  JsonLimits json;
  json.max_depth = depth;
  if (format == v1::WIRE_FORMAT_NEWSML_G2) {
    return ParseNewsMlG2(text, xml, options.max_articles_per_record);
  }
  ASSIGN_OR_RETURN(v1::Article article, ParseOne(format, text, xml, json));
  std::vector<v1::Article> articles;
  articles.push_back(std::move(article));
  return articles;
}

bool HasProviderGuid(v1::WireFormat format) {
  return format == v1::WIRE_FORMAT_NITF ||
         format == v1::WIRE_FORMAT_NEWSML_G2 || format == v1::WIRE_FORMAT_NINJS;
}

absl::string_view FirstParagraph(absl::string_view body) {
  return body.substr(0, body.find("\n\n"));
}

absl::Status Finalize(const v1::RawWire& raw, v1::WireFormat format,
                      v1::Article* article) {
  article->set_format(format);
  article->set_source(raw.source());
  if (raw.has_received_time()) {
    *article->mutable_received_time() = raw.received_time();
  }
  if (article->version() <= 0) article->set_version(1);
  if (article->priority() < 1 || article->priority() > 9) {
    article->set_priority(5);
  }
  if (article->pub_status() == v1::PUB_STATUS_UNSPECIFIED) {
    article->set_pub_status(v1::PUB_STATUS_USABLE);
  }
  if (article->headline().empty() && article->body().empty() &&
      article->pub_status() != v1::PUB_STATUS_CANCELED) {
    return InvalidRecord("article.no_text",
                         "no headline and no body text found");
  }
  if (article->headline().empty() && !article->body().empty()) {
    article->set_headline(FirstSentence(FirstParagraph(article->body())));
  }
  if (article->dateline().empty()) {
    article->set_dateline(
        std::string(DetectDateline(FirstParagraph(article->body()))));
  }
  if (article->language().empty()) {
    std::string sample = article->headline();
    sample.push_back('\n');
    absl::StrAppend(
        &sample,
        absl::string_view(article->body()).substr(0, kLanguageIdPrefixBytes));
    article->set_language(IdentifyLanguage(sample));
  }
  uint64_t id;
  if (HasProviderGuid(format) && !article->provider_id().empty()) {
    id = Fingerprint64(absl::StrCat("guid\n", raw.source(), "\n",
                                    article->provider_id(), "\n",
                                    article->version()));
  } else {
    id = Fingerprint64(absl::StrCat(raw.source(), "\n", article->headline(),
                                    "\n", article->body()));
  }
  article->set_id(FingerprintHex(id));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<v1::Article>> IngestRawAll(
    const v1::RawWire& raw, const IngestOptions& options) {
  const std::string& payload = raw.payload();
  if (payload.size() > options.max_record_bytes) {
    return WithReason(
        absl::ResourceExhaustedError(absl::StrCat(
            "payload of ", payload.size(), " bytes exceeds the limit of ",
            options.max_record_bytes)),
        "payload.too_large");
  }
  bool blank = true;
  for (char c : payload) {
    if (!IsAsciiSpace(c)) {
      blank = false;
      break;
    }
  }
  if (blank) return InvalidRecord("payload.empty", "empty payload");
  if (LooksBinary(payload) || payload.find('\0') != std::string::npos) {
    return InvalidRecord("payload.binary",
                         "payload is binary data, not wire copy");
  }
  const v1::WireFormat format = ResolveFormat(raw);
  if (format == v1::WIRE_FORMAT_UNSPECIFIED) {
    return InvalidRecord("format.unknown",
                         "payload is in no supported wire format");
  }
  std::string storage;
  ASSIGN_OR_RETURN(absl::string_view text,
                   DecodeText(format, payload, &storage));
  ASSIGN_OR_RETURN(std::vector<v1::Article> articles,
                   Parse(format, text, options));
  for (size_t i = 0; i < articles.size(); ++i) {
    absl::Status finalized = Finalize(raw, format, &articles[i]);
    if (finalized.ok()) continue;
    if (articles.size() == 1) return finalized;
    // One bad item fails the whole package; say which one.
    return WithReason(
        absl::Status(finalized.code(),
                     absl::StrCat("item ", i + 1, " of ", articles.size(), ": ",
                                  finalized.message())),
        ReasonOf(finalized));
  }
  return articles;
}

absl::StatusOr<v1::Article> IngestRaw(const v1::RawWire& raw,
                                      const IngestOptions& options) {
  ASSIGN_OR_RETURN(std::vector<v1::Article> articles,
                   IngestRawAll(raw, options));
  if (articles.size() != 1) {
    return WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "record holds ", articles.size(),
            " articles; IngestRaw reads single-article records only, use "
            "IngestRawAll")),
        "ingest.several_articles");
  }
  return std::move(articles[0]);
}

}  // namespace newswire::ingest
