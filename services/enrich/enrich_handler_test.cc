#include "services/enrich/enrich_handler.h"

#include "common/kafka/topics.h"
#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace newswire::enrich {
namespace {

kafka::InputRecord Input(const std::string& value) {
  kafka::InputRecord in;
  in.topic = kafka::kUniqueTopic;
  in.value = value;
  return in;
}

TEST(EnrichHandlerTest, EnrichesCountsAndKeysByStory) {
  auto enricher = Enricher::Create(EnricherOptions());
  ASSERT_TRUE(enricher.ok()) << enricher.status();
  prometheus::Registry registry;
  EnrichMetrics metrics(registry);
  EnrichHandler handler(enricher->get(), "out", &metrics);

  v1::EnrichedArticle record;
  record.mutable_article()->set_id("a1");
  record.mutable_article()->set_body(
      "Talks resumed in Geneva on Monday. Officials from Harlow Bank left.");
  record.mutable_article()->mutable_received_time()->set_seconds(1700000000);
  record.mutable_dedup()->set_story_id("s1");
  std::string value = record.SerializeAsString();
  std::vector<kafka::OutputRecord> out;
  ASSERT_TRUE(handler.Handle(Input(value), &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].topic, "out");
  EXPECT_EQ(out[0].key, "s1");
  EXPECT_EQ(out[0].source_time, absl::FromUnixSeconds(1700000000));
  v1::EnrichedArticle enriched;
  ASSERT_TRUE(enriched.ParseFromString(out[0].value));
  EXPECT_GT(enriched.entities_size(), 0);

  handler.OnCommit();
  std::string text = prometheus::TextSerializer().Serialize(registry.Collect());
  EXPECT_NE(text.find("newswire_sentiment_articles_total"), std::string::npos);
  EXPECT_NE(text.find("newswire_sentiment_score_count 1"), std::string::npos)
      << text;
  EXPECT_NE(text.find("newswire_entities_tagged_total{type="),
            std::string::npos);
}

double EntitiesTagged(prometheus::Registry& registry) {
  double total = 0;
  for (const auto& family : registry.Collect()) {
    if (family.name != "newswire_entities_tagged_total") continue;
    for (const auto& metric : family.metric) total += metric.counter.value;
  }
  return total;
}

uint64_t SentimentScores(prometheus::Registry& registry) {
  for (const auto& family : registry.Collect()) {
    if (family.name != "newswire_sentiment_score") continue;
    return family.metric.at(0).histogram.sample_count;
  }
  return 0;
}

TEST(EnrichHandlerTest, CountsAtCommitSoAReplayedTransactionCountsOnce) {
  auto enricher = Enricher::Create(EnricherOptions());
  ASSERT_TRUE(enricher.ok()) << enricher.status();
  prometheus::Registry registry;
  EnrichMetrics metrics(registry);
  EnrichHandler handler(enricher->get(), "out", &metrics);
  std::vector<std::string> values;
  for (const char* body :
       {"Talks resumed in Geneva on Monday. Officials from Harlow Bank left.",
        "The mayor of Port Ellis opened the new bridge in Dunmore."}) {
    v1::EnrichedArticle record;
    record.mutable_article()->set_id(body);
    record.mutable_article()->set_body(body);
    values.push_back(record.SerializeAsString());
  }
  auto handle_all = [&] {
    int entities = 0;
    for (const std::string& v : values) {
      std::vector<kafka::OutputRecord> out;
      EXPECT_TRUE(handler.Handle(Input(v), &out).ok());
      v1::EnrichedArticle enriched;
      EXPECT_TRUE(enriched.ParseFromString(out.at(0).value));
      entities += enriched.entities_size();
    }
    return entities;
  };

  // Handled, then the transaction aborts: nothing is counted.
  const int entities = handle_all();
  ASSERT_GT(entities, 0);
  EXPECT_EQ(EntitiesTagged(registry), 0);
  EXPECT_EQ(SentimentScores(registry), 0u);
  handler.OnAbort();
  EXPECT_EQ(EntitiesTagged(registry), 0);

  // The replay commits: each record is counted once.
  EXPECT_EQ(handle_all(), entities);
  EXPECT_EQ(EntitiesTagged(registry), 0);
  handler.OnCommit();
  EXPECT_EQ(EntitiesTagged(registry), entities);
  EXPECT_EQ(SentimentScores(registry), 2u);

  // A second commit with nothing new adds nothing.
  handler.OnCommit();
  EXPECT_EQ(EntitiesTagged(registry), entities);
  EXPECT_EQ(SentimentScores(registry), 2u);
}

TEST(EnrichHandlerTest, MalformedRecordIsRejectedWithReason) {
  auto enricher = Enricher::Create(EnricherOptions());
  ASSERT_TRUE(enricher.ok());
  EnrichHandler handler(enricher->get(), "out");
  std::vector<kafka::OutputRecord> out;
  absl::Status s = handler.Handle(Input("\xff\xff not a proto"), &out);
  EXPECT_EQ(ReasonOf(s), "enriched.malformed");
  EXPECT_TRUE(out.empty());
  v1::EnrichedArticle no_article;
  s = handler.Handle(Input(no_article.SerializeAsString()), &out);
  EXPECT_EQ(ReasonOf(s), "enriched.malformed");
}

}  // namespace
}  // namespace newswire::enrich
