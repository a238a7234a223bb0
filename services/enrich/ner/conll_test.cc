#include "services/enrich/ner/conll.h"

#include <cstdio>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/enrich/ner/labels.h"

namespace newswire::ner {
namespace {

TEST(ConllTest, Iob1TagsToSpansLikeConlleval) {
  // I-X after O starts an entity; B-X splits two touching ones.
  std::vector<TokenSpan> spans =
      TagsToSpans({"I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "I-MISC"});
  ASSERT_EQ(spans.size(), 5u);
  EXPECT_EQ(spans[0], (TokenSpan{0, 2, EntityClass::kPer}));
  EXPECT_EQ(spans[1], (TokenSpan{3, 4, EntityClass::kLoc}));
  EXPECT_EQ(spans[2], (TokenSpan{4, 5, EntityClass::kLoc}));
  EXPECT_EQ(spans[3], (TokenSpan{5, 6, EntityClass::kOrg}));
  EXPECT_EQ(spans[4], (TokenSpan{6, 7, EntityClass::kMisc}));
}

TEST(ConllTest, SpansRoundTripThroughIob1AndBilou) {
  std::vector<TokenSpan> spans = {{0, 2, EntityClass::kPer},
                                  {2, 3, EntityClass::kPer},
                                  {4, 5, EntityClass::kMisc}};
  std::vector<std::string> iob1 = SpansToIob1(spans, 6);
  EXPECT_THAT(iob1, ::testing::ElementsAre("I-PER", "I-PER", "B-PER", "O",
                                           "I-MISC", "O"));
  EXPECT_EQ(TagsToSpans(iob1), spans);
  EXPECT_EQ(LabelsToSpans(SpansToLabels(spans, 6)), spans);
}

TEST(ConllTest, ScorerCountsExactSpansOnly) {
  SpanScorer scorer;
  // Gold: [John Smith]PER visited [New York]LOC.
  // Predicted: [John]PER (boundary error), [New York]LOC (correct),
  // [visited]MISC (spurious).
  scorer.AddTags({"I-PER", "I-PER", "O", "I-LOC", "I-LOC"},
                 {"I-PER", "O", "I-MISC", "I-LOC", "I-LOC"});
  EXPECT_EQ(scorer.overall().gold, 2);
  EXPECT_EQ(scorer.overall().predicted, 3);
  EXPECT_EQ(scorer.overall().true_positives, 1);
  EXPECT_DOUBLE_EQ(scorer.overall().Precision(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(scorer.overall().Recall(), 0.5);
  EXPECT_DOUBLE_EQ(scorer.overall().F1(), 0.4);
  EXPECT_DOUBLE_EQ(scorer.of(EntityClass::kLoc).F1(), 1.0);
  EXPECT_DOUBLE_EQ(scorer.of(EntityClass::kPer).F1(), 0.0);
  EXPECT_EQ(scorer.of(EntityClass::kMisc).predicted, 1);
  EXPECT_THAT(scorer.Report(), ::testing::HasSubstr("F1  40.00"));
}

TEST(ConllTest, ReadsDocumentsAndSentences) {
  const std::string path = ::testing::TempDir() + "/tiny.conll";
  {
    std::ofstream out(path);
    out << "-DOCSTART- -X- -X- O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\n"
           "Peter NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\n"
           "Bonn NNP I-NP I-LOC\n";
  }
  auto docs = ReadConll(path);
  ASSERT_TRUE(docs.ok()) << docs.status();
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].sentences.size(), 2u);
  EXPECT_EQ((*docs)[0].sentences[0].tokens[1], "rejects");
  EXPECT_EQ((*docs)[0].sentences[0].tags[0], "I-ORG");
  EXPECT_EQ((*docs)[1].sentences[0].lines[0], "Bonn NNP I-NP I-LOC");
  std::remove(path.c_str());
  EXPECT_EQ(ReadConll(path).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace newswire::ner
