// Fuzzes ParseNitf.
#include "services/ingest/fuzz/fuzz_checks.h"
#include "services/ingest/nitf_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newswire::ingest;
  absl::string_view in = AsView(data, size);
  absl::StatusOr<newswire::v1::Article> a = ParseNitf(in, XmlLimits());
  if (a.ok()) CheckArticle(*a, newswire::IsValidUtf8(in));
  return 0;
}
