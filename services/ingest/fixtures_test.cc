// Every fixture through IngestRaw: good/<name> round-trips to the fields in
// good/<name>.expected; bad/<reason>/<file> fails with exactly <reason>; and
// every file of the demo feed in testdata/sample_feed parses.
#include "services/ingest/testing/fixtures.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/reason.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/ingest/ingest.h"

namespace newswire::ingest {
namespace {

using ::newswire::ingest::testing::FixturePath;
using ::newswire::ingest::testing::IsDirectory;
using ::newswire::ingest::testing::ListDir;
using ::newswire::ingest::testing::ReadFile;

absl::StatusOr<v1::Article> IngestFile(const std::string& path) {
  v1::RawWire raw;
  raw.set_payload(ReadFile(path));
  raw.set_source("fixtures");
  raw.set_filename(path);
  return IngestRaw(raw, IngestOptions());
}

TEST(FixturesTest, EveryGoodFixtureMatchesItsExpectedFields) {
  int checked = 0;
  for (const std::string& name : ListDir(FixturePath("good"))) {
    if (absl::EndsWith(name, ".expected")) continue;
    SCOPED_TRACE(name);
    const std::string path = FixturePath("good/" + name);
    v1::Article expected;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
        ReadFile(path + ".expected"), &expected))
        << "every good fixture needs a parseable " << name << ".expected";
    absl::StatusOr<v1::Article> article = IngestFile(path);
    ASSERT_TRUE(article.ok()) << article.status();
    google::protobuf::util::MessageDifferencer diff;
    diff.set_scope(google::protobuf::util::MessageDifferencer::PARTIAL);
    std::string report;
    diff.ReportDifferencesToString(&report);
    EXPECT_TRUE(diff.Compare(expected, *article)) << report;
    EXPECT_EQ(article->source(), "fixtures");
    EXPECT_EQ(article->id().size(), 16u);
    ++checked;
  }
  // One clean fixture per format at least.
  EXPECT_GE(checked, 6);
}

TEST(FixturesTest, EveryBadFixtureFailsWithItsReason) {
  int checked = 0;
  for (const std::string& reason : ListDir(FixturePath("bad"))) {
    const std::string dir = FixturePath("bad/" + reason);
    for (const std::string& name : ListDir(dir)) {
      SCOPED_TRACE(absl::StrCat(reason, "/", name));
      absl::StatusOr<v1::Article> article =
          IngestFile(absl::StrCat(dir, "/", name));
      ASSERT_FALSE(article.ok());
      EXPECT_EQ(ReasonOf(article.status()), reason) << article.status();
      ++checked;
    }
  }
  EXPECT_GE(checked, 15);
}

TEST(FixturesTest, SameFixtureSameId) {
  absl::StatusOr<v1::Article> a = IngestFile(FixturePath("good/nitf.xml"));
  absl::StatusOr<v1::Article> b = IngestFile(FixturePath("good/nitf.xml"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->id(), b->id());
}

// The demo feed: every file parses, except the ones named "malformed",
// which must be dead-lettered with a reason.
TEST(FixturesTest, SampleFeedParses) {
  const std::string dir = "testdata/sample_feed";
  ASSERT_TRUE(IsDirectory(dir)) << "run from the repository root";
  for (const std::string& name : ListDir(dir)) {
    const std::string path = absl::StrCat(dir, "/", name);
    if (IsDirectory(path) || absl::StartsWith(name, ".") ||
        absl::EndsWith(name, ".md")) {
      continue;
    }
    SCOPED_TRACE(path);
    absl::StatusOr<v1::Article> article = IngestFile(path);
    if (absl::StrContains(name, "malformed")) {
      EXPECT_FALSE(article.ok());
      EXPECT_TRUE(absl::StartsWith(ReasonOf(article.status()), "xml."))
          << article.status();
      continue;
    }
    ASSERT_TRUE(article.ok()) << article.status();
    EXPECT_FALSE(article->headline().empty());
    EXPECT_FALSE(article->body().empty());
    EXPECT_EQ(article->language(), "en");
  }
}

}  // namespace
}  // namespace newswire::ingest
