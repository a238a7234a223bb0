// newswire-route as a process on the real broker: records on wire.enriched
// reach the wire.sub.<name> of each matching subscription; updates and kills
// follow their story (also across a restart, from wire.route-state); a
// changed subscriptions file is applied, a broken one is refused with the
// old set kept (and is a configuration error, exit 2, at start). With
// several replicas, updates and kills follow their story while partitions
// move between replicas.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>
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

// What every subscription must have received: a record goes to the
// subscriptions it matches and to every subscription its story reached
// before, each exactly once.
class FollowUpModel {
 public:
  void Deliver(const v1::EnrichedArticle& r,
               const std::vector<std::string>& matches) {
    std::set<std::string>& reached = reached_[r.dedup().story_id()];
    reached.insert(matches.begin(), matches.end());
    for (const std::string& sub : reached) {
      expected_[sub].push_back(r.article().id());
    }
  }
  Ids Expected(const std::string& sub) const {
    auto it = expected_.find(sub);
    Ids ids = it == expected_.end() ? Ids{} : it->second;
    std::sort(ids.begin(), ids.end());
    return ids;
  }

 private:
  std::map<std::string, std::set<std::string>> reached_;
  std::map<std::string, Ids> expected_;
};

constexpr char kThreeSubs[] = R"(subscriptions:
  - name: nuclear
    keywords: [nuclear]
  - name: lavrov
    entities: ["Sergei Lavrov"]
    entity_sentiment_below: -0.1
  - name: weather
    keywords: [weather]
)";

// A record and the subscriptions it matches on its own.
using Delivery = std::pair<v1::EnrichedArticle, std::vector<std::string>>;

constexpr int kStories = 15;

// One version of each of the kStories stories, made by `make(i)`.
std::vector<Delivery> Versions(const std::function<Delivery(int)>& make) {
  std::vector<Delivery> out;
  out.reserve(kStories);
  for (int i = 0; i < kStories; ++i) out.push_back(make(i));
  return out;
}

bool LogSays(const ServiceProcess& p, const std::string& text) {
  return absl::StrContains(ReadAll(p.log_path()), text);
}

// Waits until the log of `p` shows that it was given partitions.
bool WaitAssigned(const ServiceProcess& p) {
  absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (absl::Now() < deadline) {
    if (LogSays(p, "assigned 1 partition") ||
        LogSays(p, "assigned 2 partition") ||
        LogSays(p, "assigned 3 partition")) {
      return true;
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  return false;
}

void Stop(ServiceProcess* p) {
  p->Signal(SIGTERM);
  auto code = p->Wait(absl::Seconds(30));
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0);
}

// Replicas in one group: the partitions (and with them the stories) move
// from one replica to another while stories are updated and killed. Every
// update and kill must reach exactly the subscriptions its story reached,
// whichever replica delivered the earlier versions.
TEST(RouteIntegrationTest, FollowUpsFollowPartitionsAcrossReplicas) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  const std::string prefix = UniquePrefix("route-replicas");
  const std::string subs =
      absl::StrCat(::testing::TempDir(), "/", prefix, "subs.yaml");
  WriteFile(subs, kThreeSubs);
  ASSERT_TRUE(
      kafka::EnsureTopics(env.kafka, kafka::PipelineTopics(prefix, 3)).ok());
  const std::string in = prefix + "wire.enriched";
  const std::vector<std::string> flags = {"--subscriptions=" + subs};
  FollowUpModel model;
  auto story = [](int i) { return absl::StrCat("s", i); };
  // Publishes `records` (each with the subscriptions it matches on its own)
  // and checks every subscription topic against the model.
  auto publish_and_check = [&](const std::vector<Delivery>& records) {
    std::vector<v1::EnrichedArticle> batch;
    batch.reserve(records.size());
    for (const auto& [r, matches] : records) {
      model.Deliver(r, matches);
      batch.push_back(r);
    }
    ASSERT_TRUE(Publish(env, in, batch).ok());
    for (const char* sub : {"nuclear", "lavrov", "weather"}) {
      Ids want = model.Expected(sub);
      Ids got = Delivered(env, prefix, sub, want.size());
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, want) << "subscription " << sub;
    }
  };

  // Two replicas share the partitions before any story arrives, so each
  // one delivers the first versions of the stories of its own partitions.
  auto a = StartService(env, "newswire-route", prefix, "route-a", flags);
  ASSERT_TRUE(WaitAssigned(*a)) << ReadAll(a->log_path());
  auto b = StartService(env, "newswire-route", prefix, "route-b", flags);
  ASSERT_TRUE(WaitAssigned(*b)) << ReadAll(b->log_path());
  publish_and_check(Versions([&](int i) -> Delivery {
    switch (i % 4) {
      case 0:
        return {Story(story(i), 1, "Nuclear talks"), {"nuclear"}};
      case 1:
        return {Story(story(i), 1, "Moscow", "Sergei Lavrov"), {"lavrov"}};
      case 2:
        return {Story(story(i), 1, "Nuclear plant weather"),
                {"nuclear", "weather"}};
      default:
        return {Story(story(i), 1, "Markets"), {}};
    }
  }));

  // Replica a leaves: b owns every partition, including stories only a
  // delivered. Updates that match nothing still reach their subscriptions.
  Stop(a.get());
  publish_and_check(Versions([&](int i) -> Delivery {
    return {Story(story(i), 2, "Talks continue"), {}};
  }));

  // A third replica takes partitions from b; the stories there gain the
  // weather subscription while c owns them.
  auto c = StartService(env, "newswire-route", prefix, "route-c", flags);
  ASSERT_TRUE(WaitAssigned(*c)) << ReadAll(c->log_path());
  publish_and_check(Versions([&](int i) -> Delivery {
    return {Story(story(i), 3, "Weather turns"), {"weather"}};
  }));

  // c leaves: its partitions go back to b, which must know what c
  // delivered there. The kills match nothing and follow every story.
  Stop(c.get());
  publish_and_check(Versions([&](int i) -> Delivery {
    return {Kill(story(i), 4), {}};
  }));
  auto dead = ReadUntil(env.kafka, prefix + "wire.dlq", 0, absl::Seconds(1));
  ASSERT_TRUE(dead.ok());
  EXPECT_TRUE(dead->empty());
  Stop(b.get());
  ::unlink(subs.c_str());
}

}  // namespace
}  // namespace newswire::testing
