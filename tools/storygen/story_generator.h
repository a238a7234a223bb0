// Invented wire stories for load tests and benchmarks.
//
// Each story is built from a seeded generator over a broad vocabulary, so any
// two stories with different seeds share few word shingles: no dedup stage
// may call them alike. Text is plain ASCII wire copy with a headline, a
// dateline and paragraphs, of roughly `words` words.
//
// Example:
//   std::string copy = GenerateStory(42, 400);
//   v1::RawWire raw = GenerateRawWire(42, 400, "loadgen");
//
// Thread-safety: pure functions.
#ifndef NEWSWIRE_TOOLS_STORYGEN_STORY_GENERATOR_H_
#define NEWSWIRE_TOOLS_STORYGEN_STORY_GENERATOR_H_

#include <cstdint>
#include <string>

#include "newswire/v1/wire.pb.h"

namespace newswire::storygen {

// Plain-text story number `seed` with about `words` words.
std::string GenerateStory(uint64_t seed, int words);

// The same story as a RawWire from `source`, received now.
v1::RawWire GenerateRawWire(uint64_t seed, int words,
                            const std::string& source);

}  // namespace newswire::storygen

#endif  // NEWSWIRE_TOOLS_STORYGEN_STORY_GENERATOR_H_
