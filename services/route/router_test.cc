#include "services/route/router.h"

#include "gtest/gtest.h"
#include "services/route/test_records.h"

namespace newswire::route {
namespace {

using testing::MakeRecord;
using Names = std::vector<std::string>;

std::unique_ptr<const SubscriptionMatcher> Matcher(const std::string& yaml) {
  auto subs = ParseSubscriptions(yaml);
  EXPECT_TRUE(subs.ok()) << subs.status();
  auto m = SubscriptionMatcher::Create(*subs);
  EXPECT_TRUE(m.ok()) << m.status();
  return *std::move(m);
}

constexpr char kSubs[] = R"(
subscriptions:
  - name: korea-nuclear
    keywords: [nuclear]
  - name: lavrov
    entities: ["Sergei Lavrov"]
)";

TEST(RouterTest, UpdatesAndKillsFollowTheStory) {
  Router router(Matcher(kSubs), 100);
  RouteDecision d =
      router.Route(MakeRecord("story-1", "Nuclear talks", "First version."));
  EXPECT_EQ(d.subscriptions, Names{"korea-nuclear"});
  EXPECT_EQ(d.follow_ups, 0);
  EXPECT_TRUE(d.memory_changed);
  router.Commit();

  // The update no longer says "nuclear": it still goes there.
  auto update = MakeRecord("story-1", "Talks end", "Second version.");
  update.mutable_dedup()->set_verdict(v1::UPDATE);
  d = router.Route(update);
  EXPECT_EQ(d.subscriptions, Names{"korea-nuclear"});
  EXPECT_EQ(d.follow_ups, 1);
  EXPECT_FALSE(d.memory_changed);

  // Now it mentions Lavrov too: both.
  auto update2 = MakeRecord("story-1", "Talks end", "Lavrov left.",
                            {{"Q1", "Sergei Lavrov", 0}});
  d = router.Route(update2);
  EXPECT_EQ(d.subscriptions, (Names{"lavrov", "korea-nuclear"}));
  EXPECT_TRUE(d.memory_changed);
  router.Commit();

  auto kill = MakeRecord("story-1", "KILL", "Withdrawn.");
  kill.mutable_article()->set_pub_status(v1::PUB_STATUS_CANCELED);
  d = router.Route(kill);
  EXPECT_EQ(d.subscriptions, (Names{"korea-nuclear", "lavrov"}));
  EXPECT_EQ(d.follow_ups, 2);

  // Another story that matches nothing goes nowhere.
  d = router.Route(MakeRecord("story-2", "Weather", "Sunny."));
  EXPECT_TRUE(d.subscriptions.empty());
}

TEST(RouterTest, RollbackForgetsDeliveriesOfTheAbortedTransaction) {
  Router router(Matcher(kSubs), 100);
  router.Route(MakeRecord("story-1", "Nuclear talks", "v1"));
  router.Rollback();
  RouteDecision d = router.Route(MakeRecord("story-1", "Talks", "v2"));
  EXPECT_TRUE(d.subscriptions.empty());
  EXPECT_EQ(router.memory().size(), 0u);

  router.Route(MakeRecord("story-1", "Nuclear talks", "v1"));
  router.Commit();
  router.Route(
      MakeRecord("story-1", "Lavrov", "v2", {{"Q1", "Sergei Lavrov", 0}}));
  router.Rollback();
  EXPECT_EQ(router.memory().Lookup("story-1"), Names{"korea-nuclear"});
}

TEST(RouterTest, ReloadKeepsMemoryByNameAndDropsRemovedSubscriptions) {
  Router router(Matcher(kSubs), 100);
  router.Route(
      MakeRecord("story-1", "Nuclear", "v1", {{"Q1", "Sergei Lavrov", 0}}));
  router.Commit();
  router.SetMatcher(Matcher(R"(
subscriptions:
  - name: lavrov
    entities: ["Nobody"]
  - name: new-one
    keywords: [never]
)"));
  RouteDecision d = router.Route(MakeRecord("story-1", "Update", "v2"));
  EXPECT_EQ(d.subscriptions, Names{"lavrov"});
}

TEST(RouterTest, MemoryIsBoundedLeastRecentlyDeliveredFirst) {
  Router router(Matcher(kSubs), 2);
  for (const char* story : {"a", "b", "c"}) {
    router.Route(MakeRecord(story, "Nuclear", "v1"));
    router.Commit();
    if (std::string(story) == "b") {
      // Refresh "a": "b" becomes the oldest.
      router.Route(MakeRecord("a", "x", "v2"));
      router.Commit();
    }
  }
  EXPECT_EQ(router.memory().size(), 2u);
  EXPECT_TRUE(router.memory().Lookup("b").empty());
  EXPECT_EQ(router.memory().Lookup("a"), Names{"korea-nuclear"});
  EXPECT_EQ(router.memory().Lookup("c"), Names{"korea-nuclear"});
}

TEST(RouterTest, MemoryForgetsTheStoriesOfRevokedPartitions) {
  Router router(Matcher(kSubs), 100);
  router.Route(MakeRecord("a", "Nuclear", "v1"), /*partition=*/0);
  router.Route(MakeRecord("b", "Nuclear", "v1"), /*partition=*/1);
  router.Commit();
  router.Route(MakeRecord("c", "Nuclear", "v1"), /*partition=*/1);
  router.memory().Restore("d", {"lavrov"}, /*partition=*/2);
  EXPECT_EQ(router.memory().Forget({1, 2}), 2u);  // b and d
  EXPECT_TRUE(router.memory().Lookup("b").empty());
  EXPECT_TRUE(router.memory().Lookup("c").empty());  // pending, dropped too
  EXPECT_TRUE(router.memory().Lookup("d").empty());
  EXPECT_EQ(router.memory().Lookup("a"), Names{"korea-nuclear"});
  router.Commit();
  EXPECT_EQ(router.memory().size(), 1u);
}

TEST(RouterTest, StateEncodingRoundTripsAndRestores) {
  Names subs = {"a", "b-2"};
  EXPECT_EQ(Router::DecodeState(Router::EncodeState(subs)), subs);
  EXPECT_TRUE(Router::DecodeState("").empty());
  Router router(Matcher(kSubs), 10);
  router.memory().Restore("story-9", {"lavrov"});
  RouteDecision d = router.Route(MakeRecord("story-9", "x", "y"));
  EXPECT_EQ(d.subscriptions, Names{"lavrov"});
  router.memory().Restore("story-9", {});
  router.Rollback();
  EXPECT_TRUE(router.memory().Lookup("story-9").empty());
}

}  // namespace
}  // namespace newswire::route
