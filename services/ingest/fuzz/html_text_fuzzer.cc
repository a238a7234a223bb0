// Fuzzes HtmlToParagraphs (ninjs body_html).
#include "services/ingest/fuzz/fuzz_checks.h"
#include "services/ingest/markup_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newswire::ingest;
  absl::string_view in = AsView(data, size);
  std::string text = HtmlToParagraphs(in);
  CheckParagraphs(text);
  if (newswire::IsValidUtf8(in)) Require(newswire::IsValidUtf8(text));
  return 0;
}
