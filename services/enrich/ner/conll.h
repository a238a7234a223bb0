// CoNLL-2003 files and conlleval-style scoring.
//
// Reads `token POS chunk NER` files (IOB1 tags, blank line between
// sentences, `-DOCSTART-` between documents), converts tag sequences to
// typed spans, and scores predicted spans against gold ones with exact-span
// micro-averaged precision / recall / F1, per type and overall, as CoNLL's
// conlleval script does.
//
// Example:
//   ASSIGN_OR_RETURN(std::vector<ConllDocument> docs, ReadConll(path));
//   SpanScorer scorer;
//   scorer.Add(gold_tags, predicted_tags);
//   std::cout << scorer.Report();
//
// Errors: ReadConll returns NotFound for a missing file and
// InvalidArgument (with the line number) for a malformed line.
// Threading: plain values; a SpanScorer is not shared between threads.
#ifndef NEWSWIRE_SERVICES_ENRICH_NER_CONLL_H_
#define NEWSWIRE_SERVICES_ENRICH_NER_CONLL_H_

#include <array>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newswire::ner {

// Entity classes in CoNLL order. kNone marks "outside".
enum class EntityClass : int { kPer = 0, kOrg = 1, kLoc = 2, kMisc = 3 };
inline constexpr int kNumClasses = 4;
const char* ClassName(EntityClass c);  // "PER", "ORG", "LOC", "MISC"

struct ConllSentence {
  std::vector<std::string> lines;   // the input lines, verbatim
  std::vector<std::string> tokens;  // first column
  std::vector<std::string> tags;    // last column (IOB1 or IOB2)
};

struct ConllDocument {
  std::vector<ConllSentence> sentences;
};

// Reads a CoNLL file. A file without -DOCSTART- lines is one document.
absl::StatusOr<std::vector<ConllDocument>> ReadConll(const std::string& path);

// A typed token span [begin, end).
struct TokenSpan {
  int begin = 0;
  int end = 0;
  EntityClass cls = EntityClass::kPer;
  bool operator==(const TokenSpan& o) const {
    return begin == o.begin && end == o.end && cls == o.cls;
  }
};

// Converts IOB1 or IOB2 tags ("O", "I-PER", "B-LOC", ...) to spans the way
// conlleval does: an entity starts at B-X, or at I-X after a tag of
// another type or O. Unknown tags count as O.
std::vector<TokenSpan> TagsToSpans(const std::vector<std::string>& tags);

// Converts spans to IOB1 tags (B- only where two entities of one type
// touch), the CoNLL-2003 convention.
std::vector<std::string> SpansToIob1(const std::vector<TokenSpan>& spans,
                                     int num_tokens);

struct PrfCounts {
  long true_positives = 0;
  long predicted = 0;
  long gold = 0;
  double Precision() const;
  double Recall() const;
  double F1() const;
};

// Accumulates exact-span matches over many sentences.
class SpanScorer {
 public:
  void Add(const std::vector<TokenSpan>& gold,
           const std::vector<TokenSpan>& predicted);
  void AddTags(const std::vector<std::string>& gold,
               const std::vector<std::string>& predicted) {
    Add(TagsToSpans(gold), TagsToSpans(predicted));
  }
  const PrfCounts& overall() const { return overall_; }
  const PrfCounts& of(EntityClass c) const {
    return per_class_[static_cast<int>(c)];
  }
  // A conlleval-like table: one line overall, one per type.
  std::string Report() const;

 private:
  PrfCounts overall_;
  std::array<PrfCounts, kNumClasses> per_class_;
};

}  // namespace newswire::ner

#endif  // NEWSWIRE_SERVICES_ENRICH_NER_CONLL_H_
