#include "tools/storygen/news_generator.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

namespace newswire::storygen {
namespace {

std::string Text(const NewsStory& s) {
  return absl::StrCat(s.headline, "\n", absl::StrJoin(s.paragraphs, "\n"));
}

int Words(const NewsStory& s) {
  int n = 0;
  for (const std::string& p : s.paragraphs) {
    n += static_cast<int>(
        std::vector<std::string>(absl::StrSplit(p, ' ', absl::SkipEmpty()))
            .size());
  }
  return n;
}

TEST(NewsGeneratorTest, SameSeedSameCallsSameText) {
  NewsGenerator a(7), b(7);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(Text(a.Story()), Text(b.Story()));
    std::string ha, hb;
    EXPECT_EQ(a.Template(i % kTemplateFamilies, &ha),
              b.Template(i % kTemplateFamilies, &hb));
    EXPECT_EQ(ha, hb);
  }
}

TEST(NewsGeneratorTest, OtherSeedOtherText) {
  NewsGenerator a(7), b(8);
  EXPECT_NE(Text(a.Story()), Text(b.Story()));
}

TEST(NewsGeneratorTest, StoriesSpanTheLengthRangeWithARichVocabulary) {
  NewsGenerator gen(20261128);
  std::set<int> topics;
  std::set<std::string> vocabulary;
  int total = 0, shortest = 1 << 30, longest = 0;
  constexpr int kStories = 400;
  for (int i = 0; i < kStories; ++i) {
    const NewsStory s = gen.Story();
    ASSERT_FALSE(s.paragraphs.empty());
    EXPECT_TRUE(absl::StrContains(s.headline, s.place));
    topics.insert(s.topic);
    const int words = Words(s);
    total += words;
    shortest = std::min(shortest, words);
    longest = std::max(longest, words);
    for (const std::string& p : s.paragraphs) {
      for (absl::string_view w : absl::StrSplit(p, ' ', absl::SkipEmpty())) {
        vocabulary.emplace(w);
      }
    }
  }
  EXPECT_EQ(topics.size(), static_cast<size_t>(kNewsTopics));
  EXPECT_GE(shortest, 150);
  EXPECT_LT(longest, 1300);  // 1,200 plus at most one paragraph
  EXPECT_GT(total / kStories, 400);
  EXPECT_LT(total / kStories, 650);
  // Invented names and numbers make the vocabulary large.
  EXPECT_GT(vocabulary.size(), 5000u);
}

TEST(NewsGeneratorTest, StoryHonoursTopicAndLength) {
  NewsGenerator gen(3);
  const NewsStory s = gen.Story(/*topic=*/2, /*words=*/300);
  EXPECT_EQ(s.topic, 2);
  EXPECT_GE(Words(s), 300);
}

TEST(NewsGeneratorTest, TemplatesShareWordingNotNumbers) {
  NewsGenerator gen(5);
  for (int family = 0; family < kTemplateFamilies; ++family) {
    std::string h1, h2;
    const std::string a = gen.Template(family, &h1);
    const std::string b = gen.Template(family, &h2);
    EXPECT_NE(a, b) << family;
    EXPECT_FALSE(h1.empty());
    // Most words are the family's fixed wording.
    const std::vector<std::string> wa =
        absl::StrSplit(a, absl::ByAnyChar(" \n"), absl::SkipEmpty());
    const std::set<std::string> wb =
        absl::StrSplit(b, absl::ByAnyChar(" \n"), absl::SkipEmpty());
    int shared = 0;
    for (const std::string& w : wa) shared += wb.count(w) > 0 ? 1 : 0;
    EXPECT_GT(shared, static_cast<int>(wa.size()) * 7 / 10) << family;
  }
}

TEST(NewsGeneratorTest, DatelineStyles) {
  // 1,700,000,000 s is day 19675: month index (19675 / 30) % 12 = 7 (Aug),
  // day of month 19675 % 28 + 1 = 20.
  EXPECT_EQ(NewsDateline("Port Velmo", DatelineStyle::kMonthDay, 1700000000),
            "PORT VELMO, Aug 20 (Newswire) - ");
  EXPECT_EQ(NewsDateline("Port Velmo", DatelineStyle::kAgencyFirst, 1700000000),
            "PORT VELMO (Newswire) Aug. 20 -- ");
}

}  // namespace
}  // namespace newswire::storygen
