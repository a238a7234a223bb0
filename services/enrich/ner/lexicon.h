// Word lists the tagger uses as features: gazetteer phrases (typed names
// such as "United Nations" ORG or "North Korean" MISC) and single-word
// cue lists (first names, organisation and location head words).
//
// The lists are read from text files when training and stored inside the
// model file, so a model always carries the lexicon it was trained with.
//
// Example:
//   Lexicon lex;
//   RETURN_IF_ERROR(lex.LoadGazetteerTsv("services/enrich/linking/gazetteer.tsv"));
//   RETURN_IF_ERROR(lex.LoadCueWords("services/enrich/ner/lexicons/cues.txt"));
//   std::vector<uint16_t> marks = lex.MatchPhrases(tokens, normalized);
//
// Threading: const methods are safe from many threads once built.
// Errors: loaders return NotFound / InvalidArgument with the file and line.
#ifndef NEWSWIRE_SERVICES_ENRICH_NER_LEXICON_H_
#define NEWSWIRE_SERVICES_ENRICH_NER_LEXICON_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace newswire::ner {

// Bit flags of single-word cues.
enum CueBits : uint8_t {
  kCueFirstName = 1,
  kCueOrgWord = 2,    // "Corp", "Ministry", "University", "Party"
  kCueLocWord = 4,    // "River", "Province", "Island", "Street"
  kCueTitle = 8,      // "President", "Minister", "Gen", "Mr"
  kCueMiscWord = 16,  // "Cup", "Championship", "Open", "War"
};

class Lexicon {
 public:
  // Adds gazetteer names: lines `id<TAB>TYPE<TAB>name<TAB>aliases<TAB>demonyms`
  // with TYPE one of PER ORG LOC MISC; aliases and demonyms are
  // '|'-separated; demonyms are added as MISC. '#' starts a comment.
  absl::Status LoadGazetteerTsv(const std::string& path);
  // Adds cue words: lines `CUE<TAB>word` with CUE one of FIRST ORG LOC
  // TITLE MISC.
  absl::Status LoadCueWords(const std::string& path);

  // Adds one phrase (already lower-cased tokens joined by single spaces)
  // for class bit (1 << class).
  void AddPhrase(const std::string& lowered, uint8_t class_bits);
  void AddCue(const std::string& lowered, uint8_t cue_bits);

  // For each token, 4 bits per class position: result[i] has bit
  // (class*4 + pos) set where pos is 0=B 1=I 2=L 3=U of a longest
  // gazetteer match of that class covering token i. Tokens are in original
  // case (matches start only at a token that is not lower case);
  // `normalized` holds their NormalizeToken() forms.
  std::vector<uint16_t> MatchPhrases(
      const std::vector<absl::string_view>& tokens,
      const std::vector<std::string>& normalized) const;

  // Cue bits of one word (any case).
  uint8_t Cues(absl::string_view word) const;

  // Phrase-membership classes of a single word: bit c set if the word is
  // part of some phrase of class c.
  uint8_t WordClasses(absl::string_view word) const;

  // Cues, WordClasses, Clusters and EmbeddingClusters of a word given by
  // its NormalizeToken() form, for callers that have it already (saves
  // normalizing it again).
  uint8_t CuesOfNormalized(absl::string_view normalized) const;
  uint8_t WordClassesOfNormalized(absl::string_view normalized) const;
  int ClustersOfNormalized(absl::string_view normalized) const;
  int EmbeddingClustersOfNormalized(absl::string_view normalized) const;
  // The same for a word given by Fingerprint64 of its NormalizeToken() form.
  int EmbeddingClustersOfHash(uint64_t normalized_hash) const;

  // Word clusters (word_clusters.h), keyed by NormalizeToken() form.
  void SetClusters(absl::flat_hash_map<std::string, uint16_t> clusters) {
    clusters_ = std::move(clusters);
  }
  // The packed cluster ids of a word, or -1 if it has none.
  int Clusters(absl::string_view word) const;
  // Word classes from pre-trained vectors (BuildEmbeddingClusters), keyed
  // by NormalizeToken() form and packed the same way. They are kept (and
  // stored in the model file) as (Fingerprint64 of the form, class) pairs
  // sorted by hash, so that loading a large table costs no string copies
  // and no hash-table inserts; a lookup is a binary search.
  void SetEmbeddingClusters(
      const absl::flat_hash_map<std::string, uint16_t>& clusters);

  // Serialization for the model file. Files written before the embedding
  // classes existed lack their table: ReadFrom(in, false).
  void AppendTo(std::string* out) const;
  bool ReadFrom(absl::string_view* in, bool with_embedding_clusters = true);

  size_t num_phrases() const { return phrases_.size(); }

 private:
  absl::flat_hash_map<std::string, uint8_t> phrases_;
  absl::flat_hash_map<std::string, uint8_t> cues_;
  absl::flat_hash_map<std::string, uint8_t> word_classes_;
  absl::flat_hash_map<std::string, uint16_t> clusters_;
  std::vector<std::pair<uint64_t, uint16_t>> embedding_classes_;
  int max_len_ = 1;
};

// Lower-cases ASCII, maps digits to '0' and curly quotes and dashes to
// ASCII ones.
std::string NormalizeToken(absl::string_view token);

}  // namespace newswire::ner

#endif  // NEWSWIRE_SERVICES_ENRICH_NER_LEXICON_H_
