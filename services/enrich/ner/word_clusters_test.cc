#include "services/enrich/ner/word_clusters.h"

#include <cstdio>
#include <fstream>

#include "gtest/gtest.h"

namespace newswire::ner {
namespace {

std::vector<std::vector<std::string>> Corpus() {
  std::vector<std::vector<std::string>> c;
  for (int i = 0; i < 5; ++i) {
    c.push_back({"the", "cat", "sat", "down"});
    c.push_back({"the", "dog", "sat", "down"});
    c.push_back({"the", "cow", "sat", "down"});
    c.push_back({"flights", "to", "Paris", "today"});
    c.push_back({"flights", "to", "London", "today"});
    c.push_back({"flights", "to", "Rome", "today"});
  }
  return c;
}

TEST(WordClustersTest, WordsInTheSameContextsShareACluster) {
  WordClusterOptions opt;
  opt.min_count = 2;
  opt.coarse = 6;
  opt.fine = 8;
  auto ids = BuildWordClusters(Corpus(), opt);
  ASSERT_TRUE(ids.contains("cat") && ids.contains("paris"));
  EXPECT_EQ(CoarseCluster(ids["cat"]), CoarseCluster(ids["dog"]));
  EXPECT_EQ(CoarseCluster(ids["cat"]), CoarseCluster(ids["cow"]));
  // Keys are normalized (lower case).
  EXPECT_EQ(CoarseCluster(ids["paris"]), CoarseCluster(ids["london"]));
  EXPECT_EQ(CoarseCluster(ids["paris"]), CoarseCluster(ids["rome"]));
  EXPECT_NE(CoarseCluster(ids["cat"]), CoarseCluster(ids["paris"]));
  EXPECT_EQ(FineCluster(ids["cat"]), FineCluster(ids["cow"]));
  EXPECT_NE(FineCluster(ids["cat"]), FineCluster(ids["rome"]));
  EXPECT_EQ(BuildWordClusters(Corpus(), opt), ids);  // deterministic
}

TEST(WordClustersTest, RareWordsGetNoCluster) {
  WordClusterOptions opt;
  opt.min_count = 6;
  auto ids = BuildWordClusters(Corpus(), opt);
  EXPECT_FALSE(ids.contains("cat"));  // 5 times
  EXPECT_TRUE(ids.contains("the"));   // 15 times
  EXPECT_EQ(PackClusters(5, 300) & 0x7F, 5);
  EXPECT_EQ(FineCluster(PackClusters(5, 300)), 300);
}

std::string WriteVectors(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(EmbeddingClustersTest, WordsWithSimilarVectorsShareAClass) {
  // Two directions: cities near (1, 0, 0), people near (0, 1, 0); vector
  // length does not matter (spherical k-means).
  const std::string path = WriteVectors("vectors.txt",
                                        "paris 1 0.1 0\n"
                                        "john 0 1 0.1\n"
                                        "london 2 0 0.1\n"
                                        "mary 0.1 3 0\n"
                                        "rome 1 0 0\n"
                                        "Paris 0 1 0\n"  // same form: ignored
                                        "peter 0 1 0\n"
                                        "u.s. 0.9 0.1 0\n");
  EmbeddingClusterOptions opt;
  opt.coarse = 2;
  opt.fine = 2;
  auto ids = BuildEmbeddingClusters(path, opt);
  ASSERT_TRUE(ids.ok()) << ids.status();
  EXPECT_EQ(ids->size(), 7u);
  EXPECT_EQ(CoarseCluster(ids->at("paris")), CoarseCluster(ids->at("rome")));
  EXPECT_EQ(CoarseCluster(ids->at("paris")), CoarseCluster(ids->at("london")));
  EXPECT_EQ(CoarseCluster(ids->at("paris")), CoarseCluster(ids->at("u.s.")));
  EXPECT_EQ(CoarseCluster(ids->at("john")), CoarseCluster(ids->at("mary")));
  EXPECT_EQ(CoarseCluster(ids->at("john")), CoarseCluster(ids->at("peter")));
  EXPECT_NE(CoarseCluster(ids->at("paris")), CoarseCluster(ids->at("john")));
  EXPECT_EQ(FineCluster(ids->at("rome")), FineCluster(ids->at("london")));
  auto again = BuildEmbeddingClusters(path, opt);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *ids);  // deterministic

  opt.max_words = 3;  // only the most frequent (first) words get a class
  auto top = BuildEmbeddingClusters(path, opt);
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(top->size(), 3u);
  EXPECT_TRUE(top->contains("london"));
  EXPECT_FALSE(top->contains("mary"));
  std::remove(path.c_str());
}

TEST(EmbeddingClustersTest, MissingOrMalformedFilesAreErrors) {
  EmbeddingClusterOptions opt;
  EXPECT_EQ(
      BuildEmbeddingClusters("/nonexistent/vectors.txt", opt).status().code(),
      absl::StatusCode::kNotFound);
  const std::string ragged = WriteVectors("ragged.txt", "a 1 2 3\nb 1 2\n");
  EXPECT_EQ(BuildEmbeddingClusters(ragged, opt).status().code(),
            absl::StatusCode::kInvalidArgument);
  const std::string bad = WriteVectors("bad.txt", "a 1 x 3\n");
  EXPECT_EQ(BuildEmbeddingClusters(bad, opt).status().code(),
            absl::StatusCode::kInvalidArgument);
  std::remove(ragged.c_str());
  std::remove(bad.c_str());
}

TEST(EmbeddingClustersTest, ClassCountsBeyondThePackedIdsAreRejected) {
  const std::string path = WriteVectors("ok.txt", "a 1 0\nb 0 1\n");
  EmbeddingClusterOptions opt;
  opt.fine = 513;  // would not fit the 9 bits of a packed fine id
  EXPECT_EQ(BuildEmbeddingClusters(path, opt).status().code(),
            absl::StatusCode::kInvalidArgument);
  opt.fine = 512;
  opt.coarse = 129;
  EXPECT_EQ(BuildEmbeddingClusters(path, opt).status().code(),
            absl::StatusCode::kInvalidArgument);
  opt.coarse = 128;
  EXPECT_TRUE(BuildEmbeddingClusters(path, opt).ok());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace newswire::ner
