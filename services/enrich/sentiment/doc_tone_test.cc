// Document tone on our own hand-labelled mixed stories
// (testdata/doc_tone.txt, testdata/doc_tone_heldout.txt): prints each
// story's score under the shipped scorer and the plain weighted mean it
// replaced, requires the accuracy docs/BENCHMARKS.md reports and that the
// shipped scorer beats the plain one. Run from the repository root (it
// loads the committed model, like sentiment_model_test).
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/io/data_path.h"
#include "common/io/file.h"
#include "gtest/gtest.h"
#include "services/enrich/sentiment/document_tone.h"
#include "services/enrich/sentiment/lexicon.h"
#include "services/enrich/sentiment/linear_model.h"
#include "services/enrich/sentiment/sentiment_model.h"

namespace newswire::sentiment {
namespace {

struct Story {
  v1::SentimentLabel label = v1::SENTIMENT_LABEL_UNSPECIFIED;
  std::string headline;
  std::string body;
};

v1::SentimentLabel ParseLabel(absl::string_view s) {
  if (s == "NEGATIVE") return v1::NEGATIVE;
  if (s == "NEUTRAL") return v1::NEUTRAL;
  if (s == "POSITIVE") return v1::POSITIVE;
  return v1::SENTIMENT_LABEL_UNSPECIFIED;
}

std::vector<Story> LoadStories(const std::string& path) {
  absl::StatusOr<std::string> data = ReadFileToString(path);
  EXPECT_TRUE(data.ok()) << data.status();
  std::vector<Story> stories;
  bool in_story = false;
  for (absl::string_view line : absl::StrSplit(data.value_or(""), '\n')) {
    if (!line.empty() && line[0] == '#') continue;
    if (absl::StripAsciiWhitespace(line).empty()) {
      in_story = false;
      continue;
    }
    if (!in_story) {
      std::vector<std::string> cols =
          absl::StrSplit(line, absl::MaxSplits('\t', 1));
      EXPECT_EQ(cols.size(), 2u) << line;
      if (cols.size() != 2) continue;
      stories.push_back({ParseLabel(cols[0]), cols[1], ""});
      EXPECT_NE(stories.back().label, v1::SENTIMENT_LABEL_UNSPECIFIED) << line;
      in_story = true;
      continue;
    }
    std::string& body = stories.back().body;
    if (!body.empty()) body += ' ';
    body.append(line.data(), line.size());
  }
  return stories;
}

// Accuracy of the shipped scorer (through SentimentModel::ScoreDocument)
// and of the plain position-weighted mean it replaced, on one file.
void CheckFile(const std::string& name, double want_accuracy) {
  auto model = SentimentModel::Load("");
  ASSERT_TRUE(model.ok()) << model.status();
  LinearModel weights;
  Lexicon lexicon = Lexicon::BuiltIn();
  absl::StatusOr<std::string> path = FindDataFile(kDefaultSentimentModel);
  ASSERT_TRUE(path.ok()) << path.status();
  ASSERT_TRUE(ReadModelFile(*path, &weights, &lexicon).ok());
  std::vector<Story> stories =
      LoadStories("services/enrich/sentiment/testdata/" + name);
  ASSERT_FALSE(stories.empty());
  int right = 0, plain_right = 0;
  for (const Story& s : stories) {
    v1::Sentiment got = (*model)->ScoreDocument(s.headline, s.body);
    const float plain =
        ScoreDocumentTone(lexicon, s.headline, s.body, ToneOptions::Plain())
            .total;
    right += got.label() == s.label;
    plain_right += ToneLabel(plain) == s.label;
    std::printf("%s %+.3f %-8s (plain %+.3f %-8s) want %-8s %s\n",
                got.label() == s.label ? "  " : "x ", got.score(),
                v1::SentimentLabel_Name(got.label()).c_str(), plain,
                v1::SentimentLabel_Name(ToneLabel(plain)).c_str(),
                v1::SentimentLabel_Name(s.label).c_str(), s.headline.c_str());
  }
  const double n = static_cast<double>(stories.size());
  std::printf("%s: %zu stories, accuracy %.4f (%d), plain mean %.4f (%d)\n",
              name.c_str(), stories.size(), right / n, right, plain_right / n,
              plain_right);
  EXPECT_GE(right / n, want_accuracy);
  EXPECT_GT(right, plain_right);
}

// The stories the weights were chosen on.
TEST(DocToneTest, TuningStories) { CheckFile("doc_tone.txt", 0.9); }

// Stories written and labelled before the weights were chosen; 0.5 is what
// the shipped weights reach on them (docs/BENCHMARKS.md).
TEST(DocToneTest, HeldOutStories) { CheckFile("doc_tone_heldout.txt", 0.5); }

}  // namespace
}  // namespace newswire::sentiment
