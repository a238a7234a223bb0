// The corpus keeps its promises: every format parses as itself, malformed
// records are rejected, and dedup groups the records exactly by story, one
// UNIQUE each, in sending order and in reverse.
#include "tools/storygen/wire_corpus.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/time/clock.h"
#include "common/time/proto_time.h"
#include "gtest/gtest.h"
#include "services/dedup/deduplicator.h"
#include "services/ingest/ingest.h"
#include "tools/storygen/story_generator.h"
#include "tools/storygen/wire_formats.h"

namespace newswire::storygen {
namespace {

TEST(WireFormatsTest, EveryFormatParsesAsItselfWithTheStoryText) {
  StoryParts story = GenerateStoryParts(7, 120);
  for (v1::WireFormat format : kWireFormats) {
    v1::RawWire raw;
    raw.set_payload(RenderWire(story, format, "story-7", 2));
    raw.set_source("t");
    auto article = ingest::IngestRaw(raw, ingest::IngestOptions());
    ASSERT_TRUE(article.ok()) << format << ": " << article.status();
    EXPECT_EQ(article->format(), format);
    EXPECT_EQ(article->headline(), story.headline) << format;
    EXPECT_NE(article->body().find("in 7."), std::string::npos) << format;
  }
}

// Story seed -> set of story ids dedup gave its records, and the number of
// UNIQUE verdicts among them.
struct Grouping {
  std::map<uint64_t, std::set<std::string>> story_ids;
  std::map<uint64_t, int> uniques;
  int rejected = 0;
};

Grouping Dedup(const std::vector<CorpusItem>& items) {
  Grouping g;
  auto dedup = dedup::Deduplicator::Create(dedup::DedupOptions());
  EXPECT_TRUE(dedup.ok());
  for (CorpusItem item : items) {
    ToProtoTime(absl::Now(), item.raw.mutable_received_time());
    auto article = ingest::IngestRaw(item.raw, ingest::IngestOptions());
    if (!article.ok()) {
      EXPECT_EQ(item.kind, "malformed") << article.status();
      ++g.rejected;
      continue;
    }
    EXPECT_NE(item.kind, "malformed") << item.raw.payload();
    EXPECT_EQ(article->format(), item.raw.format_hint());
    EXPECT_EQ(article->source(), item.raw.source());
    v1::DedupResult r = (*dedup)->Process(*article, nullptr);
    (*dedup)->Commit();
    g.story_ids[item.story].insert(r.story_id());
    if (r.verdict() == v1::UNIQUE) ++g.uniques[item.story];
  }
  return g;
}

TEST(WireCorpusTest, DedupGroupsByStoryWhateverTheOrder) {
  WireCorpusOptions options;
  options.count = 1500;
  options.seed = 11;
  std::vector<CorpusItem> items = GenerateWireCorpus(options);
  ASSERT_EQ(items.size(), 1500u);
  std::map<std::string, int> kinds;
  std::set<std::string> sources;
  for (const CorpusItem& item : items) {
    ++kinds[item.kind];
    sources.insert(item.raw.source());
  }
  EXPECT_EQ(sources.size(), items.size());  // one identifier per record
  EXPECT_NEAR(kinds["malformed"], 30, 20);
  EXPECT_NEAR(kinds["exact"] + kinds["near"] + kinds["update"], 450, 80);
  EXPECT_GT(kinds["update"], 50);

  for (bool reversed : {false, true}) {
    std::vector<CorpusItem> order = items;
    if (reversed) std::reverse(order.begin(), order.end());
    Grouping g = Dedup(order);
    EXPECT_EQ(g.rejected, kinds["malformed"]);
    std::set<std::string> all_ids;
    for (const auto& [story, ids] : g.story_ids) {
      EXPECT_EQ(ids.size(), 1u) << "story " << story << " split";
      EXPECT_EQ(g.uniques[story], 1) << "story " << story;
      all_ids.insert(ids.begin(), ids.end());
    }
    EXPECT_EQ(all_ids.size(), g.story_ids.size()) << "stories merged";
  }
}

}  // namespace
}  // namespace newswire::storygen
