#include "services/enrich/ner/features.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/text/hash.h"
#include "gtest/gtest.h"
#include "services/enrich/ner/word_clusters.h"

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

std::vector<uint32_t> NeighboursOf(const DocumentCase& doc,
                                   absl::string_view word) {
  absl::Span<const uint32_t> v =
      doc.NeighbourClasses(Fingerprint64(NormalizedLower(word)));
  return std::vector<uint32_t>(v.begin(), v.end());
}

TEST(DocumentCaseTest, CollectsNeighbourClassesOfEveryOccurrence) {
  Lexicon lex = Cues();
  // "shares" and "stock" share fine class 5 (coarse 1); "said" is fine 9
  // (coarse 2); "of" has no class.
  lex.SetEmbeddingClusters({{"shares", PackClusters(1, 5)},
                            {"stock", PackClusters(1, 5)},
                            {"said", PackClusters(2, 9)}});
  const DocumentCase dc({{"shares", "of", "Arequipa", "rose"},
                         {"Arequipa", "said", "."},
                         {"stock", "Arequipa", "fell"},
                         {"ARQ", "SAID", "IT", "WON"}},  // headline: ignored
                        &lex);
  const uint32_t kLeft = 0, kRight = 1;
  auto fine = [](int c) { return uint32_t(c + 2) << 2; };
  auto coarse = [](int c) { return uint32_t(c + 2) << 2 | 2; };
  // Left: no class ("of"), the sentence start, fine 5 / coarse 1
  // ("stock"); right: no class ("rose", "fell"), fine 9 / coarse 2.
  std::vector<uint32_t> want = {
      0 | kLeft,         4 | kLeft,        4 | kRight,        fine(5) | kLeft,
      coarse(1) | kLeft, fine(9) | kRight, coarse(2) | kRight};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(NeighboursOf(dc, "Arequipa"), want);
  EXPECT_TRUE(NeighboursOf(dc, "rose").empty());  // lower case
  EXPECT_TRUE(NeighboursOf(dc, "ARQ").empty());   // headline only
  EXPECT_TRUE(
      NeighboursOf(DocumentCase({{"Arequipa", "said"}}, nullptr), "Arequipa")
          .empty());
}

TEST(LexiconTest, NormalizeTokenFoldsCaseDigitsQuotesAndDashes) {
  EXPECT_EQ(NormalizeToken("Kim-Jong 1996"), "kim-jong 0000");
  EXPECT_EQ(NormalizeToken("\xE2\x80\x98Yes\xE2\x80\x99"), "'yes'");
  EXPECT_EQ(NormalizeToken("\xE2\x80\x9C"
                           "No\xE2\x80\x9D"),
            "\"no\"");
  EXPECT_EQ(NormalizeToken("a\xE2\x80\x94"
                           "b"),
            "a--b");  // em dash
  EXPECT_EQ(NormalizeToken("``"), "\"");
  EXPECT_EQ(NormalizeToken("''"), "\"");
  EXPECT_EQ(NormalizeToken("\xE2\x80"), "\xE2\x80");  // cut short: kept
  EXPECT_EQ(NormalizeToken("Z\xC3\xBC"
                           "rich"),
            "z\xC3\xBC"
            "rich");
  EXPECT_EQ(NormalizeToken(""), "");
}

TEST(LexiconTest, EmbeddingClassLookupFindsEveryWordAndNoOther) {
  // Enough words that the lookup's window around the guessed rank is much
  // smaller than the table.
  absl::flat_hash_map<std::string, uint16_t> classes;
  for (int i = 0; i < 20000; ++i) {
    classes[absl::StrCat("w", i)] = static_cast<uint16_t>(i % 1000);
  }
  Lexicon lex;
  lex.SetEmbeddingClusters(classes);
  for (const auto& [word, packed] : classes) {
    ASSERT_EQ(lex.EmbeddingClustersOfNormalized(word), packed) << word;
    ASSERT_EQ(lex.EmbeddingClustersOfHash(Fingerprint64(word)), packed);
  }
  for (int i = 0; i < 20000; ++i) {
    ASSERT_EQ(lex.EmbeddingClustersOfNormalized(absl::StrCat("x", i)), -1);
  }
  EXPECT_EQ(Lexicon().EmbeddingClustersOfHash(Fingerprint64("w1")), -1);
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
