#include "services/ingest/ingest_handler.h"

#include <utility>

#include "absl/time/clock.h"
#include "common/status/reason.h"
#include "common/time/proto_time.h"
#include "services/ingest/format_detect.h"

namespace newswire::ingest {

absl::Status IngestHandler::Handle(const kafka::InputRecord& in,
                                   std::vector<kafka::OutputRecord>* out) {
  v1::RawWire raw;
  if (!raw.ParseFromArray(in.value.data(), static_cast<int>(in.value.size()))) {
    absl::Status error =
        InvalidRecord("raw.malformed_envelope",
                      "record on the raw topic is not a RawWire protobuf");
    pending_failed_.emplace_back("unknown", ReasonOf(error));
    return error;
  }
  if (!raw.has_received_time() && in.timestamp_ms > 0) {
    MillisToProtoTime(in.timestamp_ms, raw.mutable_received_time());
  }
  absl::StatusOr<std::vector<v1::Article>> articles =
      IngestRawAll(raw, options_);
  if (!articles.ok()) {
    pending_failed_.emplace_back(FormatLabel(ResolveFormat(raw)),
                                 ReasonOf(articles.status()));
    return articles.status();
  }
  for (const v1::Article& article : *articles) {
    pending_parsed_.emplace_back(FormatLabel(article.format()));
    kafka::OutputRecord record;
    record.topic = output_topic_;
    record.key =
        article.provider_id().empty() ? article.id() : article.provider_id();
    record.value = article.SerializeAsString();
    if (article.has_received_time()) {
      record.source_time = FromProtoTime(article.received_time());
    }
    out->push_back(std::move(record));
  }
  return absl::OkStatus();
}

void IngestHandler::OnCommit() {
  for (const std::string& format : pending_parsed_) metrics_.Parsed(format);
  for (const auto& [format, reason] : pending_failed_) {
    metrics_.Failed(format, reason);
  }
  pending_parsed_.clear();
  pending_failed_.clear();
}

void IngestHandler::OnAbort() {
  pending_parsed_.clear();
  pending_failed_.clear();
}

}  // namespace newswire::ingest
