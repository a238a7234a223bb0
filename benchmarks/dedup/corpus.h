// A generator of invented wire copy with labelled duplicates, for the dedup
// benchmark.
//
// Base stories (150-1,200 words), the filler and the template look-alikes
// come from storygen's NewsGenerator (tools/storygen/news_generator.h); each
// base gets one variant of every edit kind: an exact resend, a rewrapped copy
// with markup and typographic quotes, a copy with another headline and dateline
// format, the lead dropped, paragraphs reordered, a few words corrected, a
// new paragraph on top, a longer update, and a provider version 2. Template
// look-alikes (market closes, sports results, weather reports, earnings
// briefs) share their wording but not their numbers and names; every one is
// its own story. Filler stories are unrelated base stories for prefilling the
// index.
//
// Example:
//   CorpusGenerator gen(/*seed=*/42);
//   std::vector<CorpusDoc> docs = gen.Labelled(1000, 250);
//   CorpusDoc filler = gen.Filler(17);
//
// Deterministic for a seed. Thread-compatible.
#ifndef NEWSWIRE_BENCHMARKS_DEDUP_CORPUS_H_
#define NEWSWIRE_BENCHMARKS_DEDUP_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tools/storygen/news_generator.h"

namespace newswire::dedup::bench {

// Edit kinds; kBase and the template/filler kinds are not duplicates.
enum class Kind {
  kBase,
  kExactResend,
  kRewrapped,
  kHeadlineDateline,
  kLeadDropped,
  kReordered,
  kCorrected,
  kNewTop,
  kExtended,
  kProviderVersion,
  kTemplate,
  kFiller,
};
inline constexpr int kNumKinds = 12;
const char* KindName(Kind kind);
// True for the variants that are the same story as their base.
bool IsDuplicateKind(Kind kind);

struct CorpusDoc {
  std::string id;     // 16 hex digits, like ingest's ids
  int64_t story = 0;  // ground truth: equal for the same story
  Kind kind = Kind::kBase;
  int64_t base = -1;  // index of the base document for variants
  int64_t time = 0;   // seconds
  std::string provider_id;
  int32_t version = 1;
  std::string headline;
  std::string body;  // paragraphs separated by "\n\n"
};

class CorpusGenerator {
 public:
  explicit CorpusGenerator(uint64_t seed);

  // `stories` base stories with one variant of each kind, plus
  // `templates_per_family` look-alikes of each of four template families,
  // sorted by time (starting at `start_time`, spanning 36 hours).
  std::vector<CorpusDoc> Labelled(int stories, int templates_per_family,
                                  int64_t start_time = 1'700'000'000);

  // One unrelated story, numbered `n` (ids and labels distinct from the
  // labelled corpus).
  CorpusDoc Filler(int64_t n, int64_t time);

 private:
  storygen::NewsGenerator gen_;
};

}  // namespace newswire::dedup::bench

#endif  // NEWSWIRE_BENCHMARKS_DEDUP_CORPUS_H_
