#include "services/ingest/ingest_metrics.h"

#include <string>

#include "prometheus/labels.h"

namespace newswire::ingest {

IngestMetrics::IngestMetrics(prometheus::Registry& registry)
    : parsed_(
          prometheus::BuildCounter()
              .Name("newswire_articles_parsed_total")
              .Help("Articles parsed from wire records (one per newsItem of a "
                    "package), by format.")
              .Register(registry)),
      failures_(prometheus::BuildCounter()
                    .Name("newswire_parse_failures_total")
                    .Help("Wire records ingest could not parse, by format "
                          "and dead-letter reason.")
                    .Register(registry)) {}

void IngestMetrics::Parsed(absl::string_view format) {
  parsed_.Add({{"format", std::string(format)}}).Increment();
}

void IngestMetrics::Failed(absl::string_view format, absl::string_view reason) {
  failures_
      .Add({{"format", std::string(format)}, {"reason", std::string(reason)}})
      .Increment();
}

}  // namespace newswire::ingest
