#include "services/passthrough/passthrough_handler.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/service/service_flags.h"
#include "common/status/reason.h"
#include "common/text/utf8.h"
#include "common/time/proto_time.h"
#include "newswire/v1/wire.pb.h"

namespace newswire {
namespace {

template <typename Message>
bool Decode(const kafka::InputRecord& in, Message* message) {
  return message->ParseFromArray(in.value.data(),
                                 static_cast<int>(in.value.size()));
}

absl::Time SourceTime(const v1::Article& article) {
  return article.has_received_time() ? FromProtoTime(article.received_time())
                                     : absl::InfinitePast();
}

absl::Status Ingest(const kafka::InputRecord& in, kafka::OutputRecord* out) {
  v1::RawWire raw;
  if (!Decode(in, &raw)) {
    return InvalidRecord("raw.malformed_envelope", "record is not a RawWire");
  }
  if (!IsValidUtf8(raw.payload())) {
    return InvalidRecord("passthrough.not_utf8", "payload is not UTF-8");
  }
  v1::Article article;
  article.set_id(absl::StrCat("passthrough-", in.partition, "-", in.offset));
  article.set_source(raw.source());
  article.set_version(1);
  article.set_priority(5);
  article.set_language("und");
  article.set_format(raw.format_hint());
  *article.mutable_received_time() = raw.received_time();
  article.set_allocated_body(raw.release_payload());
  out->key = article.id();
  out->source_time = SourceTime(article);
  out->value = article.SerializeAsString();
  return absl::OkStatus();
}

absl::Status Dedup(const kafka::InputRecord& in, kafka::OutputRecord* out) {
  v1::EnrichedArticle record;
  v1::Article* article = record.mutable_article();
  if (!Decode(in, article) || article->id().empty()) {
    return InvalidRecord("article.malformed",
                         "record is not an Article with an id");
  }
  v1::DedupResult* dedup = record.mutable_dedup();
  dedup->set_verdict(v1::UNIQUE);
  dedup->set_story_id(article->id());
  dedup->set_story_version(1);
  ToProtoTime(absl::Now(), record.mutable_deduped_time());
  if (in.timestamp_ms > 0) {
    MillisToProtoTime(in.timestamp_ms, record.mutable_ingested_time());
  }
  out->key = dedup->story_id();
  out->source_time = SourceTime(*article);
  out->value = record.SerializeAsString();
  return absl::OkStatus();
}

absl::Status Enrich(const kafka::InputRecord& in, kafka::OutputRecord* out) {
  v1::EnrichedArticle record;
  if (!Decode(in, &record) || !record.has_article() ||
      record.article().id().empty()) {
    return InvalidRecord("enriched.malformed",
                         "record is not an EnrichedArticle with an article");
  }
  ToProtoTime(absl::Now(), record.mutable_enriched_time());
  out->key = record.dedup().story_id();
  out->source_time = SourceTime(record.article());
  out->value = record.SerializeAsString();
  return absl::OkStatus();
}

absl::Status Route(const kafka::InputRecord& in, kafka::OutputRecord* out) {
  v1::EnrichedArticle record;
  if (!Decode(in, &record) || !record.has_article()) {
    return InvalidRecord("enriched.malformed",
                         "record is not an EnrichedArticle with an article");
  }
  out->key = std::string(in.key);
  out->source_time = SourceTime(record.article());
  out->value = std::string(in.value);
  return absl::OkStatus();
}

}  // namespace

absl::Status PassthroughHandler::Handle(const kafka::InputRecord& in,
                                        std::vector<kafka::OutputRecord>* out) {
  kafka::OutputRecord output;
  absl::Status s;
  switch (options_.stage) {
    case PassthroughStage::kIngest:
      s = Ingest(in, &output);
      break;
    case PassthroughStage::kDedup:
      s = Dedup(in, &output);
      break;
    case PassthroughStage::kEnrich:
      s = Enrich(in, &output);
      break;
    case PassthroughStage::kRoute:
      s = Route(in, &output);
      if (options_.output_topic.empty()) return s;
      break;
  }
  if (!s.ok()) return s;
  output.topic = options_.output_topic;
  output.headers = options_.headers;
  out->push_back(std::move(output));
  return absl::OkStatus();
}

kafka::RecordHandler* StageOrPassthrough(kafka::RecordHandler* stage,
                                         PassthroughHandler* passthrough) {
  return PassthroughFlag() ? passthrough : stage;
}

}  // namespace newswire
