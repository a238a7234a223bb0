#include "services/enrich/ner/features.h"

#include <algorithm>

#include "common/text/hash.h"
#include "gtest/gtest.h"

namespace newswire::ner {
namespace {

using Sentences = std::vector<std::vector<absl::string_view>>;

Lexicon Cues() {
  Lexicon lex;
  lex.AddCue("bill", kCueFirstName);
  lex.AddCue("president", kCueTitle);
  lex.AddCue("spa", kCueOrgWord);
  lex.AddCue("river", kCueLocWord);
  return lex;
}

uint8_t ContextOf(const DocumentCase& doc, absl::string_view word) {
  return doc.ContextBits(Fingerprint64(NormalizedLower(word)));
}

TEST(DocumentCaseTest, SurnameSeesItsFullNameAnywhereInTheDocument) {
  const Lexicon lex = Cues();
  // The bare surname comes first; the full name later still counts.
  const Sentences doc = {{"Clinton", "spoke", "."},
                         {"Later", ",", "Bill", "Clinton", "left", "."}};
  const DocumentCase dc(doc, &lex);
  EXPECT_TRUE(ContextOf(dc, "Clinton") & DocumentCase::kAfterFirstName);
  EXPECT_TRUE(ContextOf(dc, "Clinton") & DocumentCase::kInsideName);
  EXPECT_FALSE(ContextOf(dc, "Clinton") & DocumentCase::kAfterTitle);
  EXPECT_TRUE(ContextOf(dc, "Bill") & DocumentCase::kStartsName);
  EXPECT_EQ(ContextOf(dc, "spoke"), 0);  // lower case: no context bits
  // Without the full name the surname has no first-name evidence.
  const DocumentCase alone({{"Clinton", "spoke", "."}}, &lex);
  EXPECT_FALSE(ContextOf(alone, "Clinton") & DocumentCase::kAfterFirstName);
}

TEST(DocumentCaseTest, TitlesAndHeadWordsAreAggregated) {
  const Lexicon lex = Cues();
  const DocumentCase dc({{"the", "president", "Yeltsin", "said"},
                         {"Pirelli", "SpA", "and", "Volga", "River", "."}},
                        &lex);
  EXPECT_TRUE(ContextOf(dc, "Yeltsin") & DocumentCase::kAfterTitle);
  EXPECT_TRUE(ContextOf(dc, "Pirelli") & DocumentCase::kBeforeOrgWord);
  EXPECT_TRUE(ContextOf(dc, "Volga") & DocumentCase::kBeforeLocWord);
  EXPECT_FALSE(ContextOf(dc, "Volga") & DocumentCase::kBeforeOrgWord);
}

TEST(DocumentCaseTest, HeadlinesAndMissingLexiconGiveNoContext) {
  const Lexicon lex = Cues();
  const Sentences headline = {{"BILL", "CLINTON", "WINS"}};
  EXPECT_EQ(ContextOf(DocumentCase(headline, &lex), "Clinton"), 0);
  const Sentences text = {{"Then", "Bill", "Clinton", "won"}};
  EXPECT_EQ(ContextOf(DocumentCase(text, nullptr), "Clinton"), 0);
  // The casing bits do not need the lexicon.
  EXPECT_EQ(DocumentCase(text, nullptr)
                .Bits(Fingerprint64(NormalizedLower("Clinton"))),
            2);
}

// Context features of token i of `sentence` inside `doc`.
std::vector<uint64_t> ContextFeatures(const Lexicon& lex, const Sentences& doc,
                                      size_t s, int i) {
  const DocumentCase dc(doc, &lex);
  const SentenceContext ctx(lex, doc[s], &dc, s);
  std::vector<uint64_t> f;
  ctx.AppendContextFeatures(i, &f);
  std::sort(f.begin(), f.end());
  return f;
}

TEST(SentenceContextTest, RepeatedSurnameGetsTheDocumentContextFeature) {
  const Lexicon lex = Cues();
  const Sentences with_name = {{"Bill", "Clinton", "won", "."},
                               {"Clinton", "said", "so", "."}};
  const Sentences without = {{"Mary", "Clinton", "won", "."},
                             {"Clinton", "said", "so", "."}};
  std::vector<uint64_t> a = ContextFeatures(lex, with_name, 1, 0);
  std::vector<uint64_t> b = ContextFeatures(lex, without, 1, 0);
  // Same sentence and casing; the full name elsewhere adds exactly the
  // after-first-name feature.
  ASSERT_EQ(a.size(), b.size() + 1);
  std::vector<uint64_t> extra;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(),
                      std::back_inserter(extra));
  EXPECT_EQ(extra.size(), 1u);
}

TEST(SentenceContextTest, DetectsAllCapsHeadlinesAndResultsLines) {
  const Lexicon lex;
  const std::vector<absl::string_view> headline = {"SOCCER", "-",     "JAPAN",
                                                   "GET",    "LUCKY", "WIN"};
  const std::vector<absl::string_view> prose = {"Japan", "got", "a", "win"};
  const std::vector<absl::string_view> results = {"Chelsea", "3", "1",
                                                  "0",       "2", "5"};
  EXPECT_TRUE(SentenceContext(lex, headline, nullptr, 0).headline());
  EXPECT_FALSE(SentenceContext(lex, prose, nullptr, 0).headline());
  EXPECT_FALSE(SentenceContext(lex, prose, nullptr, 0).numeric());
  EXPECT_TRUE(SentenceContext(lex, results, nullptr, 0).numeric());
  EXPECT_FALSE(SentenceContext(lex, results, nullptr, 0).headline());
}

}  // namespace
}  // namespace newswire::ner
