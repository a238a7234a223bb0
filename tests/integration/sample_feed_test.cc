// The bundled sample feed through the three services on the real broker:
// one story of each wire format must reach wire.enriched with its format
// recognised, the re-sends must be linked as duplicates, the market-close
// look-alike must stay unique, and the XML entity attack must be
// dead-lettered with its reason.
#include <algorithm>
#include <map>

#include "absl/strings/match.h"
#include "common/kafka/admin.h"
#include "common/kafka/topics.h"
#include "gtest/gtest.h"
#include "services/ingest/testing/fixtures.h"
#include "tests/integration/harness.h"

namespace newswire::testing {
namespace {

constexpr char kFeed[] = "testdata/sample_feed";

std::vector<std::string> FeedFiles() {
  std::vector<std::string> files = ingest::testing::ListDir(kFeed);  // sorted
  files.erase(std::remove_if(files.begin(), files.end(),
                             [](const std::string& name) {
                               return name[0] == '.' ||
                                      absl::StartsWith(name, "README");
                             }),
              files.end());
  return files;
}

v1::RawWire ReadRaw(const std::string& name) {
  v1::RawWire raw;
  raw.set_payload(ingest::testing::ReadFile(std::string(kFeed) + "/" + name));
  raw.set_source("sample");
  raw.set_filename(name);
  return raw;
}

TEST(SampleFeedIntegrationTest, EveryFormatAndEveryCaseLandsWhereItShould) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  std::vector<std::string> files = FeedFiles();
  ASSERT_EQ(files.size(), 11u) << "run from the repository root";
  const std::string prefix = UniquePrefix("feed");
  ASSERT_TRUE(
      kafka::EnsureTopics(env.kafka, kafka::PipelineTopics(prefix, 1)).ok());
  // One partition and one record at a time, in file order: the re-sends
  // must come after their originals for the verdicts to be defined.
  std::vector<v1::RawWire> raws;
  for (const std::string& f : files) raws.push_back(ReadRaw(f));
  ASSERT_TRUE(PublishRaw(env.kafka, prefix + kafka::kRawTopic, raws).ok());

  auto ingest = StartService(env, "newswire-ingest", prefix, "ingest");
  auto dedup = StartService(env, "newswire-dedup", prefix, "dedup");
  auto enrich = StartService(env, "newswire-enrich", prefix, "enrich");

  auto enriched = ReadUntil(env.kafka, prefix + kafka::kEnrichedTopic, 8,
                            absl::Seconds(120));
  auto duplicates = ReadUntil(env.kafka, prefix + kafka::kDuplicatesTopic, 2,
                              absl::Seconds(30));
  auto dead =
      ReadUntil(env.kafka, prefix + kafka::kDlqTopic, 1, absl::Seconds(30));
  ASSERT_TRUE(enriched.ok() && duplicates.ok() && dead.ok());

  std::map<v1::WireFormat, int> formats;
  std::map<std::string, v1::EnrichedArticle> by_headline;
  for (const auto& r : *enriched) {
    v1::EnrichedArticle e;
    ASSERT_TRUE(e.ParseFromString(r.value));
    ++formats[e.article().format()];
    by_headline[e.article().headline()] = e;
    EXPECT_FALSE(e.article().body().empty());
    EXPECT_EQ(e.article().language(), "en") << e.article().headline();
    EXPECT_GT(e.entities_size(), 0) << e.article().headline();
  }
  EXPECT_EQ(enriched->size(), 8u);
  EXPECT_EQ(formats[v1::WIRE_FORMAT_PLAIN_TEXT], 3);
  for (v1::WireFormat f :
       {v1::WIRE_FORMAT_NITF, v1::WIRE_FORMAT_NINJS, v1::WIRE_FORMAT_NEWSML_G2,
        v1::WIRE_FORMAT_IPTC_7901, v1::WIRE_FORMAT_ANPA_1312}) {
    EXPECT_EQ(formats[f], 1) << v1::WireFormat_Name(f);
  }
  // ANPA is Latin-1 on the wire and must arrive as UTF-8.
  bool festival = false;
  for (const auto& [headline, e] : by_headline) {
    if (absl::StrContains(headline, "Beaulieu")) {
      festival = true;
      EXPECT_TRUE(absl::StrContains(e.article().body(), "F\xC3\xAAte"))
          << e.article().body();
    }
  }
  EXPECT_TRUE(festival);
  EXPECT_EQ(by_headline.count("Northbridge stocks close lower as miners slide"),
            1u)
      << "a market close with other numbers is a new story";

  std::map<v1::Verdict, int> verdicts;
  for (const auto& r : *duplicates) {
    v1::EnrichedArticle e;
    ASSERT_TRUE(e.ParseFromString(r.value));
    ++verdicts[e.dedup().verdict()];
    EXPECT_FALSE(e.dedup().duplicate_of().empty());
  }
  EXPECT_EQ(duplicates->size(), 2u);
  EXPECT_EQ(verdicts[v1::EXACT_DUPLICATE], 1);
  EXPECT_EQ(verdicts[v1::NEAR_DUPLICATE], 1) << "the re-send without its lead";

  ASSERT_EQ(dead->size(), 1u);
  v1::DeadLetter letter;
  ASSERT_TRUE(letter.ParseFromString((*dead)[0].value));
  EXPECT_EQ(letter.stage(), "ingest");
  EXPECT_EQ(letter.error_code(), "xml.doctype_forbidden") << letter.reason();
}

}  // namespace
}  // namespace newswire::testing
