// Invented wire stories for load tests and benchmarks.
//
// Each story is built from a seeded generator over a broad vocabulary, so any
// two stories with different seeds share few word shingles: no dedup stage
// may call them alike. Text is wire copy with a headline, a dateline and
// paragraphs, of roughly `words` words; by default ASCII but for the
// dateline's em dash. A StoryShape asks for other paragraph lengths, curly
// quotations and accented words (the ingest benchmark's mix).
//
// Example:
//   std::string copy = GenerateStory(42, 400);
//   StoryShape shape;
//   shape.quote_share = 0.25;
//   StoryParts quoted = GenerateStoryParts(42, shape);
//   v1::RawWire raw = GenerateRawWire(42, 400, "loadgen");
//
// Thread-safety: pure functions.
#ifndef NEWSWIRE_TOOLS_STORYGEN_STORY_GENERATOR_H_
#define NEWSWIRE_TOOLS_STORYGEN_STORY_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "newswire/v1/wire.pb.h"

namespace newswire::storygen {

// A story's pieces, for rendering it in a wire format (wire_formats.h).
struct StoryParts {
  std::string headline;  // "Story <seed>: w w w w"
  std::string place;     // dateline city, e.g. "HALVREN"
  int day = 1;           // dateline day of November
  // Paragraphs without line breaks; the first opens with the dateline
  // "<place>, Nov. <day> (Newswire Test Agency) \u2014 ". UTF-8.
  std::vector<std::string> paragraphs;
};

// How a story looks. The defaults are what GenerateStoryParts(seed, words)
// writes; stories from them never change.
struct StoryShape {
  int words = 400;  // about this many vocabulary words
  // A paragraph ends, at each word past `min_paragraph_words`, with
  // probability 1/(spread) where spread = max - min + 1 draws a threshold.
  int min_paragraph_words = 40;
  int max_paragraph_words = 69;
  // Share of paragraphs after the first that open with a quotation in curly
  // quotes: "\u201cWe <words>,\u201d <name> said."
  double quote_share = 0;
  // Vocabulary words with an accented form ("museum" -> "mus\u00e9e") are
  // written accented.
  bool accents = false;
};

// The pieces of story number `seed` with about `words` words.
StoryParts GenerateStoryParts(uint64_t seed, int words);

// The pieces of story number `seed` shaped by `shape`.
StoryParts GenerateStoryParts(uint64_t seed, const StoryShape& shape);

// Plain-text story number `seed` with about `words` words: the headline, a
// blank line, and the paragraphs of GenerateStoryParts separated by blank
// lines.
std::string GenerateStory(uint64_t seed, int words);

// `count` lowercase words of the generator's vocabulary, seeded by `seed`
// (for edits that must add no names or numbers).
std::vector<std::string> FillerWords(uint64_t seed, int count);

// The same story as a RawWire from `source`, received now.
v1::RawWire GenerateRawWire(uint64_t seed, int words,
                            const std::string& source);

}  // namespace newswire::storygen

#endif  // NEWSWIRE_TOOLS_STORYGEN_STORY_GENERATOR_H_
