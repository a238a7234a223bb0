#include "services/enrich/enrich_handler.h"

#include "common/status/reason.h"
#include "common/time/proto_time.h"

namespace newswire::enrich {

absl::Status EnrichHandler::Handle(const kafka::InputRecord& in,
                                   std::vector<kafka::OutputRecord>* out) {
  v1::EnrichedArticle record;
  if (!record.ParseFromArray(in.value.data(),
                             static_cast<int>(in.value.size())) ||
      !record.has_article() || record.article().id().empty()) {
    return InvalidRecord("enriched.malformed",
                         "record is not an EnrichedArticle with an article");
  }
  enricher_->Enrich(&record);
  pending_.Add(record);
  kafka::OutputRecord output;
  output.topic = output_topic_;
  output.key = record.dedup().story_id();
  output.value = record.SerializeAsString();
  if (record.article().has_received_time()) {
    output.source_time = FromProtoTime(record.article().received_time());
  }
  out->push_back(std::move(output));
  return absl::OkStatus();
}

void EnrichHandler::OnCommit() {
  if (metrics_ != nullptr && !pending_.empty()) metrics_->Publish(pending_);
  pending_.Clear();
}

void EnrichHandler::OnAbort() { pending_.Clear(); }

}  // namespace newswire::enrich
