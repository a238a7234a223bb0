// newswire-route as a process on the real broker: records on wire.enriched
// reach the wire.sub.<name> of each matching subscription; updates and kills
// follow their story (also across a restart, from wire.route-state); a
// changed subscriptions file is applied, a broken one is refused with the
// old set kept (and is a configuration error, exit 2, at start).
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "common/kafka/admin.h"
#include "gtest/gtest.h"
#include "tests/integration/harness.h"

namespace newswire::testing {
namespace {

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::trunc) << text;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

v1::EnrichedArticle Story(const std::string& story, int version,
                          const std::string& headline,
                          const std::string& entity = "") {
  v1::EnrichedArticle r;
  r.mutable_article()->set_id(story + "-v" + std::to_string(version));
  r.mutable_article()->set_headline(headline);
  r.mutable_article()->set_body("Body of " + story + ".");
  r.mutable_article()->set_language("en");
  r.mutable_dedup()->set_story_id(story);
  r.mutable_dedup()->set_story_version(version);
  r.mutable_dedup()->set_verdict(version == 1 ? v1::UNIQUE : v1::UPDATE);
  if (!entity.empty()) {
    v1::EntitySummary* e = r.add_entity_summary();
    e->set_canonical_id("id:" + entity);
    e->set_canonical_name(entity);
    e->set_type(v1::PERSON);
    e->set_mentions(1);
    e->mutable_sentiment()->set_score(-0.5);
  }
  return r;
}

v1::EnrichedArticle Kill(const std::string& story, int version) {
  v1::EnrichedArticle r = Story(story, version, "KILL");
  r.mutable_article()->set_pub_status(v1::PUB_STATUS_CANCELED);
  return r;
}

absl::Status Publish(const TestEnv& env, const std::string& topic,
                     const std::vector<v1::EnrichedArticle>& records) {
  for (const v1::EnrichedArticle& r : records) {
    absl::Status s = PublishBytes(env.kafka, topic, r.dedup().story_id(),
                                  r.SerializeAsString());
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

// Article ids on `topic`, after checking key and header of each record.
std::vector<std::string> Delivered(const TestEnv& env,
                                   const std::string& prefix,
                                   const std::string& name, size_t count) {
  std::vector<std::string> ids;
  auto records = ReadUntil(env.kafka, prefix + "wire.sub." + name, count,
                           absl::Seconds(60));
  EXPECT_TRUE(records.ok()) << records.status();
  if (!records.ok()) return ids;
  for (const kafka::OwnedRecord& r : *records) {
    v1::EnrichedArticle e;
    EXPECT_TRUE(e.ParseFromString(r.value));
    EXPECT_EQ(r.key, e.dedup().story_id());
    bool header = false;
    for (const auto& [k, v] : r.headers) {
      if (k == "newswire-subscription" && v == name) header = true;
    }
    EXPECT_TRUE(header) << "no subscription header on " << e.article().id();
    ids.push_back(e.article().id());
  }
  return ids;
}

using Ids = std::vector<std::string>;

constexpr char kSubs[] = R"(subscriptions:
  - name: korea-nuclear
    keywords: [nuclear]
  - name: lavrov-negative
    entities: ["Sergei Lavrov"]
    entity_sentiment_below: -0.1
)";

TEST(RouteIntegrationTest, MatchesFollowUpsReloadBadFileAndRestart) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  const std::string prefix = UniquePrefix("route");
  const std::string subs =
      absl::StrCat(::testing::TempDir(), "/", prefix, "subs.yaml");
  WriteFile(subs, kSubs);
  ASSERT_TRUE(
      kafka::EnsureTopics(env.kafka, kafka::PipelineTopics(prefix, 3)).ok());
  const std::vector<std::string> flags = {"--subscriptions=" + subs,
                                          "--reload_interval=100ms"};
  auto route = StartService(env, "newswire-route", prefix, "route", flags);
  const std::string in = prefix + "wire.enriched";

  // Matches; the update and the kill of story "a" no longer say "nuclear"
  // but follow it; "c" matches nothing.
  ASSERT_TRUE(Publish(env, in,
                      {Story("a", 1, "Nuclear talks"),
                       Story("b", 1, "Moscow", "Sergei Lavrov"),
                       Story("c", 1, "Weather"), Story("a", 2, "Talks end"),
                       Kill("a", 3)})
                  .ok());
  EXPECT_EQ(Delivered(env, prefix, "korea-nuclear", 3),
            (Ids{"a-v1", "a-v2", "a-v3"}));
  EXPECT_EQ(Delivered(env, prefix, "lavrov-negative", 1), Ids{"b-v1"});

  // Reload: a new subscription (its topic is created), the old ones kept.
  WriteFile(subs, std::string(kSubs) +
                      "  - name: weather\n    keywords: [weather]\n");
  absl::SleepFor(absl::Milliseconds(300));
  ASSERT_TRUE(Publish(env, in, {Story("d", 1, "Weather warning")}).ok());
  EXPECT_EQ(Delivered(env, prefix, "weather", 1), Ids{"d-v1"});

  // A broken file: refused, the previous set stays in force.
  WriteFile(subs, "subscriptions:\n  - name: weather\n    keywords: 7: 8\n");
  absl::SleepFor(absl::Milliseconds(300));
  ASSERT_TRUE(Publish(env, in, {Story("e", 1, "Weather and nuclear")}).ok());
  EXPECT_EQ(Delivered(env, prefix, "weather", 2), (Ids{"d-v1", "e-v1"}));
  EXPECT_TRUE(absl::StrContains(ReadAll(route->log_path()),
                                "keeping the previous 3 subscription(s)"))
      << ReadAll(route->log_path());

  // Restart with the broken file: a configuration error.
  route->Signal(SIGTERM);
  auto code = route->Wait(absl::Seconds(30));
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0);
  auto bad = StartService(env, "newswire-route", prefix, "route-bad", flags);
  code = bad->Wait(absl::Seconds(30));
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 2);
  EXPECT_TRUE(absl::StrContains(ReadAll(bad->log_path()), "line 3"))
      << ReadAll(bad->log_path());

  // Restart with a good file: the memory comes back from wire.route-state,
  // so the update of "b" (no Lavrov in it) still reaches lavrov-negative.
  WriteFile(subs, kSubs);
  auto again = StartService(env, "newswire-route", prefix, "route", flags);
  ASSERT_TRUE(Publish(env, in, {Story("b", 2, "Moscow update")}).ok());
  EXPECT_EQ(Delivered(env, prefix, "lavrov-negative", 2),
            (Ids{"b-v1", "b-v2"}));
  // Nothing went to the dead-letter topic.
  auto dead = ReadUntil(env.kafka, prefix + "wire.dlq", 0, absl::Seconds(1));
  ASSERT_TRUE(dead.ok());
  EXPECT_TRUE(dead->empty());
  again->Signal(SIGTERM);
  code = again->Wait(absl::Seconds(30));
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 0);
  ::unlink(subs.c_str());
}

}  // namespace
}  // namespace newswire::testing
