// The ingest stage: raw wire copy in, one normalized Article out.
//
// This is the single implementation behind newswire-ingest, `newswire
// process`, the tests and the benchmarks.
//
// Example:
//   v1::RawWire raw;
//   raw.set_payload(bytes);
//   absl::StatusOr<v1::Article> article = IngestRaw(raw, IngestOptions());
//   if (!article.ok()) {
//     // ReasonOf(article.status()) is the dead-letter error code.
//   }
//
// Errors: every failure is InvalidArgument (or ResourceExhausted for size
// limits) with a reason code from common/status/reason.h, e.g.
// "payload.empty", "payload.too_large", "format.unknown". Never throws,
// never crashes on any input.
//
// Thread-safety: IngestRaw is a pure function and safe from any thread.
#ifndef NEWSWIRE_SERVICES_INGEST_INGEST_H_
#define NEWSWIRE_SERVICES_INGEST_INGEST_H_

#include <cstddef>

#include "absl/status/statusor.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::ingest {

struct IngestOptions {
  // Larger payloads are rejected with reason "payload.too_large".
  size_t max_record_bytes = 4 * 1024 * 1024;
};

// Detects the format (raw.format_hint wins when set), parses and normalizes.
// The Article's source and received_time come from `raw`.
absl::StatusOr<v1::Article> IngestRaw(const v1::RawWire& raw,
                                      const IngestOptions& options);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_INGEST_H_
