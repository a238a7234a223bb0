#include "services/dedup/deduplicator.h"

#include "gtest/gtest.h"

namespace newswire::dedup {
namespace {

v1::Article MakeArticle(const std::string& id, const std::string& body) {
  v1::Article a;
  a.set_id(id);
  a.set_body(body);
  return a;
}

TEST(DeduplicatorTest, ExactResendIsDuplicateOfFirst) {
  auto d = *Deduplicator::Create(DedupOptions());
  auto first = d->Process(MakeArticle("a1", "Storm hits the coast."), nullptr);
  EXPECT_EQ(first.verdict(), v1::UNIQUE);
  auto again =
      d->Process(MakeArticle("a2", "Storm  hits the\ncoast."), nullptr);
  EXPECT_EQ(again.verdict(), v1::EXACT_DUPLICATE);
  EXPECT_EQ(again.duplicate_of(), "a1");
  EXPECT_EQ(again.story_id(), first.story_id());
}

TEST(DeduplicatorTest, RollbackForgetsAndRestoreRemembers) {
  auto d = *Deduplicator::Create(DedupOptions());
  std::vector<StateRecord> state;
  d->Process(MakeArticle("a1", "One story."), &state);
  d->Rollback();
  EXPECT_EQ(d->size(), 0);
  auto fresh = *Deduplicator::Create(DedupOptions());
  for (const auto& s : state) ASSERT_TRUE(fresh->Restore(s.key, s.value).ok());
  auto again = fresh->Process(MakeArticle("a2", "One story."), nullptr);
  EXPECT_EQ(again.verdict(), v1::EXACT_DUPLICATE);
  EXPECT_EQ(again.duplicate_of(), "a1");
  EXPECT_FALSE(fresh->Restore("zz", "x").ok());
}

}  // namespace
}  // namespace newswire::dedup
