#include "services/enrich/entity_summary.h"

#include "gtest/gtest.h"

namespace newswire::enrich {
namespace {

v1::Entity Mention(const std::string& text, const std::string& id,
                   const std::string& name, uint32_t begin, double score) {
  v1::Entity e;
  e.set_text(text);
  e.set_type(v1::PERSON);
  e.set_begin(begin);
  e.set_end(begin + static_cast<uint32_t>(text.size()));
  e.set_canonical_id(id);
  e.set_canonical_name(name);
  e.mutable_sentiment()->set_score(score);
  return e;
}

TEST(EntitySummaryTest, GroupsByCanonicalIdCountsAndRanksBySalience) {
  std::string body(1000, ' ');
  google::protobuf::RepeatedPtrField<v1::Entity> entities;
  *entities.Add() = Mention("Lavrov", "Q1", "Sergei Lavrov", 900, -0.4);
  *entities.Add() = Mention("Blinken", "Q2", "Antony Blinken", 10, 0.2);
  *entities.Add() = Mention("Sergei Lavrov", "Q1", "Sergei Lavrov", 500, -0.4);
  std::vector<v1::EntitySummary> s =
      SummarizeEntities("Lavrov warns the West", body, entities);
  ASSERT_EQ(s.size(), 2u);
  // Lavrov: 2 mentions + headline bonus outweighs Blinken's one early one.
  EXPECT_EQ(s[0].canonical_id(), "Q1");
  EXPECT_EQ(s[0].canonical_name(), "Sergei Lavrov");
  EXPECT_EQ(s[0].mentions(), 2u);
  EXPECT_EQ(s[0].first_begin(), 500u);
  EXPECT_DOUBLE_EQ(s[0].sentiment().score(), -0.4);
  EXPECT_EQ(s[1].canonical_id(), "Q2");
  EXPECT_EQ(s[1].mentions(), 1u);
  EXPECT_NEAR(s[0].salience() + s[1].salience(), 1.0, 1e-9);
  EXPECT_GT(s[0].salience(), s[1].salience());
}

TEST(EntitySummaryTest, EarlierMentionWeighsMore) {
  std::string body(1000, ' ');
  google::protobuf::RepeatedPtrField<v1::Entity> entities;
  *entities.Add() = Mention("A", "a", "A", 0, 0);
  *entities.Add() = Mention("B", "b", "B", 999, 0);
  std::vector<v1::EntitySummary> s = SummarizeEntities("", body, entities);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].canonical_id(), "a");
  EXPECT_NEAR(s[0].salience(), 1.0 / 1.5005, 1e-3);
}

TEST(EntitySummaryTest, EmptyInputGivesEmptySummary) {
  google::protobuf::RepeatedPtrField<v1::Entity> none;
  EXPECT_TRUE(SummarizeEntities("h", "", none).empty());
}

}  // namespace
}  // namespace newswire::enrich
