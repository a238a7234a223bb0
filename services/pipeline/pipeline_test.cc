#include "services/pipeline/pipeline.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status/reason.h"
#include "gtest/gtest.h"

namespace newswire::pipeline {
namespace {

constexpr const char* kStories[] = {
    "Crews on the three island ferry routes voted on Thursday to strike for "
    "48 hours next week over new rosters.",
    "The old town library reopened on Thursday after eight months of repairs "
    "to its slate roof; opening hours are unchanged.",
    "Boats landed more cod and haddock at the harbour market this autumn "
    "than in any season on record, traders said.",
};

// A newsMessage holding one newsItem per entry of `guids`, each telling the
// story of the same index in kStories (modulo 3); `empty` (1-based) has no
// text at all.
v1::RawWire Message(const std::vector<std::string>& guids, int empty = 0) {
  std::string xml = "<newsMessage><itemSet>";
  for (size_t i = 0; i < guids.size(); ++i) {
    absl::StrAppend(&xml, "<newsItem guid=\"", guids[i], "\" version=\"1\">");
    if (static_cast<int>(i) + 1 != empty) {
      absl::StrAppend(&xml, "<contentMeta><headline>Story ", i % 3,
                      "</headline></contentMeta><contentSet><inlineData>",
                      kStories[i % 3], "</inlineData></contentSet>");
    }
    xml += "</newsItem>";
  }
  v1::RawWire raw;
  raw.set_payload(xml + "</itemSet></newsMessage>");
  raw.set_source("pipeline-test");
  return raw;
}

std::unique_ptr<Pipeline> MakePipeline() {
  absl::StatusOr<std::unique_ptr<Pipeline>> p =
      Pipeline::Create(PipelineOptions());
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *std::move(p) : nullptr;
}

TEST(PipelineTest, EveryItemOfAMessageIsDedupedAndEnrichedInOrder) {
  std::unique_ptr<Pipeline> pipeline = MakePipeline();
  ASSERT_NE(pipeline, nullptr);
  absl::StatusOr<std::vector<v1::EnrichedArticle>> records =
      pipeline->ProcessAll(Message({"g:a", "g:b", "g:c"}));
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    const v1::EnrichedArticle& r = (*records)[i];
    EXPECT_EQ(r.article().headline(), absl::StrCat("Story ", i));
    EXPECT_EQ(r.dedup().verdict(), v1::UNIQUE);
    EXPECT_TRUE(r.has_sentiment());  // enriched
  }
}

TEST(PipelineTest, SiblingsAreDedupedAgainstEachOther) {
  std::unique_ptr<Pipeline> pipeline = MakePipeline();
  ASSERT_NE(pipeline, nullptr);
  // Item 4 retransmits item 1 (same guid, version and text).
  absl::StatusOr<std::vector<v1::EnrichedArticle>> records =
      pipeline->ProcessAll(Message({"g:a", "g:b", "g:c", "g:a"}));
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 4u);
  EXPECT_EQ((*records)[0].dedup().verdict(), v1::UNIQUE);
  EXPECT_EQ((*records)[3].article().id(), (*records)[0].article().id());
  EXPECT_EQ((*records)[3].dedup().verdict(), v1::EXACT_DUPLICATE);
}

TEST(PipelineTest, FailuresLeaveDedupUntouched) {
  std::unique_ptr<Pipeline> pipeline = MakePipeline();
  ASSERT_NE(pipeline, nullptr);
  absl::Status bad =
      pipeline->ProcessAll(Message({"g:a", "g:b", "g:c"}, /*empty=*/2))
          .status();
  EXPECT_EQ(ReasonOf(bad), "article.no_text");
  EXPECT_NE(bad.message().find("item 2 of 3"), absl::string_view::npos);
  // The single-article form refuses a package instead of keeping one item.
  EXPECT_EQ(ReasonOf(pipeline->Process(Message({"g:a", "g:b"})).status()),
            "ingest.several_articles");
  // Neither call let dedup see item 1.
  absl::StatusOr<v1::EnrichedArticle> one = pipeline->Process(Message({"g:a"}));
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->dedup().verdict(), v1::UNIQUE);
}

}  // namespace
}  // namespace newswire::pipeline
