// Fuzzes the whole IngestRawAll path: size and binary checks, detection,
// decoding, every parser and the final normalization. The first input byte
// picks a format hint (0-6; other values leave detection to IngestRaw).
#include <vector>

#include "common/status/reason.h"
#include "services/ingest/fuzz/fuzz_checks.h"
#include "services/ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newswire::ingest;
  newswire::v1::RawWire raw;
  if (size > 0 && data[0] <= 6) {
    raw.set_format_hint(static_cast<newswire::v1::WireFormat>(data[0]));
    ++data;
    --size;
  }
  raw.set_payload(std::string(AsView(data, size)));
  raw.set_source("fuzz");
  IngestOptions options;
  options.max_record_bytes = 1 << 20;
  absl::StatusOr<std::vector<newswire::v1::Article>> all =
      IngestRawAll(raw, options);
  if (!all.ok()) {
    // Every rejection names a reason code, never a bare status.
    Require(newswire::ReasonOf(all.status()).find('.') != std::string::npos);
    return 0;
  }
  Require(!all->empty() && all->size() <= 1000);
  for (const newswire::v1::Article& a : *all) {
    // Whatever the input encoding, an Article is always UTF-8.
    CheckArticle(a, /*require_utf8=*/true);
    Require(a.id().size() == 16);
    Require(a.version() >= 1 && a.priority() >= 1 && a.priority() <= 9);
    Require(!a.language().empty());
  }
  return 0;
}
