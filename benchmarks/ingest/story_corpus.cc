#include "benchmarks/ingest/story_corpus.h"

#include <cstdint>
#include <random>

#include "absl/strings/str_cat.h"
#include "tools/storygen/story_generator.h"
#include "tools/storygen/wire_formats.h"

namespace newswire::ingest::bench {
namespace {

// Story `n`'s shape: the words of 3 to 14 paragraphs of 1 to 4 sentences
// (12 storygen words a sentence: the former corpus's 15-word sentences in
// about the same bytes, 2.3-2.9 KB a record on average), a quotation in
// curly quotes opening a quarter of the paragraphs, and accented words.
storygen::StoryShape ShapeOf(int n) {
  std::mt19937 rng(static_cast<uint32_t>(n) * 2654435761u + 17);
  const int paragraphs = 3 + static_cast<int>(rng() % 12);
  int sentences = 0;
  for (int p = 0; p < paragraphs; ++p)
    sentences += 1 + static_cast<int>(rng() % 4);
  storygen::StoryShape shape;
  shape.words = 12 * sentences;
  shape.min_paragraph_words = 15;
  shape.max_paragraph_words = 60;
  shape.quote_share = 0.25;
  shape.accents = true;
  return shape;
}

}  // namespace

std::vector<std::string> RenderCorpus(v1::WireFormat format, int count) {
  std::vector<std::string> out;
  out.reserve(count);
  for (int n = 0; n < count; ++n) {
    const storygen::StoryParts story =
        storygen::GenerateStoryParts(static_cast<uint64_t>(n), ShapeOf(n));
    out.push_back(storygen::RenderWire(story, format, absl::StrCat("story-", n),
                                       1 + n % 3));
  }
  return out;
}

}  // namespace newswire::ingest::bench
