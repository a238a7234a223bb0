// A deterministic corpus of invented wire stories rendered in every format
// ingest reads, for the ingest benchmarks: storygen's stories
// (tools/storygen) shaped like agency copy, rendered by storygen's
// RenderWire.
//
// Stories have 3 to 14 paragraphs of about 15-word sentences (about 1-8 KB
// of text), a dateline, names, numbers, curly quotes and an occasional
// accented word, so the parsers see the mix real copy has.
//
// Example:
//   std::vector<std::string> items = RenderCorpus(v1::WIRE_FORMAT_NITF, 200);
//
// Thread-safety: pure functions.
#ifndef NEWSWIRE_BENCHMARKS_INGEST_STORY_CORPUS_H_
#define NEWSWIRE_BENCHMARKS_INGEST_STORY_CORPUS_H_

#include <string>
#include <vector>

#include "newswire/v1/wire.pb.h"

namespace newswire::ingest::bench {

// `count` stories (the same ones for every format) as payloads of `format`.
std::vector<std::string> RenderCorpus(v1::WireFormat format, int count);

}  // namespace newswire::ingest::bench

#endif  // NEWSWIRE_BENCHMARKS_INGEST_STORY_CORPUS_H_
