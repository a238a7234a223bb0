// Word valences and function-word classes for the sentiment model.
//
// Valences live in [-1, 1]. They come from three sources, merged at training
// time: the VADER lexicon (mean rating / 4), AFINN-165 (score / 5), averaged
// where both list a word, and our own news vocabulary (sanctions, casualties,
// surge, plunge, ceasefire, ...), which overrides both. The trained model
// file carries the merged table keyed by word hash, so inference needs no
// lexicon files. Function-word classes (negators, boosters, hedges, contrast
// words) are built in.
//
// Example:
//   Lexicon lex = Lexicon::BuiltIn();            // news words + classes
//   RETURN_IF_ERROR(lex.AddVader(vader_path));   // training only
//   const LexEntry* e = lex.Find(HashWord("plunge"));  // e->valence < 0
//
// Thread-safety: const methods are thread-safe; Add* are not.
// Errors: Add* return NotFound for an unreadable file, InvalidArgument for a
// malformed line.
#ifndef NEWSWIRE_SERVICES_ENRICH_SENTIMENT_LEXICON_H_
#define NEWSWIRE_SERVICES_ENRICH_SENTIMENT_LEXICON_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "services/enrich/sentiment/word_vectors.h"

namespace newswire::sentiment {

enum WordClass : uint8_t {
  kNegator = 1,   // not, never, no, without, ...
  kBooster = 2,   // very, sharply, highly, ...
  kHedge = 4,     // slightly, somewhat, marginally, ...
  kContrast = 8,  // but, however, yet: what follows outweighs what precedes
  kConcessive =
      16,        // although, though, despite: the clause they open matters less
  kSpeech = 32,  // said, says, told, ...: reporting verbs
};

struct LexEntry {
  float valence = 0;  // [-1, 1]; 0 for pure function words
  uint8_t classes = 0;
};

class Lexicon {
 public:
  // Function-word classes plus our news vocabulary.
  static Lexicon BuiltIn();

  // Merges the VADER lexicon (token \t mean \t ...) or AFINN (word \t score).
  absl::Status AddVader(const std::string& path);
  absl::Status AddAfinn(const std::string& path);
  // Re-applies the news vocabulary so it wins over general-purpose lexicons.
  void ApplyNewsOverrides();

  // Sets the valence of a word hash (used when loading a model file).
  void SetValence(uint64_t hash, float valence);

  const LexEntry* Find(uint64_t hash) const {
    auto it = entries_.find(hash);
    return it == entries_.end() ? nullptr : &it->second;
  }

  // (hash, valence) of every word with a non-zero valence, sorted by hash.
  std::vector<std::pair<uint64_t, float>> Valences() const;

  // Word vectors of the dense context features (empty: those features are
  // 0, as for a model file without vectors).
  const WordVectors& vectors() const { return vectors_; }
  WordVectors* mutable_vectors() { return &vectors_; }

 private:
  absl::Status AddScaled(const std::string& path, float scale);

  absl::flat_hash_map<uint64_t, LexEntry> entries_;
  // Number of general lexicons that rated each hash (for averaging).
  absl::flat_hash_map<uint64_t, int> rated_;
  WordVectors vectors_;
};

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_LEXICON_H_
