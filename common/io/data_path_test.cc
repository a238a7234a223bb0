#include "common/io/data_path.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

namespace fs = std::filesystem;

class DataPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("newswire_data_path_test_" + std::to_string(getpid()));
    fs::create_directories(root_ / "usr/bin");
    fs::create_directories(root_ / "repo/build/services/x");
  }
  void TearDown() override { fs::remove_all(root_); }

  void Touch(const fs::path& p) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "x";
  }

  fs::path root_;
};

TEST_F(DataPathTest, InstallShareDirectoryFirst) {
  Touch(root_ / "usr/share/newswire/models/m.bin");
  Touch(root_ / "models/m.bin");  // also above the binary: not chosen
  absl::StatusOr<std::string> p =
      FindDataFileFrom((root_ / "usr/bin").string(), "models/m.bin");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(fs::equivalent(*p, root_ / "usr/share/newswire/models/m.bin"));
}

TEST_F(DataPathTest, ElseNearestDirectoryAboveTheBinary) {
  Touch(root_ / "repo/models/m.bin");
  absl::StatusOr<std::string> p = FindDataFileFrom(
      (root_ / "repo/build/services/x").string(), "models/m.bin");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(fs::equivalent(*p, root_ / "repo/models/m.bin"));
}

TEST_F(DataPathTest, MissingFileIsNotFoundNamingThePlaces) {
  absl::StatusOr<std::string> p = FindDataFileFrom(
      (root_ / "repo/build/services/x").string(), "models/absent.bin");
  ASSERT_FALSE(p.ok());
  EXPECT_TRUE(absl::IsNotFound(p.status()));
  EXPECT_TRUE(absl::StrContains(p.status().message(), "models/absent.bin"));
  EXPECT_TRUE(
      absl::StrContains(p.status().message(), (root_ / "repo/build").string()));
}

TEST_F(DataPathTest, GivenPathIsKeptAsIs) {
  absl::StatusOr<std::string> p =
      ModelPathOrDefault("/nonexistent/model", "models/absent.bin");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, "/nonexistent/model");
}

TEST(DataPathBinaryTest, ThisTestFindsTheCommittedModels) {
  // The test binary lives in the build tree below the source tree.
  absl::StatusOr<std::string> p = FindDataFile("models/ner/ner.model");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_TRUE(absl::EndsWith(*p, "/models/ner/ner.model"));
}

}  // namespace
}  // namespace newswire
