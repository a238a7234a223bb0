// Word clusters derived from unlabeled text, used as tagger features.
//
// Each frequent word is described by the words seen immediately left and
// right of it (counts over the most frequent context words, square-rooted
// and L2-normalized); spherical k-means groups words with similar contexts,
// at a coarse and a fine granularity. Unknown-at-training words that share
// a cluster with known names ("Pirelli" with other firms) then share
// weights. Deterministic for a seed.
//
// Example:
//   WordClusterOptions opt;
//   absl::flat_hash_map<std::string, uint16_t> ids =
//       BuildWordClusters(sentences, opt);   // word -> PackClusters(c, f)
//
// Threading: pure function. Errors: none (an empty corpus gives no
// clusters).
#ifndef NEWSWIRE_SERVICES_ENRICH_NER_WORD_CLUSTERS_H_
#define NEWSWIRE_SERVICES_ENRICH_NER_WORD_CLUSTERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace newswire::ner {

struct WordClusterOptions {
  int min_count = 3;         // words seen fewer times get no cluster
  int context_words = 1000;  // most frequent words used as contexts
  int coarse = 48;           // clusters at each granularity
  int fine = 384;
  int iterations = 12;
  uint64_t seed = 1;
};

// Keys are NormalizeToken() forms; values pack the coarse id (low 7 bits)
// and the fine id (high 9 bits).
absl::flat_hash_map<std::string, uint16_t> BuildWordClusters(
    const std::vector<std::vector<std::string>>& sentences,
    const WordClusterOptions& options);

// Word classes from pre-trained word vectors (a text file, one word a line:
// `word v1 .. vD`, most frequent first, e.g. GloVe as fetched by
// scripts/ner_embeddings.sh). The first `max_words` distinct
// NormalizeToken() forms are L2-normalized and grouped by spherical k-means
// at two granularities (initial centers: evenly spaced words of the
// frequency list, offset by the seed). A form's first (most frequent) line
// wins. NotFound for a missing file, InvalidArgument for a malformed line
// or class counts outside [1, 128] (coarse) and [1, 512] (fine).
struct EmbeddingClusterOptions {
  int max_words = 100000;
  int coarse = 64;  // at most 128 (PackClusters)
  int fine = 512;   // at most 512
  int iterations = 10;
  uint64_t seed = 1;
};
absl::StatusOr<absl::flat_hash_map<std::string, uint16_t>>
BuildEmbeddingClusters(const std::string& path,
                       const EmbeddingClusterOptions& options);

inline uint16_t PackClusters(int coarse, int fine) {
  return static_cast<uint16_t>((coarse & 0x7F) | (fine << 7));
}
inline int CoarseCluster(uint16_t packed) { return packed & 0x7F; }
inline int FineCluster(uint16_t packed) { return packed >> 7; }

}  // namespace newswire::ner

#endif  // NEWSWIRE_SERVICES_ENRICH_NER_WORD_CLUSTERS_H_
