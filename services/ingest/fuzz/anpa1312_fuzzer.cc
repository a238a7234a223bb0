// Fuzzes ParseAnpa1312.
#include "services/ingest/anpa1312_parser.h"
#include "services/ingest/fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newswire::ingest;
  absl::string_view in = AsView(data, size);
  absl::StatusOr<newswire::v1::Article> a = ParseAnpa1312(in);
  if (a.ok()) CheckArticle(*a, newswire::IsValidUtf8(in));
  return 0;
}
