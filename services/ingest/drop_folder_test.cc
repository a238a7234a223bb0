#include "services/ingest/drop_folder.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

class DropFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/newswire-dropfolder-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::string cmd = absl::StrCat("rm -rf '", dir_, "'");
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(absl::StrCat(dir_, "/", name), std::ios::binary) << bytes;
  }
  std::unique_ptr<DropFolder> Open(DropFolder::PublishFn fn) {
    DropFolderOptions options;
    options.dir = dir_;
    options.min_age = absl::Seconds(2);
    options.max_file_bytes = 100;
    auto folder = DropFolder::Open(options, std::move(fn));
    EXPECT_TRUE(folder.ok()) << folder.status();
    return folder.ok() ? std::move(*folder) : nullptr;
  }
  // A time after every file written so far is old enough.
  static absl::Time Later() { return absl::Now() + absl::Seconds(10); }

  std::string dir_;
};

TEST_F(DropFolderTest, PublishesEachReadyFileOnceThenMovesItToDone) {
  Write("b.xml", "<nitf/>");
  Write("a.txt", "Headline\n\nBody.");
  Write(".hidden", "x");
  Write("upload.part", "x");
  std::vector<v1::RawWire> sent;
  auto folder = Open([&](const v1::RawWire& raw) {
    sent.push_back(raw);
    return absl::OkStatus();
  });
  ASSERT_NE(folder, nullptr);
  absl::Time now = Later();
  auto scan = folder->ScanOnce(now);
  ASSERT_TRUE(scan.ok()) << scan.status();
  EXPECT_EQ(scan->published, 2);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].filename(), "a.txt");  // sorted by name
  EXPECT_EQ(sent[0].payload(), "Headline\n\nBody.");
  EXPECT_EQ(sent[0].source(), "dropfolder:" + dir_.substr(dir_.rfind('/') + 1));
  EXPECT_EQ(sent[0].received_time().seconds(), absl::ToUnixSeconds(now));
  EXPECT_TRUE(Exists(dir_ + "/done/a.txt"));
  EXPECT_TRUE(Exists(dir_ + "/done/b.xml"));
  EXPECT_FALSE(Exists(dir_ + "/a.txt"));
  EXPECT_TRUE(Exists(dir_ + "/.hidden"));
  EXPECT_TRUE(Exists(dir_ + "/upload.part"));
  // A second scan publishes nothing again.
  scan = folder->ScanOnce(Later());
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->published, 0);
  EXPECT_EQ(sent.size(), 2u);
  // A new file with a name already in done/ is kept beside it.
  Write("a.txt", "Second\n\nCopy.");
  scan = folder->ScanOnce(Later());
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->published, 1);
  EXPECT_TRUE(Exists(dir_ + "/done/a.txt.1"));
}

TEST_F(DropFolderTest, FreshFilesWaitUntilUnchangedForMinAge) {
  Write("fresh.txt", "x");
  int calls = 0;
  auto folder = Open([&](const v1::RawWire&) {
    ++calls;
    return absl::OkStatus();
  });
  ASSERT_NE(folder, nullptr);
  auto scan = folder->ScanOnce(absl::Now());
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->deferred, 1);
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(Exists(dir_ + "/fresh.txt"));
}

TEST_F(DropFolderTest, RejectedAndOversizedFilesGoToFailedWithReason) {
  Write("rejected.txt", "x");
  Write("huge.txt", std::string(101, 'x'));
  int calls = 0;
  auto folder = Open([&](const v1::RawWire&) {
    ++calls;
    return absl::InvalidArgumentError("broker said no");
  });
  ASSERT_NE(folder, nullptr);
  auto scan = folder->ScanOnce(Later());
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->failed, 2);
  EXPECT_EQ(calls, 1);  // the oversized file is never published
  EXPECT_TRUE(Exists(dir_ + "/failed/rejected.txt"));
  EXPECT_TRUE(Exists(dir_ + "/failed/huge.txt"));
  std::ifstream reason(dir_ + "/failed/rejected.txt.error");
  std::string line;
  std::getline(reason, line);
  EXPECT_NE(line.find("broker said no"), std::string::npos);
}

TEST_F(DropFolderTest, TransientPublishErrorsRetryNextScan) {
  Write("a.txt", "x");
  bool broker_up = false;
  int calls = 0;
  auto folder = Open([&](const v1::RawWire&) {
    ++calls;
    return broker_up ? absl::OkStatus() : absl::UnavailableError("broker down");
  });
  ASSERT_NE(folder, nullptr);
  auto scan = folder->ScanOnce(Later());
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->deferred, 1);
  EXPECT_TRUE(Exists(dir_ + "/a.txt"));
  broker_up = true;
  scan = folder->ScanOnce(Later());
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->published, 1);
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(Exists(dir_ + "/done/a.txt"));
}

TEST_F(DropFolderTest, OpenFailsForMissingFolder) {
  DropFolderOptions options;
  options.dir = dir_ + "/missing";
  EXPECT_FALSE(DropFolder::Open(options, [](const v1::RawWire&) {
                 return absl::OkStatus();
               }).ok());
}

}  // namespace
}  // namespace newswire::ingest
