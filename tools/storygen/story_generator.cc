#include "tools/storygen/story_generator.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/text/hash.h"
#include "common/time/proto_time.h"

namespace newswire::storygen {
namespace {

constexpr const char* kWords[] = {
    "council",   "river",     "harvest",   "minister", "bridge",   "festival",
    "orchard",   "tunnel",    "museum",    "ferry",    "lantern",  "quarry",
    "senate",    "glacier",   "market",    "railway",  "library",  "harbour",
    "vineyard",  "airport",   "stadium",   "factory",  "canal",    "mayor",
    "drought",   "election",  "treaty",    "budget",   "school",   "hospital",
    "pilots",    "farmers",   "engineers", "nurses",   "judges",   "miners",
    "opened",    "closed",    "delayed",   "approved", "rejected", "expanded",
    "quietly",   "sharply",   "briefly",   "formally", "suddenly", "finally",
    "northern",  "coastal",   "rural",     "urban",    "eastern",  "alpine",
    "copper",    "timber",    "wheat",     "cotton",   "salt",     "granite",
    "protest",   "inquiry",   "merger",    "strike",   "census",   "auction",
    "the",       "of",        "and",       "to",       "in",       "for",
    "on",        "with",      "said",      "after",    "before",   "while",
    "officials", "residents", "workers",   "company",  "union",    "police",
    "plan",      "vote",      "talks",     "report",   "deal",     "ruling"};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

constexpr const char* kPlaces[] = {"PORT ELLIS", "NORTHBRIDGE", "HALVREN",
                                   "BEAULIEU",   "SAN AURELIO", "ALDMOOR",
                                   "LAKEPORT",   "KELMARK"};
constexpr const char* kNames[] = {
    "Maria Okonkwo", "Daniel Hargreave", "Elena Castell", "Jonas Feld",
    "Amira Haddad",  "Oskar Lindqvist",  "Priya Raman",   "Tomas Verhoeven"};

// Vocabulary words and the accented form StoryShape::accents writes.
constexpr std::pair<const char*, const char*> kAccented[] = {
    {kWords[8], "mus\u00e9e"},        // "museum"
    {kWords[19], "a\u00e9roport"},    // "airport"
    {kWords[32], "ing\u00e9nieurs"},  // "engineers"
};

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(Mix64(seed ^ 0x51ed2701a3f4c9b5ULL)) {}
  uint64_t Next() {
    state_ = Mix64(state_ + 0x9e3779b97f4a7c15ULL);
    return state_;
  }
  const char* Word() { return kWords[Next() % kWordCount]; }
  // Word(), accented where the vocabulary has an accented form.
  const char* Word(bool accents) {
    const char* w = Word();
    if (!accents) return w;
    for (const auto& [plain, accented] : kAccented) {
      if (w == plain) return accented;
    }
    return w;
  }

 private:
  uint64_t state_;
};

}  // namespace

StoryParts GenerateStoryParts(uint64_t seed, int words) {
  StoryShape shape;
  shape.words = words;
  return GenerateStoryParts(seed, shape);
}

StoryParts GenerateStoryParts(uint64_t seed, const StoryShape& shape) {
  Rng rng(seed);
  StoryParts story;
  story.headline = absl::StrCat("Story ", seed, ": ", rng.Word(), " ",
                                rng.Word(), " ", rng.Word(), " ", rng.Word());
  story.place = kPlaces[rng.Next() % 8];
  story.day = 1 + static_cast<int>(rng.Next() % 28);
  std::string paragraph = absl::StrCat(story.place, ", Nov. ", story.day,
                                       " (Newswire Test Agency) \u2014 ");
  const int spread =
      std::max(1, shape.max_paragraph_words - shape.min_paragraph_words + 1);
  // A quote_share of 0 draws nothing, so default stories stay the same.
  const uint64_t quote_cut =
      static_cast<uint64_t>(std::clamp(shape.quote_share, 0.0, 1.0) * 1024.0);
  int written = 0;
  int in_paragraph = 0;
  while (written < shape.words) {
    if (in_paragraph == 0) {
      if (quote_cut > 0 && !story.paragraphs.empty() &&
          rng.Next() % 1024 < quote_cut) {
        absl::StrAppend(&paragraph, "\u201cWe ", rng.Word(shape.accents), " ",
                        rng.Word(shape.accents), ",\u201d ",
                        kNames[rng.Next() % 8], " said. ");
        written += 2;
      }
      absl::StrAppend(&paragraph, kNames[rng.Next() % 8], " said the ");
    }
    absl::StrAppend(&paragraph, rng.Word(shape.accents));
    ++written;
    ++in_paragraph;
    if (in_paragraph >=
        shape.min_paragraph_words + static_cast<int>(rng.Next() % spread)) {
      absl::StrAppend(&paragraph, " ", seed % 997, ".");
      story.paragraphs.push_back(std::move(paragraph));
      paragraph.clear();
      in_paragraph = 0;
    } else {
      paragraph.push_back(' ');
    }
  }
  absl::StrAppend(&paragraph, "in ", seed, ".");
  story.paragraphs.push_back(std::move(paragraph));
  return story;
}

std::string GenerateStory(uint64_t seed, int words) {
  StoryParts story = GenerateStoryParts(seed, words);
  return absl::StrCat(story.headline, "\n\n",
                      absl::StrJoin(story.paragraphs, "\n\n"), "\n");
}

std::vector<std::string> FillerWords(uint64_t seed, int count) {
  Rng rng(seed);
  std::vector<std::string> out;
  out.reserve(count);
  for (int i = 0; i < count; ++i) out.emplace_back(rng.Word());
  return out;
}

v1::RawWire GenerateRawWire(uint64_t seed, int words,
                            const std::string& source) {
  v1::RawWire raw;
  raw.set_payload(GenerateStory(seed, words));
  raw.set_source(source);
  ToProtoTime(absl::Now(), raw.mutable_received_time());
  return raw;
}

}  // namespace newswire::storygen
