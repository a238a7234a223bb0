#include "services/enrich/ner/trainer.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "gtest/gtest.h"

namespace newswire::ner {
namespace {

// Writes a small CoNLL file of our own sentences and returns its path.
std::string WriteTinyConll() {
  std::string path = ::testing::TempDir() + "/trainer_tiny.conll";
  std::ofstream out(path);
  for (int d = 0; d < 4; ++d) {
    out << "-DOCSTART- -X- -X- O\n\n"
           "Peter NNP I-NP I-PER\nMiller NNP I-NP I-PER\nvisited VBD I-VP O\n"
           "Bonn NNP I-NP I-LOC\n. . O O\n\n"
           "Acme NNP I-NP I-ORG\nshares NNS I-NP O\nrose VBD I-VP O\n. . O O\n"
           "\n";
  }
  return path;
}

TrainOptions TinyOptions(const std::string& path) {
  TrainOptions opt;
  opt.train_path = path;
  opt.gazetteer_path.clear();
  opt.cues_path.clear();
  opt.use_clusters = false;
  opt.min_feature_count = 1;
  opt.max_epochs = 3;
  return opt;
}

TEST(NerTrainerTest, WithoutDevTrainsExactlyMaxEpochsAndKeepsTheLast) {
  const std::string path = WriteTinyConll();
  auto result = TrainNer(TinyOptions(path), nullptr);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_NE(result->model, nullptr);
  EXPECT_EQ(result->best_epoch, 3);
  EXPECT_EQ(result->dev.overall().gold, 0);  // nothing was scored on a dev set
  auto docs = ReadConll(path);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_EQ(EvaluateConll(*result->model, *docs).overall().F1(), 1.0);
  std::remove(path.c_str());
}

TEST(NerTrainerTest, WithDevScoresEveryEpochAndKeepsTheBest) {
  const std::string path = WriteTinyConll();
  TrainOptions opt = TinyOptions(path);
  opt.dev_path = path;
  auto result = TrainNer(opt, nullptr);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_NE(result->model, nullptr);
  EXPECT_GE(result->best_epoch, 1);
  EXPECT_LE(result->best_epoch, 3);
  EXPECT_EQ(result->dev.overall().gold, 12);  // 3 entities x 4 documents
  std::remove(path.c_str());
}

// Four different documents, so that different document orders train
// different weights.
std::string WriteVariedConll() {
  std::string path = ::testing::TempDir() + "/trainer_varied.conll";
  std::ofstream out(path);
  const char* kDocs[] = {
      "Peter NNP I-NP I-PER\nMiller NNP I-NP I-PER\nvisited VBD I-VP O\n"
      "Bonn NNP I-NP I-LOC\n. . O O\n",
      "Acme NNP I-NP I-ORG\nshares NNS I-NP O\nrose VBD I-VP O\n"
      "in IN I-PP O\nParis NNP I-NP I-LOC\n. . O O\n",
      "Anna NNP I-NP I-PER\nBerg NNP I-NP I-PER\njoined VBD I-VP O\n"
      "Acme NNP I-NP I-ORG\n. . O O\n",
      "Bonn NNP I-NP I-LOC\nwelcomed VBD I-VP O\nGerman JJ I-NP I-MISC\n"
      "visitors NNS I-NP O\n. . O O\n"};
  for (const char* doc : kDocs)
    out << "-DOCSTART- -X- -X- O\n\n" << doc << "\n";
  return path;
}

TEST(NerTrainerTest, SeveralOrdersAverageIntoOneDeterministicModel) {
  const std::string path = WriteVariedConll();
  TrainOptions opt = TinyOptions(path);
  auto one = TrainNer(opt, nullptr);
  ASSERT_TRUE(one.ok()) << one.status();
  opt.orders = 3;
  auto three = TrainNer(opt, nullptr);
  auto again = TrainNer(opt, nullptr);
  ASSERT_TRUE(three.ok()) << three.status();
  ASSERT_TRUE(again.ok()) << again.status();
  // The same seed and order count give the same bytes; the extra orders
  // change the weights.
  EXPECT_EQ(three->model->Serialize(), again->model->Serialize());
  EXPECT_NE(three->model->Serialize(), one->model->Serialize());
  auto docs = ReadConll(path);
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_EQ(EvaluateConll(*three->model, *docs).overall().F1(), 1.0);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace newswire::ner
