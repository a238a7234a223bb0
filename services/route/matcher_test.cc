#include "services/route/matcher.h"

#include "gtest/gtest.h"
#include "services/route/test_records.h"

namespace newswire::route {
namespace {

using testing::MakeRecord;

// Names of the subscriptions (given as YAML) that `record` matches, checked
// to be the same through the index and naively.
std::vector<std::string> MatchYaml(const std::string& yaml,
                                   const v1::EnrichedArticle& record) {
  auto subs = ParseSubscriptions(yaml);
  EXPECT_TRUE(subs.ok()) << subs.status();
  auto m = SubscriptionMatcher::Create(*subs);
  EXPECT_TRUE(m.ok()) << m.status();
  RecordView view(record);
  std::vector<int> indexed, naive;
  (*m)->Match(view, &indexed);
  (*m)->MatchNaive(view, &naive);
  EXPECT_EQ(indexed, naive);
  std::vector<std::string> names;
  for (int i : indexed) names.push_back((*m)->subscription(i).name);
  return names;
}

bool Matches(const std::string& conditions, const v1::EnrichedArticle& r) {
  return !MatchYaml("subscriptions:\n  - name: s\n" + conditions, r).empty();
}

using Names = std::vector<std::string>;

TEST(MatcherTest, EntitiesByCanonicalIdOrNameCaseInsensitive) {
  auto r = MakeRecord("s1", "Talks", "Lavrov spoke.",
                      {{"Q1", "Sergei Lavrov", -0.5}});
  EXPECT_TRUE(Matches("    entities: [\"Sergei Lavrov\"]\n", r));
  EXPECT_TRUE(Matches("    entities: [\"sergei lavrov\"]\n", r));
  EXPECT_TRUE(Matches("    entities: [Q1]\n", r));
  EXPECT_TRUE(Matches("    entities: [Nobody, Q1]\n", r));
  EXPECT_FALSE(Matches("    entities: [Q2]\n", r));
  EXPECT_FALSE(Matches("    entities: [Lavrov]\n", r));
}

TEST(MatcherTest, EntitySentimentBelowLooksAtThatEntity) {
  auto r = MakeRecord(
      "s1", "Talks", "Lavrov and Blinken.",
      {{"Q1", "Sergei Lavrov", -0.5}, {"Q2", "Antony Blinken", 0.4}});
  EXPECT_TRUE(
      Matches("    entities: [Q1]\n    entity_sentiment_below: -0.1\n", r));
  EXPECT_FALSE(
      Matches("    entities: [Q2]\n    entity_sentiment_below: -0.1\n", r));
  EXPECT_TRUE(
      Matches("    entities: [Q2, Q1]\n    entity_sentiment_below: -0.1\n", r));
  EXPECT_FALSE(
      Matches("    entities: [Q1]\n    entity_sentiment_below: -0.5\n", r));
}

TEST(MatcherTest, KeywordsAreWholeWordsCaseInsensitiveHeadlineOrBody) {
  auto r = MakeRecord("s1", "Nuclear talks stall",
                      "Rates: interest  rates rose. North-Korea's test.");
  EXPECT_TRUE(Matches("    keywords: [nuclear]\n", r));  // headline
  EXPECT_TRUE(Matches("    keywords: [KOREA]\n", r));    // body, hyphen
  EXPECT_TRUE(Matches("    keywords: [\"Interest Rates\"]\n", r));
  EXPECT_FALSE(Matches("    keywords: [nuclea]\n", r));  // not a word
  EXPECT_FALSE(Matches("    keywords: [\"talks rates\"]\n", r));
  // A phrase does not span headline and body.
  EXPECT_FALSE(Matches("    keywords: [\"stall rates\"]\n", r));
  EXPECT_TRUE(Matches("    keywords: [missile, test]\n", r));
}

TEST(MatcherTest, EveryConditionMustHold) {
  auto r = MakeRecord("s1", "Nuclear talks", "Body.",
                      {{"Q9", "North Korea", 0, v1::LOCATION}});
  EXPECT_TRUE(
      Matches("    entities: [\"North Korea\"]\n"
              "    keywords: [nuclear]\n",
              r));
  EXPECT_FALSE(
      Matches("    entities: [\"North Korea\"]\n"
              "    keywords: [oil]\n",
              r));
  EXPECT_FALSE(
      Matches("    entities: [\"South Korea\"]\n"
              "    keywords: [nuclear]\n",
              r));
}

TEST(MatcherTest, EachRecordLevelCondition) {
  auto r = MakeRecord("s1", "H", "B.", {{"Q1", "A Person", 0, v1::PERSON}});
  r.mutable_article()->add_categories("POL");
  r.mutable_article()->set_priority(3);
  r.mutable_sentiment()->set_score(-0.3);
  EXPECT_TRUE(Matches("    types: [PERSON]\n", r));
  EXPECT_FALSE(Matches("    types: [ORGANIZATION]\n", r));
  EXPECT_TRUE(Matches("    languages: [fr, en]\n", r));
  EXPECT_FALSE(Matches("    languages: [fr]\n", r));
  EXPECT_TRUE(Matches("    sources: [agency-a]\n", r));
  EXPECT_FALSE(Matches("    sources: [agency-b]\n", r));
  EXPECT_TRUE(Matches("    categories: [SPO, POL]\n", r));
  EXPECT_FALSE(Matches("    categories: [SPO]\n", r));
  EXPECT_TRUE(Matches("    priority_at_most: 3\n", r));
  EXPECT_FALSE(Matches("    priority_at_most: 2\n", r));
  EXPECT_TRUE(Matches("    sentiment_below: -0.2\n", r));
  EXPECT_FALSE(Matches("    sentiment_below: -0.3\n", r));
  EXPECT_TRUE(Matches("    sentiment_above: -0.4\n", r));
  EXPECT_FALSE(Matches("    sentiment_above: 0\n", r));
  EXPECT_TRUE(Matches("    verdicts: [UNIQUE]\n", r));
  EXPECT_FALSE(Matches("    verdicts: [UPDATE]\n", r));
  EXPECT_TRUE(Matches("", r));  // no condition: everything
}

TEST(MatcherTest, IndexAgreesWithNaiveOnManySubscriptions) {
  std::string yaml = "subscriptions:\n";
  const char* names[] = {"Sergei Lavrov", "North Korea", "Harlow Bank",
                         "Geneva", "Q1"};
  const char* words[] = {"nuclear", "oil", "talks", "\"interest rates\"",
                         "bank"};
  for (int i = 0; i < 200; ++i) {
    yaml += "  - name: s" + std::to_string(i) + "\n";
    if (i % 3 != 2) {
      yaml += std::string("    entities: [\"") + names[i % 5] + "\"]\n";
    }
    if (i % 2 == 0)
      yaml += std::string("    keywords: [") + words[i % 5] + "]\n";
    if (i % 7 == 0) yaml += "    sentiment_below: 0\n";
    if (i % 11 == 0 && i % 3 != 2) {
      yaml += "    entity_sentiment_below: -0.2\n";
    }
  }
  auto r = MakeRecord(
      "s1", "Oil talks in Geneva", "Interest rates and the bank. Nuclear.",
      {{"Q1", "Sergei Lavrov", -0.5}, {"Q7", "Geneva", 0.1, v1::LOCATION}});
  r.mutable_sentiment()->set_score(-0.1);
  Names hits = MatchYaml(yaml, r);
  EXPECT_GT(hits.size(), 10u);
  EXPECT_LT(hits.size(), 200u);
}

}  // namespace
}  // namespace newswire::route
