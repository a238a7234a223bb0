// Every malformed ingest fixture (services/ingest/testdata/bad/<reason>/*)
// published to wire.raw must land in wire.dlq with exactly that reason, next
// to a size-limit violation; nothing malformed may reach wire.enriched. And
// a well-formed NewsML-G2 package must yield each of its items exactly once.
#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/kafka/admin.h"
#include "common/kafka/topics.h"
#include "gtest/gtest.h"
#include "services/ingest/testing/fixtures.h"
#include "tests/integration/harness.h"

namespace newswire::testing {
namespace {

using ingest::testing::FixturePath;
using ingest::testing::ListDir;
using ingest::testing::ReadFixture;

// The non-hidden entries of `dir`.
std::vector<std::string> List(const std::string& dir) {
  std::vector<std::string> names = ListDir(dir);
  names.erase(std::remove_if(names.begin(), names.end(),
                             [](const std::string& n) { return n[0] == '.'; }),
              names.end());
  return names;
}

TEST(MalformedFixturesIntegrationTest, EachLandsInTheDlqWithItsReason) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  // payload bytes -> expected reason
  std::map<std::string, std::string> expected;
  std::vector<v1::RawWire> raws;
  for (const std::string& reason : List(FixturePath("bad"))) {
    for (const std::string& file :
         List(FixturePath(absl::StrCat("bad/", reason)))) {
      v1::RawWire raw;
      raw.set_payload(ReadFixture(absl::StrCat("bad/", reason, "/", file)));
      raw.set_source("fixtures");
      raw.set_filename(file);
      expected[raw.SerializeAsString()] = reason;
      raws.push_back(raw);
    }
  }
  ASSERT_GE(raws.size(), 15u) << "run from the repository root";
  // Over the service's --max_record_bytes below.
  v1::RawWire big;
  big.set_payload(std::string(200000, 'a'));
  expected[big.SerializeAsString()] = "payload.too_large";
  raws.push_back(big);

  const std::string prefix = UniquePrefix("bad");
  ASSERT_TRUE(
      kafka::EnsureTopics(env.kafka, kafka::PipelineTopics(prefix, 3)).ok());
  ASSERT_TRUE(PublishRaw(env.kafka, prefix + kafka::kRawTopic, raws).ok());
  auto ingest = StartService(env, "newswire-ingest", prefix, "ingest",
                             {"--max_record_bytes=100000"});

  auto dead = ReadUntil(env.kafka, prefix + kafka::kDlqTopic, expected.size(),
                        absl::Seconds(60));
  ASSERT_TRUE(dead.ok()) << dead.status();
  EXPECT_EQ(dead->size(), expected.size());
  std::map<std::string, int> delivered;
  for (const auto& r : *dead) {
    v1::DeadLetter letter;
    ASSERT_TRUE(letter.ParseFromString(r.value));
    auto it = expected.find(letter.original());
    ASSERT_NE(it, expected.end())
        << "unexpected dead letter " << letter.error_code();
    v1::RawWire raw;
    ASSERT_TRUE(raw.ParseFromString(letter.original()));
    EXPECT_EQ(letter.error_code(), it->second)
        << raw.filename() << ": " << letter.reason();
    EXPECT_EQ(letter.stage(), "ingest");
    EXPECT_FALSE(letter.reason().empty());
    ++delivered[letter.original()];
  }
  for (const auto& [original, times] : delivered) EXPECT_EQ(times, 1);
  auto articles = ReadUntil(env.kafka, prefix + kafka::kArticlesTopic, 1,
                            absl::Seconds(2), absl::ZeroDuration());
  ASSERT_TRUE(articles.ok());
  EXPECT_TRUE(articles->empty()) << "a malformed record became an article";
}

TEST(MalformedFixturesIntegrationTest, PackageYieldsEachItemOnce) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  v1::RawWire raw;
  raw.set_payload(ReadFixture("multi/newsml_g2_message.xml"));
  raw.set_source("fixtures");
  const std::string prefix = UniquePrefix("pkg");
  ASSERT_TRUE(
      kafka::EnsureTopics(env.kafka, kafka::PipelineTopics(prefix, 3)).ok());
  ASSERT_TRUE(PublishRaw(env.kafka, prefix + kafka::kRawTopic, {raw}).ok());
  auto ingest = StartService(env, "newswire-ingest", prefix, "ingest", {});

  auto records = ReadUntil(env.kafka, prefix + kafka::kArticlesTopic, 3,
                           absl::Seconds(60));
  ASSERT_TRUE(records.ok()) << records.status();
  std::map<std::string, int> items;  // provider id -> times delivered
  for (const auto& r : *records) {
    v1::Article a;
    ASSERT_TRUE(a.ParseFromString(r.value));
    EXPECT_EQ(r.key, a.provider_id());
    EXPECT_FALSE(a.body().empty()) << a.provider_id();
    ++items[a.provider_id()];
  }
  const std::string kItem = "urn:newsml:newswire.test:20261127:";
  EXPECT_EQ(items, (std::map<std::string, int>{{kItem + "ferry-strike", 1},
                                               {kItem + "library-reopens", 1},
                                               {kItem + "harbour-fish", 1}}));
  auto dead = ReadUntil(env.kafka, prefix + kafka::kDlqTopic, 1,
                        absl::Seconds(2), absl::ZeroDuration());
  ASSERT_TRUE(dead.ok());
  EXPECT_TRUE(dead->empty()) << "the package was dead-lettered";
}

}  // namespace
}  // namespace newswire::testing
