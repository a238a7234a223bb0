// newswire-dedup on the real broker: SIGKILLed in the middle of a run and
// restarted, it rebuilds its index from wire.dedup-state and gives every
// article the same verdict, story id and story version as an instance that
// never stopped — and every article appears exactly once on wire.unique or
// wire.duplicates (read_committed).
#include <signal.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/kafka/admin.h"
#include "common/kafka/topics.h"
#include "gtest/gtest.h"
#include "tests/integration/harness.h"
#include "tools/storygen/story_generator.h"

namespace newswire::testing {
namespace {

constexpr int kStories = 30;
constexpr int64_t kStart = 1'700'000'000;

v1::Article StoryArticle(const std::string& id, int seed,
                         std::vector<std::string> paragraphs, int64_t time) {
  v1::Article a;
  a.set_id(id);
  a.set_source("it");
  a.set_headline(absl::StrCat("Story ", seed));
  a.set_body(absl::StrJoin(paragraphs, "\n\n"));
  a.mutable_published_time()->set_seconds(time);
  return a;
}

// Base stories, each followed (a few articles later) by an exact resend, a
// copy without its lead and a longer update; published in this order.
std::vector<v1::Article> Articles() {
  std::vector<v1::Article> out;
  std::vector<std::vector<std::string>> bodies;
  for (int i = 0; i < kStories; ++i) {
    std::vector<std::string> p = absl::StrSplit(
        storygen::GenerateStory(1000 + i, 260), "\n\n", absl::SkipWhitespace());
    bodies.push_back(p);
  }
  int64_t t = kStart;
  for (int i = 0; i < kStories + 3; ++i) {
    if (i < kStories) {
      out.push_back(StoryArticle(absl::StrCat("base-", i), i, bodies[i], ++t));
    }
    if (i >= 1 && i - 1 < kStories) {  // resend of the previous story
      out.push_back(StoryArticle(absl::StrCat("resend-", i - 1), i - 1,
                                 bodies[i - 1], ++t));
    }
    if (i >= 2 && i - 2 < kStories) {  // lead dropped
      std::vector<std::string> p(bodies[i - 2].begin() + 1,
                                 bodies[i - 2].end());
      out.push_back(
          StoryArticle(absl::StrCat("nolead-", i - 2), i - 2, p, ++t));
    }
    if (i >= 3 && i - 3 < kStories) {  // a longer update
      std::vector<std::string> p = bodies[i - 3];
      for (absl::string_view extra :
           absl::StrSplit(storygen::GenerateStory(5000 + i, 110), "\n\n",
                          absl::SkipWhitespace())) {
        p.emplace_back(extra);
      }
      out.push_back(
          StoryArticle(absl::StrCat("update-", i - 3), i - 3, p, ++t));
    }
  }
  return out;
}

absl::Status Publish(const TestEnv& env, const std::string& topic,
                     const std::vector<v1::Article>& articles, size_t from,
                     size_t to) {
  for (size_t i = from; i < to; ++i) {
    // One key: one partition, so both runs see the same order.
    absl::Status s = PublishBytes(env.kafka, topic, "dedup-it",
                                  articles[i].SerializeAsString());
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

// Article id -> every DedupResult seen for it on unique and duplicates.
std::map<std::string, std::vector<v1::DedupResult>> Collect(
    const TestEnv& env, const std::string& prefix, size_t expected) {
  std::map<std::string, std::vector<v1::DedupResult>> out;
  size_t unique_count = 0;
  for (const auto& a : Articles()) {
    unique_count += absl::StartsWith(a.id(), "base-") ? 1 : 0;
  }
  for (const char* topic : {kafka::kUniqueTopic, kafka::kDuplicatesTopic}) {
    const size_t want = std::string(topic) == kafka::kUniqueTopic
                            ? 2 * unique_count  // bases and updates
                            : expected - 2 * unique_count;
    auto records =
        ReadUntil(env.kafka, prefix + topic, want, absl::Seconds(120));
    EXPECT_TRUE(records.ok()) << records.status();
    if (!records.ok()) continue;
    for (const auto& r : *records) {
      v1::EnrichedArticle e;
      EXPECT_TRUE(e.ParseFromString(r.value));
      out[e.article().id()].push_back(e.dedup());
    }
  }
  return out;
}

TEST(DedupRestartTest, KilledAndRestartedGivesIdenticalVerdicts) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  const std::vector<v1::Article> articles = Articles();
  const size_t half = articles.size() / 2;

  // The reference: one instance that never stops.
  const std::string ref = UniquePrefix("dedup-ref");
  ASSERT_TRUE(
      kafka::EnsureTopics(env.kafka, kafka::PipelineTopics(ref, 1)).ok());
  auto reference = StartService(env, "newswire-dedup", ref, "dedup");
  ASSERT_TRUE(
      Publish(env, ref + kafka::kArticlesTopic, articles, 0, articles.size())
          .ok());
  auto expected = Collect(env, ref, articles.size());
  reference->Signal(SIGTERM);
  EXPECT_TRUE(reference->Wait(absl::Seconds(30)).ok());

  // The same input, with a SIGKILL after part of the first half is out.
  const std::string run = UniquePrefix("dedup-kill");
  ASSERT_TRUE(
      kafka::EnsureTopics(env.kafka, kafka::PipelineTopics(run, 1)).ok());
  auto first = StartService(env, "newswire-dedup", run, "dedup");
  ASSERT_TRUE(
      Publish(env, run + kafka::kArticlesTopic, articles, 0, half).ok());
  auto some = ReadUntil(env.kafka, run + kafka::kUniqueTopic, kStories / 3,
                        absl::Seconds(60), absl::ZeroDuration());
  ASSERT_TRUE(some.ok()) << some.status();
  first->Signal(SIGKILL);
  auto code = first->Wait(absl::Seconds(30));
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(*code, 128 + SIGKILL);
  // The restart reuses the transactional id (same prefix and stage), so it
  // fences and aborts whatever the killed instance left open.
  auto second = StartService(env, "newswire-dedup", run, "dedup");
  ASSERT_TRUE(
      Publish(env, run + kafka::kArticlesTopic, articles, half, articles.size())
          .ok());
  auto got = Collect(env, run, articles.size());
  second->Signal(SIGTERM);
  EXPECT_TRUE(second->Wait(absl::Seconds(30)).ok());

  ASSERT_EQ(expected.size(), articles.size());
  ASSERT_EQ(got.size(), articles.size());
  int updates = 0, near = 0, exact = 0;
  for (const auto& a : articles) {
    ASSERT_EQ(expected[a.id()].size(), 1u) << a.id();
    ASSERT_EQ(got[a.id()].size(), 1u) << a.id() << " not exactly once";
    const v1::DedupResult& e = expected[a.id()][0];
    const v1::DedupResult& g = got[a.id()][0];
    EXPECT_EQ(g.verdict(), e.verdict()) << a.id();
    EXPECT_EQ(g.story_id(), e.story_id()) << a.id();
    EXPECT_EQ(g.duplicate_of(), e.duplicate_of()) << a.id();
    EXPECT_EQ(g.story_version(), e.story_version()) << a.id();
    EXPECT_DOUBLE_EQ(g.similarity(), e.similarity()) << a.id();
    const v1::Verdict want =
        absl::StartsWith(a.id(), "base-")     ? v1::UNIQUE
        : absl::StartsWith(a.id(), "resend-") ? v1::EXACT_DUPLICATE
        : absl::StartsWith(a.id(), "nolead-") ? v1::NEAR_DUPLICATE
                                              : v1::UPDATE;
    EXPECT_EQ(e.verdict(), want) << a.id() << " " << e.ShortDebugString();
    updates += e.verdict() == v1::UPDATE;
    near += e.verdict() == v1::NEAR_DUPLICATE;
    exact += e.verdict() == v1::EXACT_DUPLICATE;
  }
  // The reference itself must have recognized the copies.
  EXPECT_EQ(exact, kStories);
  EXPECT_EQ(near, kStories);
  EXPECT_EQ(updates, kStories);
}

}  // namespace
}  // namespace newswire::testing
