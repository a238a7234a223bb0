#include "common/json/record_json.h"

#include <cstring>

#include "common/json/json_writer.h"

namespace newswire::json {
namespace {

// Writes the members of one JSON object; each Field() call adds the comma
// before every member but the first. The caller checks "is set" (proto3:
// not the default) before calling.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string* out) : out_(out) { out_->push_back('{'); }
  void End() { out_->push_back('}'); }

  // Appends `"name":` (with the comma) and returns the output for the value.
  std::string* Field(const char* name) {
    if (!first_) out_->push_back(',');
    first_ = false;
    out_->push_back('"');
    out_->append(name);
    out_->append("\":");
    return out_;
  }

  void String(const char* name, const std::string& value) {
    if (!value.empty()) AppendJsonString(value, Field(name));
  }
  void Int(const char* name, int64_t value) {
    if (value != 0) AppendJsonInt(value, Field(name));
  }
  // proto3 writes a double whose bits are not all zero, so -0.0 too.
  void Double(const char* name, double value) {
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof(bits));
    if (bits != 0) AppendJsonDouble(value, Field(name));
  }
  // `name_of` is the generated XXX_Name; `valid` the generated XXX_IsValid.
  template <typename NameFn, typename ValidFn>
  void Enum(const char* name, int value, NameFn name_of, ValidFn valid) {
    if (value == 0) return;
    if (valid(value)) {
      std::string* out = Field(name);
      out->push_back('"');
      out->append(name_of(value));
      out->push_back('"');
    } else {
      AppendJsonInt(value, Field(name));
    }
  }
  void Strings(const char* name,
               const google::protobuf::RepeatedPtrField<std::string>& values) {
    if (values.empty()) return;
    std::string* out = Field(name);
    out->push_back('[');
    for (int i = 0; i < values.size(); ++i) {
      if (i > 0) out->push_back(',');
      AppendJsonString(values[i], out);
    }
    out->push_back(']');
  }
  // False when the Timestamp is out of range (the whole record fails).
  bool Timestamp(const char* name, bool present,
                 const google::protobuf::Timestamp& t) {
    if (!present) return true;
    return AppendJsonTimestamp(t.seconds(), t.nanos(), Field(name));
  }

 private:
  std::string* const out_;
  bool first_ = true;
};

void WriteSentiment(const v1::Sentiment& s, std::string* out) {
  ObjectWriter w(out);
  w.Double("score", s.score());
  w.Enum("label", s.label(), v1::SentimentLabel_Name<int>,
         v1::SentimentLabel_IsValid);
  w.Double("confidence", s.confidence());
  w.End();
}

void WriteEntity(const v1::Entity& e, std::string* out) {
  ObjectWriter w(out);
  w.String("text", e.text());
  w.Enum("type", e.type(), v1::EntityType_Name<int>, v1::EntityType_IsValid);
  w.Int("begin", e.begin());
  w.Int("end", e.end());
  w.String("canonicalId", e.canonical_id());
  w.String("canonicalName", e.canonical_name());
  w.Double("confidence", e.confidence());
  if (e.has_sentiment()) WriteSentiment(e.sentiment(), w.Field("sentiment"));
  // An optional field is written when present, zero included.
  if (e.has_link_confidence()) {
    AppendJsonDouble(e.link_confidence(), w.Field("linkConfidence"));
  }
  w.End();
}

void WriteEntitySummary(const v1::EntitySummary& e, std::string* out) {
  ObjectWriter w(out);
  w.String("canonicalId", e.canonical_id());
  w.String("canonicalName", e.canonical_name());
  w.Enum("type", e.type(), v1::EntityType_Name<int>, v1::EntityType_IsValid);
  w.Int("mentions", e.mentions());
  w.Int("firstBegin", e.first_begin());
  w.Double("salience", e.salience());
  if (e.has_sentiment()) WriteSentiment(e.sentiment(), w.Field("sentiment"));
  w.End();
}

void WriteDedup(const v1::DedupResult& d, std::string* out) {
  ObjectWriter w(out);
  w.Enum("verdict", d.verdict(), v1::Verdict_Name<int>, v1::Verdict_IsValid);
  w.String("duplicateOf", d.duplicate_of());
  w.Double("similarity", d.similarity());
  w.String("storyId", d.story_id());
  w.Int("storyVersion", d.story_version());
  w.End();
}

bool WriteArticle(const v1::Article& a, std::string* out) {
  ObjectWriter w(out);
  w.String("id", a.id());
  w.String("source", a.source());
  w.String("providerId", a.provider_id());
  w.Int("version", a.version());
  w.String("headline", a.headline());
  w.String("byline", a.byline());
  w.String("dateline", a.dateline());
  w.String("body", a.body());
  w.String("language", a.language());
  w.Int("priority", a.priority());
  w.Strings("categories", a.categories());
  if (!w.Timestamp("publishedTime", a.has_published_time(),
                   a.published_time()) ||
      !w.Timestamp("receivedTime", a.has_received_time(), a.received_time())) {
    return false;
  }
  w.Enum("format", a.format(), v1::WireFormat_Name<int>,
         v1::WireFormat_IsValid);
  w.Enum("pubStatus", a.pub_status(), v1::PubStatus_Name<int>,
         v1::PubStatus_IsValid);
  w.Strings("signals", a.signals());
  w.String("slugline", a.slugline());
  w.Strings("keywords", a.keywords());
  w.String("located", a.located());
  w.String("editorNote", a.editor_note());
  w.Strings("credits", a.credits());
  w.End();
  return true;
}

bool WriteEnriched(const v1::EnrichedArticle& r, std::string* out) {
  ObjectWriter w(out);
  if (r.has_article() && !WriteArticle(r.article(), w.Field("article"))) {
    return false;
  }
  if (r.has_dedup()) WriteDedup(r.dedup(), w.Field("dedup"));
  if (!r.entities().empty()) {
    std::string* list = w.Field("entities");
    list->push_back('[');
    for (int i = 0; i < r.entities_size(); ++i) {
      if (i > 0) list->push_back(',');
      WriteEntity(r.entities(i), list);
    }
    list->push_back(']');
  }
  if (r.has_sentiment()) WriteSentiment(r.sentiment(), w.Field("sentiment"));
  if (!w.Timestamp("ingestedTime", r.has_ingested_time(), r.ingested_time()) ||
      !w.Timestamp("dedupedTime", r.has_deduped_time(), r.deduped_time()) ||
      !w.Timestamp("enrichedTime", r.has_enriched_time(), r.enriched_time())) {
    return false;
  }
  if (!r.entity_summary().empty()) {
    std::string* list = w.Field("entitySummary");
    list->push_back('[');
    for (int i = 0; i < r.entity_summary_size(); ++i) {
      if (i > 0) list->push_back(',');
      WriteEntitySummary(r.entity_summary(i), list);
    }
    list->push_back(']');
  }
  w.End();
  return true;
}

// Runs `write` on `out`; on failure restores `out` to what it was.
template <typename Record, typename Write>
bool AppendOrRestore(const Record& record, std::string* out, Write write) {
  const size_t size = out->size();
  if (write(record, out)) return true;
  out->resize(size);
  return false;
}

}  // namespace

bool AppendRecordJson(const v1::EnrichedArticle& record, std::string* out) {
  return AppendOrRestore(record, out, WriteEnriched);
}

bool AppendRecordJson(const v1::Article& article, std::string* out) {
  return AppendOrRestore(article, out, WriteArticle);
}

}  // namespace newswire::json
