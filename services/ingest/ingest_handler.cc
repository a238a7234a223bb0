#include "services/ingest/ingest_handler.h"

#include "absl/time/clock.h"
#include "common/status/reason.h"
#include "common/status/status_macros.h"

namespace newswire::ingest {

absl::Status IngestHandler::Handle(const kafka::InputRecord& in,
                                   std::vector<kafka::OutputRecord>* out) {
  v1::RawWire raw;
  if (!raw.ParseFromArray(in.value.data(), static_cast<int>(in.value.size()))) {
    return InvalidRecord("raw.malformed_envelope",
                         "record on the raw topic is not a RawWire protobuf");
  }
  if (!raw.has_received_time() && in.timestamp_ms > 0) {
    raw.mutable_received_time()->set_seconds(in.timestamp_ms / 1000);
    raw.mutable_received_time()->set_nanos((in.timestamp_ms % 1000) * 1000000);
  }
  ASSIGN_OR_RETURN(v1::Article article, IngestRaw(raw, options_));
  kafka::OutputRecord record;
  record.topic = output_topic_;
  record.key = article.provider_id().empty() ? article.id()
                                             : article.provider_id();
  record.value = article.SerializeAsString();
  if (article.has_received_time()) {
    record.source_time = absl::FromUnixSeconds(
        article.received_time().seconds()) +
        absl::Nanoseconds(article.received_time().nanos());
  }
  out->push_back(std::move(record));
  return absl::OkStatus();
}

}  // namespace newswire::ingest
