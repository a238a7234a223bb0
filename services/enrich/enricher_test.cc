#include "services/enrich/enricher.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace newswire::enrich {
namespace {

TEST(EnricherTest, EntitiesPointIntoBodyAndSentimentIsSet) {
  auto enricher = Enricher::Create(EnricherOptions());
  ASSERT_TRUE(enricher.ok()) << enricher.status();
  v1::EnrichedArticle record;
  record.mutable_article()->set_id("x");
  record.mutable_article()->set_body(
      "The talks in Geneva ended. Officials from the United Nations left.");
  (*enricher)->Enrich(&record);
  ASSERT_GT(record.entities_size(), 0);
  for (const v1::Entity& e : record.entities()) {
    EXPECT_EQ(record.article().body().substr(e.begin(), e.end() - e.begin()),
              e.text());
    EXPECT_FALSE(e.canonical_id().empty());
    EXPECT_TRUE(e.has_sentiment());
  }
  EXPECT_TRUE(record.has_sentiment());
  ASSERT_GT(record.entity_summary_size(), 0);
  uint32_t mentions = 0;
  for (const v1::EntitySummary& s : record.entity_summary()) {
    mentions += s.mentions();
  }
  EXPECT_EQ(mentions, static_cast<uint32_t>(record.entities_size()));
  EXPECT_GT(record.enriched_time().seconds(), 0);
}

// Every model file the enricher loads is required: a missing one fails
// Create with its path in the message (newswire-enrich then exits non-zero).
TEST(EnricherTest, MissingModelFilesAreErrorsNamingThePath) {
  for (int which = 0; which < 3; ++which) {
    EnricherOptions options;
    const std::string path = "/nonexistent/model-" + std::to_string(which);
    (which == 0   ? options.ner_model
     : which == 1 ? options.sentiment_model
                  : options.gazetteer) = path;
    auto enricher = Enricher::Create(options);
    ASSERT_FALSE(enricher.ok()) << path;
    EXPECT_EQ(enricher.status().code(), absl::StatusCode::kNotFound)
        << enricher.status();
    EXPECT_TRUE(absl::StrContains(enricher.status().message(), path))
        << enricher.status();
  }
}

// The whole stage on the case the document scorer was changed for: talks
// that open warmly and end with a nuclear threat read NEGATIVE, and linked
// mentions carry the linker's confidence.
TEST(EnricherTest, ThreatEndingIsNegativeAndLinksCarryConfidence) {
  auto enricher = Enricher::Create(EnricherOptions());
  ASSERT_TRUE(enricher.ok()) << enricher.status();
  v1::EnrichedArticle record;
  record.mutable_article()->set_headline("Talks open warmly in Geneva");
  record.mutable_article()->set_body(
      "Diplomats from South Korea and Russia praised a friendly and "
      "productive meeting in Geneva on Monday. Both sides welcomed the "
      "progress. Hours later North Korea threatened a nuclear strike.");
  (*enricher)->Enrich(&record);
  EXPECT_EQ(record.sentiment().label(), v1::NEGATIVE);
  int linked = 0;
  for (const v1::Entity& e : record.entities()) {
    if (e.canonical_id().rfind("gz:", 0) != 0) continue;
    ASSERT_TRUE(e.has_link_confidence()) << e.text();
    EXPECT_GT(e.link_confidence(), 0.5);
    EXPECT_LE(e.link_confidence(), 1.0);
    ++linked;
  }
  EXPECT_GE(linked, 3);  // Geneva, South Korea, Russia, North Korea
}

}  // namespace
}  // namespace newswire::enrich
