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
// Thread-compatible; used by one StreamProcessor.
#ifndef NEWSWIRE_SERVICES_DEDUP_DEDUP_HANDLER_H_
#define NEWSWIRE_SERVICES_DEDUP_DEDUP_HANDLER_H_

#include <string>
#include <vector>

#include "common/kafka/stream_processor.h"
#include "services/dedup/deduplicator.h"

namespace newswire::dedup {

struct DedupTopics {
  std::string unique = "wire.unique";
  std::string duplicates = "wire.duplicates";
  std::string state = "wire.dedup-state";
};

class DedupHandler : public kafka::RecordHandler {
 public:
  // `dedup` must outlive the handler.
  DedupHandler(Deduplicator* dedup, DedupTopics topics)
      : dedup_(dedup), topics_(std::move(topics)) {}

  // Errors: "article.malformed" when the record is not an Article.
  absl::Status Handle(const kafka::InputRecord& in,
                      std::vector<kafka::OutputRecord>* out) override;
  void OnCommit() override { dedup_->Commit(); }
  void OnAbort() override { dedup_->Rollback(); }

 private:
  Deduplicator* const dedup_;
  const DedupTopics topics_;
};

}  // namespace newswire::dedup

#endif  // NEWSWIRE_SERVICES_DEDUP_DEDUP_HANDLER_H_
