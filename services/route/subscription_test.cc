#include "services/route/subscription.h"

#include "common/status/reason.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::route {
namespace {

using ::testing::HasSubstr;

TEST(SubscriptionTest, ParsesEveryField) {
  auto subs = ParseSubscriptions(R"(
subscriptions:
  - name: lavrov-negative
    entities: ["Sergei Lavrov"]
    entity_sentiment_below: -0.1
  - name: all-of-it
    keywords: [nuclear, "interest rates"]
    types: [PERSON, LOCATION]
    languages: [en]
    sources: [agency-a]
    categories: [POL]
    priority_at_most: 3
    sentiment_below: 0.5
    sentiment_above: -0.5
    verdicts: [UNIQUE, UPDATE]
)");
  ASSERT_TRUE(subs.ok()) << subs.status();
  ASSERT_EQ(subs->size(), 2u);
  const Subscription& a = (*subs)[0];
  EXPECT_EQ(a.name, "lavrov-negative");
  EXPECT_EQ(a.entities, std::vector<std::string>{"Sergei Lavrov"});
  EXPECT_DOUBLE_EQ(*a.entity_sentiment_below, -0.1);
  const Subscription& b = (*subs)[1];
  EXPECT_EQ(b.keywords.size(), 2u);
  EXPECT_EQ(b.types, (std::vector<v1::EntityType>{v1::PERSON, v1::LOCATION}));
  EXPECT_EQ(b.languages, std::vector<std::string>{"en"});
  EXPECT_EQ(b.sources, std::vector<std::string>{"agency-a"});
  EXPECT_EQ(b.categories, std::vector<std::string>{"POL"});
  EXPECT_EQ(*b.priority_at_most, 3);
  EXPECT_DOUBLE_EQ(*b.sentiment_below, 0.5);
  EXPECT_DOUBLE_EQ(*b.sentiment_above, -0.5);
  EXPECT_EQ(b.verdicts, (std::vector<v1::Verdict>{v1::UNIQUE, v1::UPDATE}));
}

TEST(SubscriptionTest, EmptyFileAndEmptyListAreValid) {
  EXPECT_TRUE(ParseSubscriptions("").ok());
  auto subs = ParseSubscriptions("subscriptions: []\n");
  ASSERT_TRUE(subs.ok());
  EXPECT_TRUE(subs->empty());
}

void ExpectError(const std::string& yaml, const std::string& needle) {
  auto subs = ParseSubscriptions(yaml);
  ASSERT_FALSE(subs.ok()) << yaml;
  EXPECT_EQ(ReasonOf(subs.status()), "subscriptions.invalid");
  EXPECT_THAT(std::string(subs.status().message()), HasSubstr(needle));
}

TEST(SubscriptionTest, ErrorsNameLineAndField) {
  ExpectError("subscriptions:\n  - name: Bad Name\n",
              "line 2: subscriptions[0].name: \"Bad Name\" must match");
  ExpectError("subscriptions:\n  - name: a\n  - name: a\n",
              "line 3: subscriptions[1].name: \"a\" is used twice");
  ExpectError("subscriptions:\n  - name: a\n    colour: red\n",
              "line 3: subscriptions[0].colour: unknown field");
  ExpectError("subscriptions:\n  - name: a\n    sentiment_below: low\n",
              "line 3: subscriptions[0].sentiment_below: must be a number");
  ExpectError("subscriptions:\n  - name: a\n    types: [PERSON, ANIMAL]\n",
              "subscriptions[0].types: unknown value \"ANIMAL\"");
  ExpectError("subscriptions:\n  - name: a\n    priority_at_most: 12\n",
              "priority_at_most: must be an integer from 1 to 9");
  ExpectError("subscriptions:\n  - entities: [x]\n",
              "subscriptions[0]: missing field \"name\"");
  ExpectError("subscriptions:\n  - name: a\n    entity_sentiment_below: 0\n",
              "needs \"entities\"");
  ExpectError("subscriptions:\n  - name: a\n    keywords: [\n", "YAML:");
  ExpectError("subscriptions: 3\n", "subscriptions: must be a list");
  ExpectError("feeds: []\n", "feeds: unknown field");
}

TEST(SubscriptionTest, LoadNamesTheFile) {
  auto subs = LoadSubscriptionsFile("/nonexistent/subs.yaml");
  EXPECT_FALSE(subs.ok());
}

}  // namespace
}  // namespace newswire::route
