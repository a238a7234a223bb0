// Features that tie a target to the nearest sentiment word on each side of
// it within its analysed sentence, read without a parser from word order,
// clause numbers and quotation:
//
//   - the stem of that word with its sign ("attack-", "praise+"), by side;
//   - its shape: side, sign, distance bucket (1, 2-3, 4-6, 7+ words),
//     whether it is in the target's clause, whether a quotation mark lies
//     between them (one of the two is quoted, the other not);
//   - when it is at most 8 words away, the stems of the words between it
//     and the target, crossed with its sign and side ("criticism of <T>" and
//     "<T> criticised" give "of"/nothing with a negative word on the left or
//     right);
//   - a marker when a side has no sentiment word.
//
// On NewsMTSC these lifted 5-fold cross-validated macro-F1 from 0.6706 to
// 0.6751 at the same training settings search (models/sentiment/MODEL_CARD.md
// lists what else was tried).
//
// Thread-safety: a free function; the caller owns `out`.
// Errors: none. REQUIRES: [begin, end) lies inside a.span, begin < end.
#ifndef NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TARGET_CONTEXT_H_
#define NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TARGET_CONTEXT_H_

#include <cstdint>

#include "services/enrich/sentiment/features.h"

namespace newswire::sentiment {

// Appends the hashed features described above to out->ids.
void TargetContextFeatures(const SentenceAnalysis& a, uint32_t begin,
                           uint32_t end, FeatureVector* out);

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_TARGET_CONTEXT_H_
