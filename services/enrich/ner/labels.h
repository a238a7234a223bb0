// BILOU labels of the sequence tagger and their conversion to spans.
//
// Label 0 is O; class c (EntityClass) at position p (0=B, 1=I, 2=L, 3=U)
// is 1 + 4*c + p. The decoder only allows valid BILOU sequences.
//
// Example:
//   std::vector<int> labels = SpansToLabels(spans, n);
//   assert(LabelsToSpans(labels) == spans);
//
// Threading: pure functions.
#ifndef NEWSWIRE_SERVICES_ENRICH_NER_LABELS_H_
#define NEWSWIRE_SERVICES_ENRICH_NER_LABELS_H_

#include <vector>

#include "services/enrich/ner/conll.h"

namespace newswire::ner {

inline constexpr int kNumLabels = 17;
inline constexpr int kOutside = 0;
inline constexpr int kBos = kNumLabels;  // "no previous label"

enum LabelPos : int { kB = 0, kI = 1, kL = 2, kU = 3 };

inline int MakeLabel(EntityClass c, LabelPos p) {
  return 1 + 4 * static_cast<int>(c) + p;
}
inline EntityClass LabelClass(int label) {
  return static_cast<EntityClass>((label - 1) / 4);
}
inline int LabelPosOf(int label) { return (label - 1) % 4; }

// True if `label` may follow `prev` (kBos at sentence start); a sentence's
// last token (`last`) may not be B or I.
bool LabelAllowed(int prev, int label, bool last);

std::vector<TokenSpan> LabelsToSpans(const std::vector<int>& labels);
std::vector<int> SpansToLabels(const std::vector<TokenSpan>& spans, int n);

}  // namespace newswire::ner

#endif  // NEWSWIRE_SERVICES_ENRICH_NER_LABELS_H_
