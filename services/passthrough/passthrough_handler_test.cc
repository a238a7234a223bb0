#include "services/passthrough/passthrough_handler.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "newswire/v1/wire.pb.h"
#include "tools/storygen/story_generator.h"

namespace newswire {
namespace {

constexpr int kStories = 40;

// Runs every record of `in` through `handler` as if consumed from partition
// 0 at consecutive offsets; fails the test on a rejected record.
std::vector<kafka::OutputRecord> RunStage(
    PassthroughHandler& handler, const std::vector<kafka::OutputRecord>& in) {
  std::vector<kafka::OutputRecord> out;
  for (size_t i = 0; i < in.size(); ++i) {
    kafka::InputRecord record;
    record.partition = 0;
    record.offset = static_cast<int64_t>(i);
    record.key = in[i].key;
    record.value = in[i].value;
    record.timestamp_ms = 1700000000000;
    absl::Status s = handler.Handle(record, &out);
    EXPECT_TRUE(s.ok()) << s;
  }
  return out;
}

std::vector<kafka::OutputRecord> RawRecords() {
  std::vector<kafka::OutputRecord> raw(kStories);
  for (int i = 0; i < kStories; ++i) {
    raw[i].value =
        storygen::GenerateRawWire(100 + i, 150, "test").SerializeAsString();
  }
  return raw;
}

TEST(PassthroughHandlerTest, ChainKeepsEveryRecordAndEachDecodes) {
  PassthroughHandler ingest({PassthroughStage::kIngest, "articles", {}});
  PassthroughHandler dedup({PassthroughStage::kDedup, "unique", {}});
  PassthroughHandler enrich({PassthroughStage::kEnrich, "enriched", {}});
  PassthroughHandler route({PassthroughStage::kRoute,
                            "sub.all",
                            {{"newswire-subscription", "all"}}});
  const std::vector<kafka::OutputRecord> raw = RawRecords();

  std::vector<kafka::OutputRecord> articles = RunStage(ingest, raw);
  ASSERT_EQ(articles.size(), raw.size());
  absl::flat_hash_set<std::string> ids;
  for (size_t i = 0; i < articles.size(); ++i) {
    v1::RawWire wire;
    ASSERT_TRUE(wire.ParseFromString(raw[i].value));
    v1::Article article;
    ASSERT_TRUE(article.ParseFromString(articles[i].value));
    EXPECT_EQ(articles[i].topic, "articles");
    EXPECT_EQ(articles[i].key, article.id());
    EXPECT_TRUE(ids.insert(article.id()).second) << article.id();
    EXPECT_EQ(article.body(), wire.payload());
    EXPECT_EQ(article.source(), "test");
    EXPECT_EQ(article.received_time().seconds(),
              wire.received_time().seconds());
    EXPECT_NE(articles[i].source_time, absl::InfinitePast());
  }

  std::vector<kafka::OutputRecord> unique = RunStage(dedup, articles);
  ASSERT_EQ(unique.size(), raw.size());
  for (size_t i = 0; i < unique.size(); ++i) {
    v1::EnrichedArticle record;
    ASSERT_TRUE(record.ParseFromString(unique[i].value));
    EXPECT_EQ(unique[i].topic, "unique");
    EXPECT_EQ(record.dedup().verdict(), v1::UNIQUE);
    EXPECT_EQ(record.dedup().story_id(), record.article().id());
    EXPECT_EQ(unique[i].key, record.article().id());
    EXPECT_TRUE(record.has_deduped_time());
    EXPECT_EQ(record.ingested_time().seconds(), 1700000000);
  }

  std::vector<kafka::OutputRecord> enriched = RunStage(enrich, unique);
  ASSERT_EQ(enriched.size(), raw.size());
  absl::flat_hash_set<std::string> enriched_ids;
  for (const kafka::OutputRecord& out : enriched) {
    v1::EnrichedArticle record;
    ASSERT_TRUE(record.ParseFromString(out.value));
    EXPECT_EQ(out.topic, "enriched");
    EXPECT_TRUE(record.has_enriched_time());
    EXPECT_EQ(record.entities_size(), 0);
    enriched_ids.insert(record.article().id());
  }
  EXPECT_EQ(enriched_ids, ids);

  std::vector<kafka::OutputRecord> routed = RunStage(route, enriched);
  ASSERT_EQ(routed.size(), raw.size());
  for (size_t i = 0; i < routed.size(); ++i) {
    EXPECT_EQ(routed[i].topic, "sub.all");
    EXPECT_EQ(routed[i].key, enriched[i].key);
    EXPECT_EQ(routed[i].value, enriched[i].value);
    ASSERT_EQ(routed[i].headers.size(), 1u);
    EXPECT_EQ(routed[i].headers[0].second, "all");
  }
}

TEST(PassthroughHandlerTest, RouteWithoutTopicForwardsNothing) {
  PassthroughHandler route({PassthroughStage::kRoute, "", {}});
  v1::EnrichedArticle record;
  record.mutable_article()->set_id("a");
  std::vector<kafka::OutputRecord> in(1);
  in[0].value = record.SerializeAsString();
  EXPECT_TRUE(RunStage(route, in).empty());
}

TEST(PassthroughHandlerTest, UndecodableInputIsRejectedWithTheStageReason) {
  const std::string garbage = "\xff\xff\xff\xff";
  kafka::InputRecord in;
  in.value = garbage;
  const std::pair<PassthroughStage, const char*> cases[] = {
      {PassthroughStage::kIngest, "raw.malformed_envelope"},
      {PassthroughStage::kDedup, "article.malformed"},
      {PassthroughStage::kEnrich, "enriched.malformed"},
      {PassthroughStage::kRoute, "enriched.malformed"},
  };
  for (const auto& [stage, reason] : cases) {
    PassthroughHandler handler({stage, "out", {}});
    std::vector<kafka::OutputRecord> out;
    absl::Status s = handler.Handle(in, &out);
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(ReasonOf(s), reason);
    EXPECT_TRUE(out.empty());
  }
}

TEST(PassthroughHandlerTest, IngestRejectsPayloadThatIsNotUtf8) {
  v1::RawWire raw;
  raw.set_payload("caf\xe9 latin-1");
  const std::string value = raw.SerializeAsString();
  kafka::InputRecord in;
  in.value = value;
  PassthroughHandler ingest({PassthroughStage::kIngest, "out", {}});
  std::vector<kafka::OutputRecord> out;
  absl::Status s = ingest.Handle(in, &out);
  EXPECT_EQ(ReasonOf(s), "passthrough.not_utf8");
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace newswire
