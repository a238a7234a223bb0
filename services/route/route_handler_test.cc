#include "services/route/route_handler.h"

#include <unistd.h>

#include <fstream>

#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"
#include "services/route/test_records.h"

namespace newswire::route {
namespace {

using testing::MakeRecord;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/route_handler_test_" +
         std::to_string(::getpid()) + "_" + name;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::trunc) << text;
}

struct Fixture {
  explicit Fixture(const std::string& yaml) : path(TempPath("subs.yaml")) {
    WriteFile(path, yaml);
    auto f = SubscriptionFile::Open(path, absl::ZeroDuration());
    EXPECT_TRUE(f.ok()) << f.status();
    file = *std::move(f);
    auto m = SubscriptionMatcher::Create(file->initial());
    EXPECT_TRUE(m.ok());
    router = std::make_unique<Router>(*std::move(m), 1000);
    metrics = std::make_unique<RouteMetrics>(registry);
    handler = std::make_unique<RouteHandler>(router.get(), file.get(),
                                             RouteTopics{"p.wire.sub.", "st"},
                                             metrics.get());
  }
  ~Fixture() { ::unlink(path.c_str()); }

  std::vector<kafka::OutputRecord> Handle(const v1::EnrichedArticle& r,
                                          int32_t partition = 0) {
    std::string value = r.SerializeAsString();
    kafka::InputRecord in;
    in.partition = partition;
    in.key = r.dedup().story_id();
    in.value = value;
    std::vector<kafka::OutputRecord> out;
    absl::Status s = handler->Handle(in, &out);
    EXPECT_TRUE(s.ok()) << s;
    return out;
  }
  std::string Metrics() {
    return prometheus::TextSerializer().Serialize(registry.Collect());
  }

  std::string path;
  std::unique_ptr<SubscriptionFile> file;
  std::unique_ptr<Router> router;
  prometheus::Registry registry;
  std::unique_ptr<RouteMetrics> metrics;
  std::unique_ptr<RouteHandler> handler;
};

constexpr char kSubs[] = R"(
subscriptions:
  - name: korea-nuclear
    keywords: [nuclear]
)";

std::vector<std::string> Topics(const std::vector<kafka::OutputRecord>& out) {
  std::vector<std::string> t;
  for (const auto& o : out) t.push_back(o.topic);
  return t;
}

TEST(RouteHandlerTest, OneCopyPerSubscriptionWithKeyHeaderAndState) {
  Fixture f(kSubs);
  auto r = MakeRecord("story-1", "Nuclear talks", "Body.");
  auto out = f.Handle(r);
  ASSERT_EQ(Topics(out),
            (std::vector<std::string>{"p.wire.sub.korea-nuclear", "st"}));
  EXPECT_EQ(out[0].key, "story-1");
  EXPECT_EQ(out[0].value, r.SerializeAsString());
  ASSERT_EQ(out[0].headers.size(), 1u);
  EXPECT_EQ(out[0].headers[0].first, kSubscriptionHeader);
  EXPECT_EQ(out[0].headers[0].second, "korea-nuclear");
  EXPECT_EQ(out[1].key, "story-1");
  EXPECT_EQ(out[1].value, "korea-nuclear");
  f.handler->OnCommit();
  EXPECT_NE(f.Metrics().find("newswire_route_deliveries_total{subscription="
                             "\"korea-nuclear\"} 1"),
            std::string::npos)
      << f.Metrics();

  // The update: delivered, but the state is unchanged so not written again.
  out = f.Handle(MakeRecord("story-1", "Talks", "Update."));
  EXPECT_EQ(Topics(out), std::vector<std::string>{"p.wire.sub.korea-nuclear"});
  EXPECT_TRUE(f.Handle(MakeRecord("story-2", "Sport", "x")).empty());
}

TEST(RouteHandlerTest, AbortRollsBackTheFollowUpMemory) {
  Fixture f(kSubs);
  f.Handle(MakeRecord("story-1", "Nuclear talks", "Body."));
  f.handler->OnAbort();
  EXPECT_TRUE(f.Handle(MakeRecord("story-1", "Talks", "Update.")).empty());
  f.handler->OnCommit();
  EXPECT_NE(f.Metrics().find("newswire_route_deliveries_total{subscription="
                             "\"korea-nuclear\"} 0"),
            std::string::npos);
}

