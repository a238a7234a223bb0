#include "services/enrich/ner/entity_tagger.h"

#include <cstdio>
#include <fstream>
#include <thread>

#include "common/io/file.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::ner {
namespace {

constexpr char kModel[] = "models/ner/ner.model";

class TaggerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto t = EntityTagger::Load(kModel);
    ASSERT_TRUE(t.ok()) << t.status();
    tagger_ = t->release();
  }
  static void TearDownTestSuite() { delete tagger_; }

  // "text/TYPE" for each mention.
  static std::vector<std::string> Tagged(absl::string_view text) {
    std::vector<std::string> out;
    for (const Mention& m : tagger_->Tag(text)) {
      EXPECT_LT(m.begin, m.end);
      EXPECT_LE(m.end, text.size());
      EXPECT_GT(m.confidence, 0.0f);
      EXPECT_LE(m.confidence, 1.0f);
      out.push_back(std::string(text.substr(m.begin, m.end - m.begin)) + "/" +
                    v1::EntityType_Name(m.type));
    }
    return out;
  }

  static EntityTagger* tagger_;
};
EntityTagger* TaggerTest::tagger_ = nullptr;

using ::testing::Contains;
using ::testing::Not;

TEST_F(TaggerTest, CommittedModelLoadsByDefault) {
  auto t = EntityTagger::Load("");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_FALSE((*t)->Tag("Reuters reported from Seoul.").empty());
}

TEST_F(TaggerTest, MissingAndCorruptFilesAreErrors) {
  EXPECT_EQ(EntityTagger::Load("no/such/file").status().code(),
            absl::StatusCode::kNotFound);
  absl::StatusOr<std::string> model = ReadFileToString(kModel);
  ASSERT_TRUE(model.ok()) << model.status();
  std::string bytes = *std::move(model);
  bytes[bytes.size() / 2] ^= 0x5A;
  const std::string path = ::testing::TempDir() + "/corrupt.model";
  std::ofstream(path, std::ios::binary) << bytes;
  EXPECT_EQ(EntityTagger::Load(path).status().code(),
            absl::StatusCode::kDataLoss);
  std::ofstream(path, std::ios::binary) << "short";
  EXPECT_EQ(EntityTagger::Load(path).status().code(),
            absl::StatusCode::kDataLoss);
  std::remove(path.c_str());
}

TEST_F(TaggerTest, FindsPeoplePlacesAndOrganisationsWithByteOffsets) {
  std::vector<std::string> got = Tagged(
      "SEOUL (Reuters) - North Korean leader Kim Jong-un met Russian Foreign "
      "Minister Sergei Lavrov in Pyongyang on Tuesday, the Korean Central "
      "News Agency said.");
  EXPECT_THAT(got, Contains("Kim Jong-un/PERSON"));
  EXPECT_THAT(got, Contains("Sergei Lavrov/PERSON"));
  EXPECT_THAT(got, Contains("Pyongyang/LOCATION"));
  EXPECT_THAT(got, Contains("SEOUL/LOCATION"));
  EXPECT_THAT(got, Contains("Korean Central News Agency/ORGANIZATION"));
}

TEST_F(TaggerTest, GazetteerNamesWithLowerCaseParticlesStayWhole) {
  EXPECT_THAT(Tagged("Muhammad bin Salman met officials in Riyadh."),
              Contains("Muhammad bin Salman/PERSON"));
}

TEST_F(TaggerTest, KoreanSurnameNoIsAPersonOnlyWhereItIsOne) {
  EXPECT_THAT(Tagged("South Korean President No Mu-hyun said on Monday he "
                     "would visit Japan."),
              Contains("No Mu-hyun/PERSON"));
  std::vector<std::string> plain =
      Tagged("No agreement was reached. No one in Seoul commented.");
  for (const std::string& m : plain) {
    EXPECT_THAT(m, Not(::testing::StartsWith("No")));
  }
}

// Word scores are cached on first use: threads that tag the same new words
// at once on a fresh model must agree with a model that tagged them alone.
class CacheTest : public ::testing::TestWithParam<bool> {};

TEST_P(CacheTest, ConcurrentFirstUseMatchesSequentialTagging) {
  const std::vector<std::string> texts = {
      "SEOUL (Reuters) - North Korean leader Kim Jong-un met Russian Foreign "
      "Minister Sergei Lavrov in Pyongyang on Tuesday.",
      "Muhammad bin Salman met officials in Riyadh and Jeddah.",
      "The Korean Central News Agency said Lavrov left Pyongyang.",
  };
  auto sequential = EntityTagger::Load(kModel);
  ASSERT_TRUE(sequential.ok()) << sequential.status();
  std::vector<std::vector<Mention>> want;
  for (const std::string& t : texts) want.push_back((*sequential)->Tag(t));
  // A warm tagger (whole cache filled at load) must agree too.
  auto fresh = EntityTagger::Load(kModel, GetParam());
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  constexpr int kThreads = 4;
  std::vector<std::vector<std::vector<Mention>>> got(kThreads);
  std::vector<std::thread> threads;
  for (int k = 0; k < kThreads; ++k) {
    threads.emplace_back([&, k] {
      for (const std::string& t : texts) got[k].push_back((*fresh)->Tag(t));
    });
  }
  for (std::thread& t : threads) t.join();
  for (int k = 0; k < kThreads; ++k) {
    ASSERT_EQ(got[k].size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(got[k][i].size(), want[i].size()) << texts[i];
      EXPECT_FALSE(want[i].empty());
      for (size_t m = 0; m < want[i].size(); ++m) {
        EXPECT_EQ(got[k][i][m].begin, want[i][m].begin);
        EXPECT_EQ(got[k][i][m].end, want[i][m].end);
        EXPECT_EQ(got[k][i][m].type, want[i][m].type);
        EXPECT_EQ(got[k][i][m].confidence, want[i][m].confidence);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(LazyAndWarm, CacheTest, ::testing::Bool());

}  // namespace
}  // namespace newswire::ner
