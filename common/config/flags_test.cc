#include "common/config/flags.h"

#include <cstdlib>

#include "absl/flags/flag.h"
#include "gtest/gtest.h"

ABSL_FLAG(std::string, test_brokers, "default:9092", "for the test");
ABSL_FLAG(int, test_batch_size, 10, "for the test");

namespace newswire {
namespace {

TEST(FlagsTest, EnvVarName) {
  EXPECT_EQ(EnvVarForFlag("metrics_address"), "NEWSWIRE_METRICS_ADDRESS");
}

TEST(FlagsTest, HyphensInFlagNamesBecomeUnderscores) {
  EXPECT_EQ(NormalizeFlagArg("--from-beginning"), "--from_beginning");
  EXPECT_EQ(NormalizeFlagArg("--topic-prefix=a-b"), "--topic_prefix=a-b");
  EXPECT_EQ(NormalizeFlagArg("-max-x"), "-max_x");
  EXPECT_EQ(NormalizeFlagArg("file-name.txt"), "file-name.txt");
  EXPECT_EQ(NormalizeFlagArg("-"), "-");
}

TEST(FlagsTest, EnvironmentSetsFlagAndCommandLineOverrides) {
  setenv("NEWSWIRE_TEST_BROKERS", "env-host:9092", 1);
  setenv("NEWSWIRE_TEST_BATCH_SIZE", "77", 1);
  char arg0[] = "prog";
  char arg1[] = "--test-batch-size=5";
  char arg2[] = "positional-arg";
  char* argv[] = {arg0, arg1, arg2};
  std::vector<char*> rest = ParseFlagsWithEnv(3, argv, "test");
  EXPECT_EQ(absl::GetFlag(FLAGS_test_brokers), "env-host:9092");
  EXPECT_EQ(absl::GetFlag(FLAGS_test_batch_size), 5);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_STREQ(rest[1], "positional-arg");
}

}  // namespace
}  // namespace newswire
