// The real-text benchmark corpus: CoNLL-2003 documents rendered as raw wire
// text by benchmarks/realtext/make_corpus.py (one file per document plus the
// dot file .manifest.tsv with each file's CoNLL token count and gold entity
// byte spans).
//
// Example:
//   absl::StatusOr<RealTextCorpus> c = LoadRealText("build/realtext");
//   for (const RealTextDoc& d : c->docs) Tag(d.text);
//
// Errors: NotFound when the manifest or a listed file is missing,
// InvalidArgument (with the line number) for a malformed manifest line.
// Thread-safety: pure function; the result is a plain value.
#ifndef NEWSWIRE_BENCHMARKS_REALTEXT_REALTEXT_CORPUS_H_
#define NEWSWIRE_BENCHMARKS_REALTEXT_REALTEXT_CORPUS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace newswire::realtext {

// One gold entity: bytes [begin, end) of the document, type "PER", "ORG",
// "LOC" or "MISC".
struct GoldEntity {
  int begin = 0;
  int end = 0;
  std::string type;
};

struct RealTextDoc {
  std::string name;  // file name inside the corpus directory
  std::string text;
  long tokens = 0;  // CoNLL tokens, so that speeds count tokens alike
  std::vector<GoldEntity> gold;
};

struct RealTextCorpus {
  std::vector<RealTextDoc> docs;
  long tokens = 0;
  long bytes = 0;
};

// Reads `dir`/.manifest.tsv and every file it lists.
[[nodiscard]] absl::StatusOr<RealTextCorpus> LoadRealText(
    const std::string& dir);

}  // namespace newswire::realtext

#endif  // NEWSWIRE_BENCHMARKS_REALTEXT_REALTEXT_CORPUS_H_
