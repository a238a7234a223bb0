#include "services/enrich/sentiment/word_vectors.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "common/text/hash.h"
#include "gtest/gtest.h"
#include "services/enrich/sentiment/features.h"
#include "services/enrich/sentiment/lexicon.h"
#include "services/enrich/sentiment/linear_model.h"
#include "services/enrich/sentiment/tokens.h"

namespace newswire::sentiment {
namespace {

// A vector file line: `word` followed by kVectorDim numbers, all `fill`
// except component `hot`, which is `hot_value`.
std::string Line(const std::string& word, int hot, float hot_value,
                 float fill) {
  std::string line = word;
  for (int i = 0; i < kVectorDim; ++i) {
    line += " " + std::to_string(i == hot ? hot_value : fill);
  }
  return line + "\n";
}

std::string WriteFile(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream out(path);
  out << text;
  return path;
}

std::vector<float> VectorOf(const WordVectors& v, const std::string& word) {
  std::vector<float> out(kVectorDim, 0.0f);
  const int32_t row = v.Row(HashWord(word));
  if (row >= 0) v.AddRow(row, 1.0f, out.data());
  return out;
}

TEST(WordVectorsTest, ReadsUnitLengthVectorsFirstSpellingWins) {
  const std::string path = WriteFile(
      "vectors.txt", Line("praised", 3, 2.0f, 0.0f) +
                         Line("Praised", 7, 5.0f, 0.0f) +  // same hash: ignored
                         Line("zero", 0, 0.0f, 0.0f) +     // no length: skipped
                         Line("blasted", 1, -4.0f, 1.0f));
  absl::StatusOr<WordVectors> v = WordVectors::ReadText(path, 0);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->size(), 2u);
  EXPECT_LT(v->Row(HashWord("zero")), 0);
  const std::vector<float> praised = VectorOf(*v, "praised");
  EXPECT_NEAR(praised[3], 1.0f, 1e-6);
  EXPECT_FLOAT_EQ(praised[7], 0.0f);
  // (1, -4, 1, ..., 1) / sqrt(115), stored to 1/127 of its largest part.
  const std::vector<float> blasted = VectorOf(*v, "blasted");
  const float norm = std::sqrt(115.0f);
  EXPECT_NEAR(blasted[1], -4.0f / norm, 1e-6);
  EXPECT_NEAR(blasted[0], 1.0f / norm, 4.0f / norm / 254.0f);
  double length = 0;
  for (float x : blasted) length += x * x;
  EXPECT_NEAR(length, 1.0, 0.02);

