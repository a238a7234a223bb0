#include "services/dedup/dedup_handler.h"

#include "absl/time/clock.h"
#include "common/status/reason.h"
#include "common/time/proto_time.h"

namespace newswire::dedup {

absl::Status DedupHandler::Handle(const kafka::InputRecord& in,
                                  std::vector<kafka::OutputRecord>* out) {
  v1::EnrichedArticle record;
  v1::Article* article = record.mutable_article();
  if (!article->ParseFromArray(in.value.data(),
                               static_cast<int>(in.value.size())) ||
      article->id().empty()) {
    return InvalidRecord("article.malformed",
                         "record is not an Article with an id");
  }
  std::vector<StateRecord> state;
  *record.mutable_dedup() = dedup_->Process(*article, &state);
  ToProtoTime(absl::Now(), record.mutable_deduped_time());
  if (in.timestamp_ms > 0) {
    MillisToProtoTime(in.timestamp_ms, record.mutable_ingested_time());
  }

  const v1::Verdict verdict = record.dedup().verdict();
  if (verdict >= 0 && verdict < static_cast<int>(pending_.size())) {
    ++pending_[verdict];
  }
  const bool news = verdict == v1::UNIQUE || verdict == v1::UPDATE ||
                    article->pub_status() == v1::PUB_STATUS_CANCELED;
  kafka::OutputRecord output;
  output.topic = news ? topics_.unique : topics_.duplicates;
  output.key = record.dedup().story_id();
  output.value = record.SerializeAsString();
  if (article->has_received_time()) {
    output.source_time = FromProtoTime(article->received_time());
  }
  out->push_back(std::move(output));
  for (StateRecord& s : state) {
    out->push_back({topics_.state, std::move(s.key), std::move(s.value),
                    absl::InfinitePast()});
  }
  return absl::OkStatus();
}

void DedupHandler::OnCommit() {
  dedup_->Commit();
  if (metrics_ != nullptr) {
    for (size_t v = 0; v < pending_.size(); ++v) {
      if (pending_[v] > 0) {
        metrics_->CountVerdict(static_cast<v1::Verdict>(v),
                               static_cast<double>(pending_[v]));
      }
    }
    metrics_->ObserveIndex(dedup_->stats());
  }
  pending_.fill(0);
}

void DedupHandler::OnAbort() {
  dedup_->Rollback();
  pending_.fill(0);
}

}  // namespace newswire::dedup
