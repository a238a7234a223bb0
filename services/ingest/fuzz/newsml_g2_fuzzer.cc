// Fuzzes ParseNewsMlG2 (every newsItem of a newsMessage).
#include <vector>

#include "services/ingest/fuzz/fuzz_checks.h"
#include "services/ingest/newsml_g2_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newswire::ingest;
  absl::string_view in = AsView(data, size);
  absl::StatusOr<std::vector<newswire::v1::Article>> all =
      ParseNewsMlG2(in, XmlLimits(), /*max_items=*/64);
  if (!all.ok()) return 0;
  Require(!all->empty() && all->size() <= 64);
  for (const newswire::v1::Article& a : *all) {
    CheckArticle(a, newswire::IsValidUtf8(in));
  }
  return 0;
}
