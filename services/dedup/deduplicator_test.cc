#include "services/dedup/deduplicator.h"

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"

namespace newswire::dedup {
namespace {

// An invented five-paragraph wire story.
const std::vector<std::string> kParagraphs = {
    "PORT VERAN, March 3 - Fourteen cargo ships were held outside Port Veran "
    "on Monday after a crane collapsed onto the main container quay, the "
    "harbour authority said, halting most traffic at the region's busiest "
    "port.",
    "No one was injured when the 60-metre crane toppled shortly after 6 a.m., "
    "authority spokeswoman Lena Markov told reporters, adding that engineers "
    "were still inspecting the quay for structural damage.",
    "Shipping agents said the closure could delay deliveries of grain and "
    "fertiliser to inland farms by as much as a week, at a time when planting "
    "is about to begin across the northern valleys.",
    "The authority said two smaller berths on the eastern side of the harbour "
    "would reopen on Tuesday for vessels carrying perishable goods, and that "
    "a temporary crane was being shipped from the port of Calder.",
    "Port Veran handled 4.2 million tonnes of cargo last year, according to "
    "figures published by the regional transport ministry in January, up "
    "from 3.9 million tonnes the year before.",
};

v1::Article MakeArticle(const std::string& id, const std::string& headline,
                        const std::vector<std::string>& paragraphs,
                        int64_t time = 1700000000) {
  v1::Article a;
  a.set_id(id);
  a.set_headline(headline);
  a.set_body(absl::StrJoin(paragraphs, "\n\n"));
  a.mutable_published_time()->set_seconds(time);
  return a;
}

std::unique_ptr<Deduplicator> NewDedup(DedupOptions options = DedupOptions()) {
  auto d = Deduplicator::Create(options);
  EXPECT_TRUE(d.ok()) << d.status();
  return std::move(*d);
}

// Two market closes of the same template on different days.
std::vector<std::string> MarketClose(const std::string& day,
                                     const std::string& index_move,
                                     const std::string& points,
                                     const std::string& level,
                                     const std::string& leader,
                                     const std::string& laggard) {
  return {
      "Stocks on the Calder exchange closed " + index_move + " on " + day +
          ", with the benchmark CX-40 index moving " + points +
          " points to finish at " + level + ".",
      "Trading volume was in line with the monthly average. Shares of " +
          leader + " led the gains, while " + laggard +
          " was the weakest performer in the index.",
      "Analysts said investors were waiting for the central bank's next "
      "interest rate decision and for quarterly results from the largest "
      "listed companies, which are due later in the month.",
      "The currency was little changed against the dollar, and government "
      "bond yields held steady in quiet afternoon trade.",
  };
}

TEST(DeduplicatorTest, FirstArticleIsUniqueAndStartsAStory) {
  auto d = NewDedup();
  v1::DedupResult r =
      d->Process(MakeArticle("a1", "Crane collapse", kParagraphs), nullptr);
  EXPECT_EQ(r.verdict(), v1::UNIQUE);
  EXPECT_EQ(r.story_id(), "a1");
  EXPECT_EQ(r.story_version(), 1);
  EXPECT_TRUE(r.duplicate_of().empty());
  EXPECT_EQ(d->size(), 1);
}

TEST(DeduplicatorTest, ResendWithOtherWrappingIsExactDuplicate) {
  auto d = NewDedup();
  d->Process(MakeArticle("a1", "Crane collapse", kParagraphs), nullptr);
  std::vector<std::string> wrapped;
  for (const auto& p : kParagraphs) {
    wrapped.push_back(absl::StrReplaceAll(p, {{" the ", "\nthe "}}));
  }
  v1::DedupResult r =
      d->Process(MakeArticle("a2", "Crane  collapse", wrapped), nullptr);
  EXPECT_EQ(r.verdict(), v1::EXACT_DUPLICATE);
  EXPECT_EQ(r.duplicate_of(), "a1");
  EXPECT_EQ(r.story_id(), "a1");
  EXPECT_DOUBLE_EQ(r.similarity(), 1.0);
}

// The band tables keep only the newest few documents per band value; five
// paragraph-reordered versions have the original's signature exactly, so
// they push it out of every band. Its re-send is still an exact copy.
TEST(DeduplicatorTest, ResendAfterManyVersionsIsStillExactDuplicate) {
  auto d = NewDedup();
  d->Process(MakeArticle("a1", "Crane collapse", kParagraphs, 1000), nullptr);
  d->Commit();
  std::vector<std::string> p = kParagraphs;
  for (int v = 2; v <= 6; ++v) {
    std::next_permutation(p.begin() + 1, p.end());  // another order
    v1::DedupResult r = d->Process(
        MakeArticle("a" + std::to_string(v), "Crane collapse", p, 1000 + v),
        nullptr);
    d->Commit();
    ASSERT_EQ(r.verdict(), v1::NEAR_DUPLICATE) << v;
  }
  v1::DedupResult r = d->Process(
      MakeArticle("a7", "Crane collapse", kParagraphs, 2000), nullptr);
  EXPECT_EQ(r.verdict(), v1::EXACT_DUPLICATE);
  EXPECT_EQ(r.duplicate_of(), "a1");
  EXPECT_DOUBLE_EQ(r.similarity(), 1.0);
}

TEST(DeduplicatorTest, StoryWithoutItsLeadIsNearDuplicate) {
  auto d = NewDedup();
  d->Process(MakeArticle("a1", "Crane collapse", kParagraphs), nullptr);
  std::vector<std::string> no_lead(kParagraphs.begin() + 1, kParagraphs.end());
  v1::DedupResult r =
      d->Process(MakeArticle("a2", "Crane collapse", no_lead), nullptr);
  EXPECT_EQ(r.verdict(), v1::NEAR_DUPLICATE);
  EXPECT_EQ(r.duplicate_of(), "a1");
  EXPECT_EQ(r.story_id(), "a1");
  EXPECT_GT(r.similarity(), 0.8);
}

TEST(DeduplicatorTest, ReorderedAndCorrectedCopiesAreNearDuplicates) {
  auto d = NewDedup();
  d->Process(MakeArticle("a1", "Crane collapse", kParagraphs), nullptr);
  std::vector<std::string> reordered = {kParagraphs[0], kParagraphs[3],
                                        kParagraphs[1], kParagraphs[4],
                                        kParagraphs[2]};
  EXPECT_EQ(
      d->Process(MakeArticle("a2", "Crane collapse at Port Veran", reordered),
                 nullptr)
          .verdict(),
      v1::NEAR_DUPLICATE);
  std::vector<std::string> corrected = kParagraphs;
  corrected[1] = absl::StrReplaceAll(corrected[1], {{"Markov", "Markova"}});
  corrected[2] = absl::StrReplaceAll(corrected[2], {{"week", "fortnight"}});
  v1::DedupResult r =
      d->Process(MakeArticle("a3", "Crane collapse", corrected), nullptr);
  EXPECT_EQ(r.verdict(), v1::NEAR_DUPLICATE);
  EXPECT_EQ(r.duplicate_of(), "a1");
}

TEST(DeduplicatorTest, ExtendedVersionIsUpdateOfTheStory) {
  auto d = NewDedup();
  std::vector<std::string> first(kParagraphs.begin(), kParagraphs.begin() + 3);
  d->Process(MakeArticle("a1", "Crane collapse", first), nullptr);
  v1::DedupResult r = d->Process(
      MakeArticle("a2", "UPDATE 1-Crane collapse", kParagraphs), nullptr);
  EXPECT_EQ(r.verdict(), v1::UPDATE);
  EXPECT_EQ(r.story_id(), "a1");
  EXPECT_EQ(r.duplicate_of(), "a1");
  EXPECT_EQ(r.story_version(), 2);
}

TEST(DeduplicatorTest, HigherProviderVersionIsUpdate) {
  auto d = NewDedup();
  v1::Article a = MakeArticle("a1", "Crane collapse", kParagraphs);
  a.set_provider_id("urn:agency:1234");
  a.set_version(1);
  d->Process(a, nullptr);
  v1::Article b = MakeArticle("b1", "Other words", {"Entirely new text here."});
  b.set_provider_id("urn:agency:1234");
  b.set_version(2);
  v1::DedupResult r = d->Process(b, nullptr);
  EXPECT_EQ(r.verdict(), v1::UPDATE);
  EXPECT_EQ(r.story_id(), "a1");
  EXPECT_EQ(r.story_version(), 2);
  b.set_id("b2");
  b.set_version(2);  // same version again: not an update
  EXPECT_NE(d->Process(b, nullptr).verdict(), v1::UPDATE);
}

TEST(DeduplicatorTest, OneMisdatedArticleDoesNotEmptyTheWindow) {
  auto d = NewDedup();
  d->Process(MakeArticle("a1", "Crane collapse", kParagraphs), nullptr);
  d->Commit();
  // Dated 2099 by its provider, received now-ish (2023 in this test).
  v1::Article future = MakeArticle(
      "f1", "Other words", {"Entirely new text, dated wrongly."}, 4070908800);
  future.mutable_received_time()->set_seconds(1700000100);
  d->Process(future, nullptr);
  d->Commit();
  v1::DedupResult again = d->Process(
      MakeArticle("a2", "Crane collapse", kParagraphs, 1700000200), nullptr);
  EXPECT_EQ(again.verdict(), v1::EXACT_DUPLICATE);
  EXPECT_EQ(again.duplicate_of(), "a1");
}

TEST(DeduplicatorTest, MarketClosesOfTheSameTemplateStayUnique) {
  auto d = NewDedup();
  v1::DedupResult a =
      d->Process(MakeArticle("m1", "Calder stocks close",
                             MarketClose("Tuesday", "higher", "12.4", "1,845.2",
                                         "Orvell Mining", "Brant Foods")),
                 nullptr);
  v1::DedupResult b =
      d->Process(MakeArticle("m2", "Calder stocks close",
                             MarketClose("Wednesday", "lower", "8.1", "1,837.1",
                                         "Tessaly Bank", "Orvell Mining"),
                             1700086400),
                 nullptr);
  EXPECT_EQ(a.verdict(), v1::UNIQUE);
  EXPECT_EQ(b.verdict(), v1::UNIQUE);
  EXPECT_NE(a.story_id(), b.story_id());
}

TEST(DeduplicatorTest, RollbackUndoesEverythingSinceCommit) {
  auto d = NewDedup();
  d->Process(MakeArticle("a1", "Crane collapse", kParagraphs), nullptr);
  d->Commit();
  std::vector<std::string> first(kParagraphs.begin(), kParagraphs.begin() + 3);
  const v1::Article close = MakeArticle(
      "x1", "Close",
      MarketClose("Tuesday", "higher", "12.4", "1,845.2", "Orvell", "Brant"));
  EXPECT_EQ(d->Process(close, nullptr).verdict(), v1::UNIQUE);
  EXPECT_EQ(
      d->Process(MakeArticle("a2", "Crane collapse", kParagraphs), nullptr)
          .verdict(),
      v1::EXACT_DUPLICATE);
  EXPECT_EQ(d->size(), 2);
  d->Rollback();
  EXPECT_EQ(d->size(), 1);
  // x1 is forgotten: the same text is unique again, with its own story.
  v1::DedupResult r = d->Process(close, nullptr);
  EXPECT_EQ(r.verdict(), v1::UNIQUE);
  EXPECT_EQ(r.story_id(), "x1");
}

TEST(DeduplicatorTest, RollbackRestoresEvictedDocumentsAndStoryVersions) {
  DedupOptions options;
  options.max_documents = 1;
  auto d = NewDedup(options);
  std::vector<std::string> first(kParagraphs.begin(), kParagraphs.begin() + 3);
  d->Process(MakeArticle("a1", "Crane collapse", first), nullptr);
  d->Commit();
  // The update evicts a1 (bound 1) and bumps the story version.
  EXPECT_EQ(d->Process(MakeArticle("a2", "Crane", kParagraphs), nullptr)
                .story_version(),
            2);
  d->Rollback();
  v1::DedupResult r =
      d->Process(MakeArticle("a3", "Crane collapse", first), nullptr);
  EXPECT_EQ(r.verdict(), v1::EXACT_DUPLICATE);
  EXPECT_EQ(r.story_id(), "a1");
  EXPECT_EQ(r.story_version(), 1);
}

// Feeds `articles` to `d`, collecting state, committing every `batch`.
std::vector<v1::DedupResult> Feed(Deduplicator* d,
                                  const std::vector<v1::Article>& articles,
                                  std::vector<StateRecord>* state) {
  std::vector<v1::DedupResult> out;
  for (const auto& a : articles) {
    out.push_back(d->Process(a, state));
    d->Commit();
  }
  return out;
}

// Feeds `before` (keeping its state records) and then `after` to one
// instance; restores another from those records (it must hold `size`
// documents) and feeds it `after`. Expects the same results from both and
// returns them.
std::vector<v1::DedupResult> ResultsAfterRestore(
    const DedupOptions& options, const std::vector<v1::Article>& before,
    const std::vector<v1::Article>& after, int64_t size) {
  auto whole = NewDedup(options);
  std::vector<StateRecord> state;
  Feed(whole.get(), before, &state);
  std::vector<v1::DedupResult> expected = Feed(whole.get(), after, nullptr);
  auto restored = NewDedup(options);
  for (const auto& s : state) {
    const absl::Status status = restored->Restore(s.key, s.value);
    EXPECT_TRUE(status.ok()) << s.key << ": " << status;
  }
  restored->Commit();
  EXPECT_EQ(restored->size(), size);
  std::vector<v1::DedupResult> got = Feed(restored.get(), after, nullptr);
  EXPECT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size() && i < expected.size(); ++i) {
    EXPECT_EQ(got[i].SerializeAsString(), expected[i].SerializeAsString())
        << i << ": " << got[i].ShortDebugString() << " vs "
        << expected[i].ShortDebugString();
  }
  return got;
}

TEST(DeduplicatorTest, RestoredInstanceGivesIdenticalVerdicts) {
  DedupOptions options;
  options.max_documents = 4;  // force evictions and tombstones
  std::vector<std::string> first(kParagraphs.begin(), kParagraphs.begin() + 3);
  std::vector<std::string> no_lead(kParagraphs.begin() + 1, kParagraphs.end());
  std::vector<v1::Article> before = {
      MakeArticle("a1", "Crane collapse", first, 1000),
      MakeArticle("m1", "Close",
                  MarketClose("Tuesday", "higher", "12.4", "1,845.2", "Orvell",
                              "Brant"),
                  1100),
      MakeArticle("a2", "Crane", kParagraphs, 1200),
      MakeArticle(
          "m2", "Close",
          MarketClose("Monday", "lower", "1.4", "1,832.8", "Tessaly", "Brant"),
          1300),
      MakeArticle(
          "m3", "Close",
          MarketClose("Friday", "lower", "2.4", "1,830.4", "Orvell", "Dunmore"),
          1400),
  };
  std::vector<v1::Article> after = {
      MakeArticle("a3", "Crane", no_lead, 1500),
      MakeArticle("m4", "Close",
                  MarketClose("Tuesday", "higher", "12.4", "1,845.2", "Orvell",
                              "Brant"),
                  1600),
      MakeArticle("a4", "Crane collapse", first, 1700),
  };
  std::vector<v1::DedupResult> got =
      ResultsAfterRestore(options, before, after, 4);
  EXPECT_EQ(got[0].verdict(), v1::NEAR_DUPLICATE);
  EXPECT_EQ(got[1].verdict(), v1::UNIQUE);  // m1 was evicted by the bound
  EXPECT_EQ(got[0].story_id(), "a1");
  EXPECT_EQ(got[0].story_version(), 2);
  auto fresh = NewDedup(options);
  EXPECT_FALSE(fresh->Restore("zz", "x").ok());
  EXPECT_FALSE(fresh->Restore("d:0000000000000009", "junk").ok());
}

// A sentence of invented words, the same for the same `seed`.
std::string Sentence(uint32_t seed, int words) {
  static const char* const kSyllables[] = {"ka",  "lo",  "mi",  "ren", "tas",
                                           "vor", "pel", "dun", "sar", "qui",
                                           "bel", "tor", "an",  "es",  "ul"};
  std::mt19937 rng(seed);
  std::string out;
  for (int w = 0; w < words; ++w) {
    if (w > 0) out += ' ';
    const int n = 2 + static_cast<int>(rng() % 2);
    for (int k = 0; k < n; ++k) out += kSyllables[rng() % 15];
  }
  return out + ".";
}

// Many stories sharing boilerplate paragraphs (so that band values fill up
// and drop their oldest documents), a window bound that evicts, re-sends and
// shortened versions: the restored index must answer exactly like the one
// that processed the stream, which exercises building the band tables in one
// pass after Restore().
TEST(DeduplicatorTest, RestoredAtScaleGivesIdenticalVerdicts) {
  const auto story = [](int s, int variant) {
    // Mostly boilerplate shared by half or a third of the stories.
    std::vector<std::string> p = {
        Sentence(s * 4 + 1, 12), Sentence(7000 + s % 2, 40),
        Sentence(s * 4 + 2, 12), Sentence(8000 + s % 3, 40),
        Sentence(s * 4 + 3, 12),
    };
    if (variant == 1) p.erase(p.begin());                    // lead dropped
    if (variant == 2) p.push_back(Sentence(s * 4 + 4, 40));  // longer
    return MakeArticle(absl::StrCat("s", s, "v", variant), "Story", p,
                       1000 + s);
  };
  DedupOptions options;
  options.max_documents = 1500;
  std::vector<v1::Article> before, after;
  for (int i = 0; i < 2000; ++i) before.push_back(story(i % 1600, i / 1600));
  for (int i = 0; i < 300; ++i) {
    after.push_back(story((i * 37) % 1600, i % 3));
  }
  std::vector<v1::DedupResult> got =
      ResultsAfterRestore(options, before, after, 1500);
  std::map<v1::Verdict, int> verdicts;
  for (const auto& r : got) ++verdicts[r.verdict()];
  // Not a vacuous comparison: the follow-up stream meets every kind.
  EXPECT_GT(verdicts[v1::UNIQUE], 0);
  EXPECT_GT(verdicts[v1::EXACT_DUPLICATE], 0);
  EXPECT_GT(verdicts[v1::NEAR_DUPLICATE], 0);
  EXPECT_GT(verdicts[v1::UPDATE], 0);
}

TEST(DeduplicatorTest, CompactedStateRestoresTheSameIndex) {
  DedupOptions options;
  options.max_documents = 3;
  auto d = NewDedup(options);
  std::vector<StateRecord> state;
  for (int i = 0; i < 6; ++i) {
    d->Process(MakeArticle("p" + std::to_string(i), "P",
                           {kParagraphs[i % 5] + " Item " + std::to_string(i)},
                           1000 + i),
               &state);
    d->Commit();
  }
  // Compaction keeps the last record per key and drops deleted keys.
  std::map<std::string, std::string> compacted;
  for (const auto& s : state) compacted[s.key] = s.value;
  auto restored = NewDedup(options);
  for (const auto& [k, v] : compacted) {
    if (v.empty()) continue;
    ASSERT_TRUE(restored->Restore(k, v).ok());
  }
  restored->Commit();
  EXPECT_EQ(restored->size(), 3);
  EXPECT_EQ(restored->size(), d->size());
}

TEST(DeduplicatorTest, EvictsByWindowAndByBound) {
  DedupOptions options;
  options.window_seconds = 3600;
  auto d = NewDedup(options);
  std::vector<StateRecord> state;
  d->Process(MakeArticle("a1", "Crane collapse", kParagraphs, 10000), &state);
  d->Process(MakeArticle("b1", "Close",
                         MarketClose("Tuesday", "higher", "12.4", "1,845.2",
                                     "Orvell", "Brant"),
                         10000 + 7200),
             &state);
  d->Commit();
  EXPECT_EQ(d->size(), 1);  // a1 is two hours older than b1
  ASSERT_EQ(state.size(), 3u);
  EXPECT_TRUE(state[1].value.empty());  // tombstone for a1
  EXPECT_EQ(state[1].key, state[0].key);
  EXPECT_EQ(d->stats().evictions, 1);
  EXPECT_EQ(
      d->Process(MakeArticle("a2", "Crane collapse", kParagraphs, 10000 + 7300),
                 nullptr)
          .verdict(),
      v1::UNIQUE);

  options.window_seconds = 72 * 3600;
  options.max_documents = 2;
  auto bounded = NewDedup(options);
  for (int i = 0; i < 5; ++i) {
    bounded->Process(
        MakeArticle("p" + std::to_string(i), "P",
                    {kParagraphs[i] + " Item number " + std::to_string(i)},
                    1000 + i),
        nullptr);
    bounded->Commit();
  }
  EXPECT_EQ(bounded->size(), 2);
  EXPECT_EQ(bounded->stats().evictions, 3);
  EXPECT_GT(bounded->size_bytes(), 0);
}

// Eviction is lazy (band entries are purged in batches of at least 4096
// documents): across several purges, only the documents in the window are
// found, and a rollback after a purge still restores the committed state.
TEST(DeduplicatorTest, LazyEvictionFindsExactlyTheWindow) {
  DedupOptions options;
  options.max_documents = 50;
  auto d = NewDedup(options);
  const auto doc = [](int i) {
    std::string body;
    for (char c = 'a'; c <= 'l'; ++c) {
      body += "w" + std::to_string(i) + c + " ";
    }
    return MakeArticle("d" + std::to_string(i), "H" + std::to_string(i), {body},
                       1000 + i);
  };
  // Purges run per 4096 evictions: the last Commit() below is the second,
  // so the window was indexed before it.
  constexpr int kDocs = 50 + 2 * 4096;
  for (int i = 0; i < kDocs; ++i) {
    ASSERT_EQ(d->Process(doc(i), nullptr).verdict(), v1::UNIQUE) << i;
    d->Commit();
  }
  EXPECT_EQ(d->size(), 50);
  EXPECT_EQ(d->stats().evictions, kDocs - 50);
  for (int i : {0, 4000, kDocs - 51}) {  // evicted (the newest of them last)
    EXPECT_EQ(d->Process(doc(i), nullptr).verdict(), v1::UNIQUE) << i;
  }
  d->Rollback();
  for (int i : {kDocs - 50, kDocs - 20, kDocs - 1}) {  // in the window
    const v1::DedupResult r = d->Process(doc(i), nullptr);
    EXPECT_EQ(r.verdict(), v1::EXACT_DUPLICATE) << i;
    EXPECT_EQ(r.duplicate_of(), "d" + std::to_string(i));
  }
  d->Rollback();
  EXPECT_EQ(d->size(), 50);
}

TEST(DeduplicatorTest, RejectsBadOptions) {
  DedupOptions options;
  options.max_documents = 0;
  EXPECT_FALSE(Deduplicator::Create(options).ok());
  options = DedupOptions();
  options.near_containment = 1.5;
  EXPECT_FALSE(Deduplicator::Create(options).ok());
}

}  // namespace
}  // namespace newswire::dedup
