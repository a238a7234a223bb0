// The ingest stage's own Prometheus series (the Kafka loop's are in
// common/metrics/stream_metrics.h).
//
// Series:
//   newswire_articles_parsed_total{format}          parsed into an Article
//   newswire_parse_failures_total{format,reason}    dead-lettered by ingest
// `format` is FormatLabel() ("nitf", ..., "unknown"); `reason` is the
// dead-letter reason code. Both label sets are small and fixed.
//
// Example:
//   IngestMetrics metrics(*registry);
//   metrics.Parsed("nitf");
//   metrics.Failed("nitf", "xml.doctype_forbidden");
//
// Ownership: `registry` must outlive this object. Thread-safety: all methods
// are safe from any thread.
#ifndef NEWSWIRE_SERVICES_INGEST_INGEST_METRICS_H_
#define NEWSWIRE_SERVICES_INGEST_INGEST_METRICS_H_

#include "absl/strings/string_view.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/registry.h"

namespace newswire::ingest {

class IngestMetrics {
 public:
  explicit IngestMetrics(prometheus::Registry& registry);

  IngestMetrics(const IngestMetrics&) = delete;
  IngestMetrics& operator=(const IngestMetrics&) = delete;

  void Parsed(absl::string_view format);
  void Failed(absl::string_view format, absl::string_view reason);

 private:
  prometheus::Family<prometheus::Counter>& parsed_;
  prometheus::Family<prometheus::Counter>& failures_;
};

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_INGEST_METRICS_H_
