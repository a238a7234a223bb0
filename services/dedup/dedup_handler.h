// Kafka adapter for the dedup stage: wire.articles (Article) ->
// wire.unique / wire.duplicates (EnrichedArticle with article and dedup set),
// plus the index changes to the compacted wire.dedup-state topic, all in the
// same transaction.
//
// UNIQUE and UPDATE go to the unique topic (they carry news); EXACT_ and
// NEAR_DUPLICATE go to the duplicates topic. A canceled (killed) story is
// passed on to the unique topic whatever the verdict, so subscribers can
// withdraw it.
//
// Verdicts are counted in `metrics` (if given) when their transaction
// commits, so an aborted and replayed batch is counted once.
//
// Example:
//   DedupMetrics metrics(*registry);
//   DedupHandler handler(dedup.get(), DedupTopics(), &metrics);
//   RunStreamService("dedup", kArticlesTopic, &handler, registry, hooks);
//
// Thread-compatible; used by one StreamProcessor.
#ifndef NEWSWIRE_SERVICES_DEDUP_DEDUP_HANDLER_H_
#define NEWSWIRE_SERVICES_DEDUP_DEDUP_HANDLER_H_

#include <array>
#include <string>
#include <vector>

#include "common/kafka/stream_processor.h"
#include "common/kafka/topics.h"
#include "services/dedup/dedup_metrics.h"
#include "services/dedup/deduplicator.h"

namespace newswire::dedup {

struct DedupTopics {
  std::string unique = kafka::kUniqueTopic;
  std::string duplicates = kafka::kDuplicatesTopic;
  std::string state = kafka::kDedupStateTopic;
};

class DedupHandler : public kafka::RecordHandler {
 public:
  // `dedup` and `metrics` (may be null) must outlive the handler.
  DedupHandler(Deduplicator* dedup, DedupTopics topics,
               DedupMetrics* metrics = nullptr)
      : dedup_(dedup), topics_(std::move(topics)), metrics_(metrics) {}

  // Errors: "article.malformed" when the record is not an Article.
  absl::Status Handle(const kafka::InputRecord& in,
                      std::vector<kafka::OutputRecord>* out) override;
  void OnCommit() override;
  void OnAbort() override;

 private:
  Deduplicator* const dedup_;
  const DedupTopics topics_;
  DedupMetrics* const metrics_;
  // Verdicts of the open transaction, by v1::Verdict value.
  std::array<int64_t, 5> pending_{};
};

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_DEDUP_HANDLER_H_
