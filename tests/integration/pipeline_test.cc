// End-to-end: the three services as separate processes on the real broker.
// Every unique article must appear exactly once in wire.enriched
// (read_committed), duplicates in wire.duplicates, bad input in wire.dlq with
// its reason — also when newswire-enrich is SIGKILLed in the middle of a run.
#include <signal.h>

#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "common/kafka/admin.h"
#include "common/kafka/topics.h"
#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace newswire::testing {
namespace {

struct Outcome {
  std::map<std::string, int> enriched;  // article id -> times seen
  std::vector<v1::EnrichedArticle> duplicates;
  std::vector<v1::DeadLetter> dead;
};

Outcome Collect(const TestEnv& env, const std::string& prefix,
                size_t expect_enriched, size_t expect_duplicates,
                size_t expect_dead) {
  Outcome o;
  auto enriched = ReadUntil(env.kafka, prefix + kafka::kEnrichedTopic,
                            expect_enriched, absl::Seconds(120));
  EXPECT_TRUE(enriched.ok()) << enriched.status();
  if (enriched.ok()) {
    for (const auto& r : *enriched) {
      v1::EnrichedArticle e;
      EXPECT_TRUE(e.ParseFromString(r.value));
      EXPECT_TRUE(e.has_sentiment());
      EXPECT_GT(e.enriched_time().seconds(), 0);
      ++o.enriched[e.article().id()];
    }
  }
  auto dups = ReadUntil(env.kafka, prefix + kafka::kDuplicatesTopic,
                        expect_duplicates, absl::Seconds(30));
  EXPECT_TRUE(dups.ok()) << dups.status();
  if (dups.ok()) {
    for (const auto& r : *dups) {
      v1::EnrichedArticle e;
      EXPECT_TRUE(e.ParseFromString(r.value));
      o.duplicates.push_back(e);
    }
  }
  auto dead = ReadUntil(env.kafka, prefix + kafka::kDlqTopic, expect_dead,
                        absl::Seconds(30));
  EXPECT_TRUE(dead.ok()) << dead.status();
  if (dead.ok()) {
    for (const auto& r : *dead) {
      v1::DeadLetter d;
      EXPECT_TRUE(d.ParseFromString(r.value));
      o.dead.push_back(d);
    }
  }
  return o;
}

TEST(PipelineIntegrationTest, ExactlyOnceWithResendAndMalformed) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  const std::string prefix = UniquePrefix("eo");
  ASSERT_TRUE(
      kafka::EnsureTopics(env.kafka, kafka::PipelineTopics(prefix, 3)).ok());
  auto ingest = StartService(env, "newswire-ingest", prefix, "ingest");
  auto dedup = StartService(env, "newswire-dedup", prefix, "dedup");
  auto enrich = StartService(env, "newswire-enrich", prefix, "enrich");

  constexpr int kStories = 20;
  std::vector<v1::RawWire> raws;
  for (int i = 0; i < kStories; ++i) raws.push_back(MakeStory(i));
  raws.push_back(MakeStory(7));  // an exact re-send of story 7
  v1::RawWire empty;             // a malformed record: no payload
  empty.set_source("it");
  raws.push_back(empty);
  ASSERT_TRUE(PublishRaw(env.kafka, prefix + kafka::kRawTopic, raws).ok());
  // Bytes that are not a RawWire at all.
  ASSERT_TRUE(PublishBytes(env.kafka, prefix + kafka::kRawTopic, "garbage",
                           std::string("\xff\xfe\x00garbage", 10))
                  .ok());

  Outcome o = Collect(env, prefix, kStories, 1, 2);
  EXPECT_EQ(o.enriched.size(), static_cast<size_t>(kStories));
  for (const auto& [id, times] : o.enriched) {
    EXPECT_EQ(times, 1) << "article " << id << " delivered " << times
                        << " times";
  }
  ASSERT_EQ(o.duplicates.size(), 1u);
  EXPECT_EQ(o.duplicates[0].dedup().verdict(), v1::EXACT_DUPLICATE);
  EXPECT_EQ(o.enriched.count(o.duplicates[0].dedup().duplicate_of()), 1u)
      << "duplicate_of must name a delivered article";
  ASSERT_EQ(o.dead.size(), 2u);
  std::set<std::string> codes;
  for (const v1::DeadLetter& d : o.dead) {
    codes.insert(d.error_code());
    EXPECT_EQ(d.stage(), "ingest");
    EXPECT_FALSE(d.reason().empty());
    EXPECT_EQ(d.source_topic(), prefix + kafka::kRawTopic);
  }
  EXPECT_EQ(codes,
            (std::set<std::string>{"payload.empty", "raw.malformed_envelope"}));

  // SIGTERM stops every service cleanly (exit 0).
  for (auto* p : {ingest.get(), dedup.get(), enrich.get()}) {
    p->Signal(SIGTERM);
    auto code = p->Wait(absl::Seconds(60));
    ASSERT_TRUE(code.ok()) << code.status() << " see " << p->log_path();
    EXPECT_EQ(*code, 0) << "see " << p->log_path();
  }
}

TEST(PipelineIntegrationTest, EnrichKilledMidRunStillExactlyOnce) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  const std::string prefix = UniquePrefix("kill");
  constexpr int kStories = 3000;
  std::vector<v1::RawWire> raws;
  for (int i = 0; i < kStories; ++i) raws.push_back(MakeStory(100000 + i));
  // The whole backlog is on wire.raw before the services start.
  ASSERT_TRUE(
      kafka::EnsureTopics(env.kafka, kafka::PipelineTopics(prefix, 3)).ok());
  ASSERT_TRUE(PublishRaw(env.kafka, prefix + kafka::kRawTopic, raws).ok());
  auto ingest = StartService(env, "newswire-ingest", prefix, "ingest");
  auto dedup = StartService(env, "newswire-dedup", prefix, "dedup");
  auto enrich = StartService(env, "newswire-enrich", prefix, "enrich");

  // Wait until enrich has committed part of the run, then kill it hard.
  auto partial = ReadUntil(env.kafka, prefix + kafka::kEnrichedTopic, 300,
                           absl::Seconds(120), absl::ZeroDuration());
  ASSERT_TRUE(partial.ok()) << partial.status();
  ASSERT_GE(partial->size(), 300u);
  ASSERT_LT(partial->size(), static_cast<size_t>(kStories))
      << "the run finished before the kill; make it larger";
  enrich->Signal(SIGKILL);
  auto code = enrich->Wait(absl::Seconds(10));
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 128 + SIGKILL);

  // The same transactional id fences the dead instance's open transaction.
  auto restarted = StartService(env, "newswire-enrich", prefix, "enrich");
  Outcome o = Collect(env, prefix, kStories, 0, 0);
  EXPECT_EQ(o.enriched.size(), static_cast<size_t>(kStories));
  int doubled = 0;
  for (const auto& [id, times] : o.enriched) doubled += times != 1;
  EXPECT_EQ(doubled, 0) << "articles delivered more than once";
  EXPECT_TRUE(o.duplicates.empty());
  EXPECT_TRUE(o.dead.empty());
}

}  // namespace
}  // namespace newswire::testing
