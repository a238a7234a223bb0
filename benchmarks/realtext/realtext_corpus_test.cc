#include "benchmarks/realtext/realtext_corpus.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::realtext {
namespace {

namespace fs = std::filesystem;

class RealTextCorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  fs::path dir_;
};

TEST_F(RealTextCorpusTest, ReadsManifestTextsAndGoldSpans) {
  Write("a.txt", "Simmons took four.\n");
  Write("b.txt", "LONDON 1996-08-30\n");
  Write(".manifest.tsv", "a.txt\t4\t0:7:PER\nb.txt\t2\t0:6:LOC\n");
  absl::StatusOr<RealTextCorpus> c = LoadRealText(dir_.string());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->docs.size(), 2u);
  EXPECT_EQ(c->tokens, 6);
  EXPECT_EQ(c->bytes, 19 + 18);
  EXPECT_EQ(c->docs[0].name, "a.txt");
  EXPECT_EQ(c->docs[0].text, "Simmons took four.\n");
  ASSERT_EQ(c->docs[1].gold.size(), 1u);
  EXPECT_EQ(c->docs[1].gold[0].begin, 0);
  EXPECT_EQ(c->docs[1].gold[0].end, 6);
  EXPECT_EQ(c->docs[1].gold[0].type, "LOC");
}

TEST_F(RealTextCorpusTest, DocumentWithoutEntities) {
  Write("a.txt", "Nothing here.\n");
  Write(".manifest.tsv", "a.txt\t3\t\n");
  absl::StatusOr<RealTextCorpus> c = LoadRealText(dir_.string());
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->docs[0].gold.empty());
}

TEST_F(RealTextCorpusTest, MissingManifestIsNotFound) {
  EXPECT_EQ(LoadRealText(dir_.string()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(RealTextCorpusTest, MissingListedFileIsNotFound) {
  Write(".manifest.tsv", "gone.txt\t1\t\n");
  EXPECT_EQ(LoadRealText(dir_.string()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(RealTextCorpusTest, SpanBeyondTheTextIsRejectedWithItsLine) {
  Write("a.txt", "short\n");
  Write(".manifest.tsv", "a.txt\t1\t0:5:PER\na.txt\t1\t2:60:ORG\n");
  absl::StatusOr<RealTextCorpus> c = LoadRealText(dir_.string());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(c.status().message()),
              ::testing::HasSubstr(".manifest.tsv:2"));
}

TEST_F(RealTextCorpusTest, MalformedLineIsRejected) {
  Write("a.txt", "x\n");
  Write(".manifest.tsv", "a.txt\tmany\t\n");
  EXPECT_EQ(LoadRealText(dir_.string()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace newswire::realtext