TEST(RouteHandlerTest, ReloadAppliesAGoodFileAndKeepsTheOldSetOnABadOne) {
  Fixture f(kSubs);
  std::vector<std::string> created;
  f.handler->set_ensure_topics([&](const std::vector<std::string>& names) {
    created = names;
    return absl::OkStatus();
  });
  WriteFile(f.path, "subscriptions:\n  - name: oil\n    keywords: [oil]\n");
  EXPECT_TRUE(f.handler->MaybeReload(absl::Now()));
  EXPECT_EQ(created, std::vector<std::string>{"oil"});
  EXPECT_EQ(Topics(f.Handle(MakeRecord("s", "Oil", "x"))),
            (std::vector<std::string>{"p.wire.sub.oil", "st"}));

  // A broken file (different size, so it is seen to change): old set stays.
  WriteFile(f.path, "subscriptions:\n  - name: Bad!\n");
  EXPECT_FALSE(f.handler->MaybeReload(absl::Now()));
  EXPECT_EQ(Topics(f.Handle(MakeRecord("s2", "Oil", "x"))),
            (std::vector<std::string>{"p.wire.sub.oil", "st"}));
  EXPECT_NE(
      f.Metrics().find("newswire_route_reloads_total{result=\"error\"} 1"),
      std::string::npos);

  // Topic creation fails: old set stays, and the file is tried again.
  f.handler->set_ensure_topics([](const std::vector<std::string>&) {
    return absl::UnavailableError("broker down");
  });
  WriteFile(f.path, kSubs);
  EXPECT_FALSE(f.handler->MaybeReload(absl::Now()));
  f.handler->set_ensure_topics(nullptr);
  EXPECT_TRUE(f.handler->MaybeReload(absl::Now()));
  EXPECT_EQ(Topics(f.Handle(MakeRecord("s3", "Nuclear", "x"))),
            (std::vector<std::string>{"p.wire.sub.korea-nuclear", "st"}));
}

TEST(RouteHandlerTest, RestoredStateMakesUpdatesFollow) {
  Fixture f(kSubs);
  f.handler->RestoreState("story-7", "korea-nuclear,gone");
  EXPECT_EQ(Topics(f.Handle(MakeRecord("story-7", "Update", "x"))),
            std::vector<std::string>{"p.wire.sub.korea-nuclear"});
}

TEST(RouteHandlerTest, StateRecordGoesToTheInputRecordsPartition) {
  Fixture f(kSubs);
  std::vector<kafka::OutputRecord> out =
      f.Handle(MakeRecord("story-1", "Nuclear talks", "Body."), 2);
  ASSERT_EQ(Topics(out),
            (std::vector<std::string>{"p.wire.sub.korea-nuclear", "st"}));
  EXPECT_EQ(out[0].partition, kafka::kAnyPartition);
  EXPECT_EQ(out[1].partition, 2);
}

TEST(RouteHandlerTest, AssignLoadsAndRevokeForgetsThePartitionsMemory) {
  Fixture f(kSubs);
  // Delivered while this instance owned partition 1 before: stale once the
  // partition comes back, the state topic decides.
  f.Handle(MakeRecord("stale", "Nuclear", "x"), 1);
  f.Handle(MakeRecord("kept", "Nuclear", "x"), 0);
  f.handler->OnCommit();
  std::vector<int32_t> asked;
  f.handler->set_state_loader([&](const std::vector<int32_t>& partitions,
                                  const RouteHandler::StateSink& sink) {
    asked = partitions;
    kafka::OwnedRecord r;
    r.partition = 1;
    r.key = "story-7";
    r.value = "korea-nuclear";
    return sink(r);
  });
  ASSERT_TRUE(f.handler->OnAssigned({1}).ok());
  EXPECT_EQ(asked, std::vector<int32_t>{1});
  EXPECT_EQ(Topics(f.Handle(MakeRecord("story-7", "Update", "x"), 1)),
            std::vector<std::string>{"p.wire.sub.korea-nuclear"});
  EXPECT_TRUE(f.Handle(MakeRecord("stale", "Update", "x"), 1).empty());
  f.handler->OnCommit();
  EXPECT_NE(f.Metrics().find("newswire_route_state_loads_total 1"),
            std::string::npos);
  EXPECT_NE(f.Metrics().find("newswire_route_stories_remembered 2"),
            std::string::npos);

  // Revoked: its stories are forgotten, the others' kept.
  f.handler->OnRevoked({1});
  EXPECT_TRUE(f.Handle(MakeRecord("story-7", "Update", "x"), 1).empty());
  EXPECT_EQ(Topics(f.Handle(MakeRecord("kept", "Update", "x"), 0)),
            std::vector<std::string>{"p.wire.sub.korea-nuclear"});
  EXPECT_NE(f.Metrics().find("newswire_route_stories_remembered 1"),
            std::string::npos);
}

TEST(RouteHandlerTest, FailedLoadIsReportedAndLeavesNothingHalfLoaded) {
  Fixture f(kSubs);
  f.handler->set_state_loader(
      [](const std::vector<int32_t>&, const RouteHandler::StateSink& sink) {
        kafka::OwnedRecord r;
        r.partition = 0;
        r.key = "story-7";
        r.value = "korea-nuclear";
        absl::Status s = sink(r);
        if (!s.ok()) return s;
        return absl::UnavailableError("broker down");
      });
  EXPECT_EQ(f.handler->OnAssigned({0}).code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(f.Handle(MakeRecord("story-7", "Update", "x"), 0).empty());
}

TEST(RouteHandlerTest, MalformedRecordIsRejectedWithReason) {
  Fixture f(kSubs);
  kafka::InputRecord in;
  in.value = "\xff\xff not a proto";
  std::vector<kafka::OutputRecord> out;
  EXPECT_EQ(ReasonOf(f.handler->Handle(in, &out)), "enriched.malformed");
}

}  // namespace
}  // namespace newswire::route
