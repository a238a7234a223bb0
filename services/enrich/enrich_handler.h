// Kafka adapter for the enrich stage: wire.unique -> wire.enriched.
//
// The stage's own metrics (EnrichMetrics) are tallied per record in Handle()
// and published in OnCommit(); OnAbort() drops the tally, so records of an
// aborted and replayed transaction are counted once, like the loop's
// counters.
//
// Thread-compatible; used by one StreamProcessor.
#ifndef NEWSWIRE_SERVICES_ENRICH_ENRICH_HANDLER_H_
#define NEWSWIRE_SERVICES_ENRICH_ENRICH_HANDLER_H_

#include <string>
#include <vector>

#include "common/kafka/stream_processor.h"
#include "services/enrich/enrich_metrics.h"
#include "services/enrich/enricher.h"

namespace newswire::enrich {

class EnrichHandler : public kafka::RecordHandler {
 public:
  // `enricher` and `metrics` (may be null) must outlive the handler.
  EnrichHandler(const Enricher* enricher, std::string output_topic,
                EnrichMetrics* metrics = nullptr)
      : enricher_(enricher),
        output_topic_(std::move(output_topic)),
        metrics_(metrics) {}

  // Errors: "enriched.malformed" when the record is not an EnrichedArticle
  // with an article.
  absl::Status Handle(const kafka::InputRecord& in,
                      std::vector<kafka::OutputRecord>* out) override;
  void OnCommit() override;
  void OnAbort() override;

 private:
  const Enricher* const enricher_;
  const std::string output_topic_;
  EnrichMetrics* const metrics_;
  // Records handled since the last commit or abort.
  EnrichTally pending_;
};

}  // namespace newswire::enrich

#endif  // NEWSWIRE_SERVICES_ENRICH_ENRICH_HANDLER_H_
