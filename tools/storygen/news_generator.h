// Invented news copy with a rich vocabulary, for benchmarks that need text
// like an agency's: stories of 150-1,200 words assembled from fourteen
// sentence patterns over invented places, people and organizations (drawn
// once per generator from a syllable inventory) and five topic vocabularies
// (business, politics, disasters, health and science, transport), and
// template look-alikes (market closes, football results, weather reports,
// earnings briefs) that share their wording but not their numbers and names.
//
// Unlike GenerateStoryParts (story_generator.h), which is a pure function of
// a story number over a small vocabulary, a NewsGenerator is one seeded
// random stream: every call draws from it, so what a call returns depends on
// the calls before it. The same seed and the same sequence of calls give the
// same text. Text is ASCII (quotations in straight double quotes).
//
// Example:
//   NewsGenerator gen(/*seed=*/42);
//   NewsStory story = gen.Story();  // random topic and length
//   std::string lead = NewsDateline(story.place, DatelineStyle::kMonthDay,
//                                   1'700'000'000) + story.paragraphs[0];
//   std::string extra = gen.Paragraph(story.topic);
//   std::string headline;
//   std::string body = gen.Template(/*family=*/0, &headline);
//
// Thread-compatible: one generator per thread.
#ifndef NEWSWIRE_TOOLS_STORYGEN_NEWS_GENERATOR_H_
#define NEWSWIRE_TOOLS_STORYGEN_NEWS_GENERATOR_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::storygen {

// Topic vocabularies (Story, Sentence and Paragraph take 0..kNewsTopics-1).
inline constexpr int kNewsTopics = 5;
// Template families (Template takes 0..kTemplateFamilies-1): market close,
// football result, weather report, earnings brief.
inline constexpr int kTemplateFamilies = 4;

struct NewsStory {
  int topic = 0;
  std::string place;  // the story's invented place, e.g. "Port Velmo"
  std::string
      headline;  // "<organization> <verb> <adjective> <noun> in <place>"
  // Paragraphs of one to four sentences, without a dateline (NewsDateline).
  std::vector<std::string> paragraphs;
};

enum class DatelineStyle {
  kMonthDay,    // "PORT VELMO, Nov 3 (Newswire) - "
  kAgencyFirst  // "PORT VELMO (Newswire) Nov. 3 -- "
};

// The dateline that opens a story's first paragraph: `place` upper-cased and
// a month and day derived from `unix_seconds` (invented calendar: 30-day
// months, days 1-28).
std::string NewsDateline(absl::string_view place, DatelineStyle style,
                         int64_t unix_seconds);

class NewsGenerator {
 public:
  // Draws the generator's 400 places, 1,500 people and 600 organizations.
  explicit NewsGenerator(uint64_t seed);

  // A story of a random topic and about 150-1,200 words (log-uniform, mean
  // about 500).
  NewsStory Story();
  // A story on `topic` of paragraphs until at least `words` words.
  NewsStory Story(int topic, int words);
  // One sentence, or a paragraph of one to three sentences, on `topic`.
  std::string Sentence(int topic);
  std::string Paragraph(int topic);
  // A template look-alike of `family`: five (four for earnings) paragraphs
  // separated by "\n\n"; its headline goes to `*headline`. Names come from
  // small pools (40 companies, 120 people, 50 places), so look-alikes often
  // share a name.
  std::string Template(int family, std::string* headline);
  // A random adjective of the story vocabulary (lowercase, no digits).
  const std::string& Adjective();

  // The generator's random stream, for callers' own choices in step with it.
  uint64_t Next() { return rng_(); }
  size_t Pick(size_t n) { return static_cast<size_t>(Next() % n); }
  template <typename It>
  void Shuffle(It first, It last) {
    std::shuffle(first, last, rng_);
  }

 private:
  template <typename T>
  const T& PickOf(const std::vector<T>& v) {
    return v[Pick(v.size())];
  }
  std::string Number();

  std::mt19937_64 rng_;
  std::vector<std::string> places_, people_, orgs_, roles_;
};

}  // namespace newswire::storygen

#endif  // NEWSWIRE_TOOLS_STORYGEN_NEWS_GENERATOR_H_
