#include "tools/storygen/story_generator.h"

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

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(Mix64(seed ^ 0x51ed2701a3f4c9b5ULL)) {}
  uint64_t Next() {
    state_ = Mix64(state_ + 0x9e3779b97f4a7c15ULL);
    return state_;
  }
  const char* Word() { return kWords[Next() % kWordCount]; }

 private:
  uint64_t state_;
};

}  // namespace

StoryParts GenerateStoryParts(uint64_t seed, int words) {
  Rng rng(seed);
  StoryParts story;
  story.headline = absl::StrCat("Story ", seed, ": ", rng.Word(), " ",
                                rng.Word(), " ", rng.Word(), " ", rng.Word());
  story.place = kPlaces[rng.Next() % 8];
  story.day = 1 + static_cast<int>(rng.Next() % 28);
  std::string paragraph = absl::StrCat(story.place, ", Nov. ", story.day,
                                       " (Newswire Test Agency) \u2014 ");
  int written = 0;
  int in_paragraph = 0;
  while (written < words) {
    if (in_paragraph == 0) {
      absl::StrAppend(&paragraph, kNames[rng.Next() % 8], " said the ");
    }
    absl::StrAppend(&paragraph, rng.Word());
    ++written;
    ++in_paragraph;
    if (in_paragraph >= 40 + static_cast<int>(rng.Next() % 30)) {
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