  absl::StatusOr<WordVectors> first = WordVectors::ReadText(path, 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->size(), 1u);
  EXPECT_LT(first->Row(HashWord("blasted")), 0);
}

TEST(WordVectorsTest, ReportsMissingAndMalformedFiles) {
  EXPECT_EQ(
      WordVectors::ReadText("/nonexistent/vectors.txt", 0).status().code(),
      absl::StatusCode::kNotFound);
  const std::string path = WriteFile("short.txt", "good 0.1 0.2 0.3\n");
  EXPECT_EQ(WordVectors::ReadText(path, 0).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(WordVectorsTest, ModelFileCarriesVectorsAndTheirWeights) {
  Lexicon lexicon = Lexicon::BuiltIn();
  std::vector<int8_t> q(kVectorDim, 0);
  q[5] = -100;
  q[6] = 127;
  lexicon.mutable_vectors()->Add(HashWord("slammed"), 0.004f, q.data());
  LinearModel weights;
  weights.dense_row(kNumBaseDense + 5)[0] = 0.25f;
  weights.sparse_row(42)[2] = -1.5f;
  const std::string bytes = SerializeModel(weights, lexicon, 1e-4f);

  LinearModel read_weights;
  Lexicon read_lexicon = Lexicon::BuiltIn();
  ASSERT_TRUE(ParseModel(bytes, &read_weights, &read_lexicon).ok());
  EXPECT_EQ(read_weights.dense(), weights.dense());
  EXPECT_FLOAT_EQ(read_weights.sparse_row(42)[2], -1.5f);
  ASSERT_EQ(read_lexicon.vectors().size(), 1u);
  const WordVectors& v = read_lexicon.vectors();
  EXPECT_EQ(v.hash(0), HashWord("slammed"));
  EXPECT_FLOAT_EQ(v.scale(0), 0.004f);
  EXPECT_EQ(std::memcmp(v.bytes(0), q.data(), kVectorDim), 0);

  // A truncated vector section is data loss, not a short table.
  std::string cut = bytes.substr(0, bytes.size() - 8 - 10);
  const uint64_t checksum = Fingerprint64(cut);
  cut.append(reinterpret_cast<const char*>(&checksum), sizeof(checksum));
  LinearModel w2;
  Lexicon l2 = Lexicon::BuiltIn();
  EXPECT_EQ(ParseModel(cut, &w2, &l2).code(), absl::StatusCode::kDataLoss);
}

// The layout of a model file written before the word vectors: "NWSENT02",
// kNumBaseDense dense rows, no vector section.
std::string VersionTwoFile(uint32_t dense) {
  std::string out = "NWSENT02";
  auto put = [&out](const void* p, size_t n) {
    out.append(static_cast<const char*>(p), n);
  };
  const uint32_t bits = kHashBits;
  put(&bits, 4);
  put(&dense, 4);
  for (uint32_t i = 0; i < dense * kNumClasses; ++i) {
    const float w = i == 2 ? 0.5f : 0.0f;  // dense row 0, positive
    put(&w, 4);
  }
  const uint32_t rows = 1, row = 7, words = 1;
  const float row_weights[3] = {0.1f, 0.2f, 0.3f};
  put(&rows, 4);
  put(&row, 4);
  put(row_weights, sizeof(row_weights));
  put(&words, 4);
  const uint64_t hash = HashWord("splendid");
  const float valence = 0.75f;
  put(&hash, 8);
  put(&valence, 4);
  const uint64_t checksum = Fingerprint64(out);
  put(&checksum, 8);
  return out;
}

TEST(WordVectorsTest, VersionTwoModelFilesStillLoad) {
  LinearModel weights;
  Lexicon lexicon = Lexicon::BuiltIn();
  ASSERT_TRUE(
      ParseModel(VersionTwoFile(kNumBaseDense), &weights, &lexicon).ok());
  EXPECT_FLOAT_EQ(weights.dense_row(0)[2], 0.5f);
  EXPECT_FLOAT_EQ(weights.sparse_row(7)[1], 0.2f);
  EXPECT_FLOAT_EQ(lexicon.Find(HashWord("splendid"))->valence, 0.75f);
  EXPECT_TRUE(lexicon.vectors().empty());
  for (int i = kNumBaseDense; i < kNumDense; ++i) {
    EXPECT_EQ(weights.dense_row(i)[0], 0.0f);
  }
  LinearModel w2;
  Lexicon l2 = Lexicon::BuiltIn();
  EXPECT_EQ(ParseModel(VersionTwoFile(kNumDense), &w2, &l2).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(WordVectorsTest, ContextVectorsWeighWordsByDistanceBySide) {
  Lexicon lexicon = Lexicon::BuiltIn();
  std::vector<int8_t> q(kVectorDim, 0);
  q[0] = 127;
  lexicon.mutable_vectors()->Add(HashWord("praised"), 1.0f / 127, q.data());
  q[0] = 0;
  q[1] = 127;
  lexicon.mutable_vectors()->Add(HashWord("harshly"), 1.0f / 127, q.data());
  const std::string text = "Critics harshly praised Smith on Tuesday.";
  const size_t begin = text.find("Smith");
  FeatureVector f;
  ASSERT_TRUE(ExtractTargetFeatures(lexicon, text, begin, begin + 5, &f));
  // Left: "praised" at distance 1 (weight 1), "harshly" at 2 (weight 1/2),
  // "Critics" has no vector; the mean is scaled to 15.
  const float* left = &f.dense[kNumBaseDense];
  EXPECT_NEAR(left[0], 15.0f * 1.0f / 1.5f, 1e-4);
  EXPECT_NEAR(left[1], 15.0f * 0.5f / 1.5f, 1e-4);
  EXPECT_FLOAT_EQ(left[2], 0.0f);
  // Right: no word with a vector.
  for (int i = 0; i < kVectorDim; ++i) {
    EXPECT_EQ(f.dense[kNumBaseDense + kVectorDim + i], 0.0f);
  }
  // The target's own words never count: "praised" as the target leaves
  // "harshly" alone on the left.
  const size_t p = text.find("praised");
  ASSERT_TRUE(ExtractTargetFeatures(lexicon, text, p, p + 7, &f));
  EXPECT_NEAR(f.dense[kNumBaseDense + 1], 15.0f, 1e-4);
  EXPECT_FLOAT_EQ(f.dense[kNumBaseDense + 0], 0.0f);
  // Without vectors the features are 0.
  const Lexicon plain = Lexicon::BuiltIn();
  ASSERT_TRUE(ExtractTargetFeatures(plain, text, begin, begin + 5, &f));
  for (int i = kNumBaseDense; i < kNumDense; ++i) EXPECT_EQ(f.dense[i], 0.0f);
}

TEST(WordVectorsTest, ProjectedScoresEqualExpandedScores) {
  Lexicon lexicon = Lexicon::BuiltIn();
  std::vector<int8_t> q(kVectorDim);
  for (int i = 0; i < kVectorDim; ++i) q[i] = static_cast<int8_t>(i - 50);
  lexicon.mutable_vectors()->Add(HashWord("slammed"), 0.01f, q.data());
  for (int i = 0; i < kVectorDim; ++i) q[i] = static_cast<int8_t>(70 - i);
  lexicon.mutable_vectors()->Add(HashWord("tuesday"), 0.02f, q.data());
  LinearModel weights;
  for (int i = 0; i < kNumDense; ++i) {
    for (int c = 0; c < kNumClasses; ++c) {
      weights.dense_row(i)[c] =
          0.01f * static_cast<float>((i * 7 + c * 3) % 11);
    }
  }
  weights.ProjectVectors(lexicon.vectors());
  const std::string text = "Critics slammed Smith on Tuesday.";
  const size_t begin = text.find("Smith");
  FeatureVector expanded;
  ASSERT_TRUE(
      ExtractTargetFeatures(lexicon, text, begin, begin + 5, &expanded));
  ASSERT_EQ(expanded.vector_terms.size(), 2u);  // one word a side
  FeatureVector terms_only = expanded;
  std::fill(terms_only.dense.begin() + kNumBaseDense, terms_only.dense.end(),
            0.0f);
  float want[kNumClasses] = {0, 0, 0};
  float got[kNumClasses] = {0, 0, 0};
  weights.AddScores(expanded, want);
  weights.AddProjectedScores(terms_only, got);
  for (int c = 0; c < kNumClasses; ++c) {
    EXPECT_NE(want[c], 0.0f);
    EXPECT_NEAR(got[c], want[c], 1e-4f * std::fabs(want[c]));
  }
  // Rows are projected on first use. Re-projecting drops them, and threads
  // that meet the same rows first at the same time all see the same scores.
  weights.ProjectVectors(lexicon.vectors());
  float seen[4][kNumClasses] = {};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int rep = 0; rep < 100; ++rep) {
        float s[kNumClasses] = {0, 0, 0};
        weights.AddProjectedScores(terms_only, s);
        if (rep == 0) std::copy(s, s + kNumClasses, seen[t]);
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 4; ++t) {
    for (int c = 0; c < kNumClasses; ++c) EXPECT_EQ(seen[t][c], got[c]);
  }
}

}  // namespace
}  // namespace newswire::sentiment
