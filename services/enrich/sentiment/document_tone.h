// Document tone: how a reader would sum up a whole story, from the rule-based
// tone of its sentences.
//
// A plain average lets a long friendly opening outvote one sentence about a
// nuclear threat or a deadly stampede; readers do the opposite. So:
//   - relief: a negative word next to a word that ends or removes it, in
//     the same clause ("drought ends", "hostages freed", "cuts deaths"),
//     counts as positive;
//   - resolution: a negative body sentence followed later by a positive one
//     at least half as strong is resolved ("... feared the worst. All 14
//     were freed unharmed");
//   - negativity: an unresolved negative sentence tone weighs
//     negativity_weight times a positive one of the same size;
//   - position: the headline weighs headline_weight, the first two body
//     sentences lead_weight and the last one end_weight, the rest 1;
//   - peak: the worst unresolved tone (after the negativity weight) adds
//     peak_weight times itself to the weighted mean, so one grave event
//     darkens the whole story;
//   - the total x becomes x / sqrt(x^2 + 1), so the score stays graded
//     instead of piling up at -1.
// See README.md for the numbers and how they were chosen.
//
// Example:
//   DocumentTone t = ScoreDocumentTone(lexicon, headline, body);
//   t.score;  // [-1, 1]
//
// Thread-safety: pure function (thread_local scratch). Errors: none.
#ifndef NEWSWIRE_SERVICES_ENRICH_SENTIMENT_DOCUMENT_TONE_H_
#define NEWSWIRE_SERVICES_ENRICH_SENTIMENT_DOCUMENT_TONE_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "common/text/segment.h"
#include "newswire/v1/wire.pb.h"
#include "services/enrich/sentiment/lexicon.h"

namespace newswire::sentiment {

// The weights; the defaults are the shipped scorer. `Plain()` is the scorer
// before tone weighting (a position-weighted mean of sentence tones), kept
// so the tone test can report both.
struct ToneOptions {
  float headline_weight = 2.0f;
  float lead_weight = 1.5f;
  float end_weight = 1.5f;
  float negativity_weight = 1.5f;
  float peak_weight = 0.5f;
  bool relief = true;  // relief words and resolved sentences
  // Map the total into (-1, 1) by x / sqrt(x^2 + 1) instead of clamping,
  // so that a war story still scores below a single bad headline.
  bool squash = true;
  static ToneOptions Plain() {
    return {2.0f, 1.5f, 1.0f, 1.0f, 0.0f, false, false};
  }
};

struct DocumentTone {
  float score = 0;  // [-1, 1]
  // The total before squashing; the label is ToneLabel(total), so squashing
  // never moves a story across a threshold.
  float total = 0;
  // Tone of each sentence (headline first) after relief and negativity
  // weighting, and the position weight it got.
  std::vector<float> tones;
  std::vector<float> weights;
};

// Tone at or below -kToneThreshold is NEGATIVE, at or above it POSITIVE.
inline constexpr float kToneThreshold = 0.05f;

inline v1::SentimentLabel ToneLabel(float score) {
  return score <= -kToneThreshold  ? v1::NEGATIVE
         : score >= kToneThreshold ? v1::POSITIVE
                                   : v1::NEUTRAL;
}

DocumentTone ScoreDocumentTone(const Lexicon& lexicon,
                               absl::string_view headline,
                               absl::string_view body,
                               const ToneOptions& options = ToneOptions());

// The same with `body_segments` == text::Segment(body), for a caller that
// has segmented the body already (the enricher segments each body once).
DocumentTone ScoreDocumentTone(const Lexicon& lexicon,
                               absl::string_view headline,
                               absl::string_view body,
                               const std::vector<text::Token>& body_segments,
                               const ToneOptions& options = ToneOptions());

}  // namespace newswire::sentiment

#endif  // NEWSWIRE_SERVICES_ENRICH_SENTIMENT_DOCUMENT_TONE_H_
