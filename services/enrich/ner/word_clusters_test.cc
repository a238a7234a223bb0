#include "services/enrich/ner/word_clusters.h"

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

}  // namespace
}  // namespace newswire::ner
