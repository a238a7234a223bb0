// The ingest drop folder as a process on the real broker: a dropped file is
// published to the topic the service consumes (--input_topic and
// --topic_prefix honoured), keyed like `newswire publish`, and parsed.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/kafka/admin.h"
#include "common/kafka/publisher.h"
#include "common/kafka/topics.h"
#include "gtest/gtest.h"
#include "newswire/v1/wire.pb.h"
#include "tests/integration/harness.h"

namespace newswire::testing {
namespace {

TEST(DropFolderIntegrationTest, PublishesToTheInputTopicKeyedByPayload) {
  TestEnv env = TestEnv::FromEnvironment();
  ASSERT_FALSE(env.kafka.brokers.empty());
  const std::string prefix = UniquePrefix("drop");
  const std::string input = prefix + "agency.raw";
  std::vector<kafka::TopicSpec> topics = kafka::PipelineTopics(prefix, 1);
  topics.push_back({input, 1, -1, {}});
  ASSERT_TRUE(kafka::EnsureTopics(env.kafka, topics).ok());

  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / (prefix + "incoming");
  std::filesystem::create_directories(dir);
  const v1::RawWire story = MakeStory(3);
  std::ofstream(dir / "story.txt") << story.payload();

  auto ingest =
      StartService(env, "newswire-ingest", prefix, "ingest",
                   {"--watch=" + dir.string(), "--watch_min_age=0s",
                    "--watch_interval=100ms", "--input_topic=" + input});

  auto raw = ReadUntil(env.kafka, input, 1, absl::Seconds(60));
  ASSERT_TRUE(raw.ok()) << raw.status();
  ASSERT_EQ(raw->size(), 1u);
  v1::RawWire got;
  ASSERT_TRUE(got.ParseFromString((*raw)[0].value));
  EXPECT_EQ(got.payload(), story.payload());
  EXPECT_EQ(got.filename(), "story.txt");
  EXPECT_EQ((*raw)[0].key, kafka::RawWireKey(story));

  auto articles = ReadUntil(env.kafka, prefix + kafka::kArticlesTopic, 1,
                            absl::Seconds(60));
  ASSERT_TRUE(articles.ok()) << articles.status();
  EXPECT_EQ(articles->size(), 1u);
  // Nothing went to the default raw topic.
  auto stray = ReadUntil(env.kafka, prefix + kafka::kRawTopic, 1,
                         absl::Seconds(1), absl::ZeroDuration());
  ASSERT_TRUE(stray.ok()) << stray.status();
  EXPECT_TRUE(stray->empty());
  EXPECT_TRUE(std::filesystem::exists(dir / "done" / "story.txt"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace newswire::testing
