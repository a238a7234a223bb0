// Fuzzes ParseJson.
#include "services/ingest/fuzz/fuzz_checks.h"
#include "services/ingest/json_reader.h"

namespace {

// Walks the whole tree, checking that decoded strings are UTF-8 when the
// input was.
void Walk(const newswire::ingest::JsonValue& v, bool utf8) {
  using newswire::ingest::Require;
  if (v.is_string() && utf8) Require(newswire::IsValidUtf8(v.str()));
  for (const auto& item : v.items()) Walk(item, utf8);
  for (const auto& [key, value] : v.members()) {
    if (utf8) Require(newswire::IsValidUtf8(key));
    Walk(value, utf8);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newswire::ingest;
  absl::string_view in = AsView(data, size);
  absl::StatusOr<JsonValue> v = ParseJson(in, JsonLimits());
  if (v.ok()) Walk(*v, newswire::IsValidUtf8(in));
  return 0;
}
