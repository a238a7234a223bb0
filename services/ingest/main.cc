// newswire-ingest: wire.raw -> wire.articles (+ wire.dlq).
#include <memory>

#include "absl/flags/flag.h"
#include "common/config/flags.h"
#include "common/service/service_flags.h"
#include "common/service/service_main.h"
#include "services/ingest/ingest_handler.h"

ABSL_FLAG(std::string, output_topic, "wire.articles",
          "topic for parsed articles");
ABSL_FLAG(int64_t, max_record_bytes, 4 * 1024 * 1024,
          "larger wire records are dead-lettered as payload.too_large");

int main(int argc, char** argv) {
  newswire::ParseFlagsWithEnv(
      argc, argv,
      "newswire-ingest: parses wire copy from wire.raw into Articles on "
      "wire.articles; unparseable copy goes to wire.dlq with its reason.");
  newswire::ingest::IngestOptions options;
  options.max_record_bytes =
      static_cast<size_t>(absl::GetFlag(FLAGS_max_record_bytes));
  newswire::ingest::IngestHandler handler(
      options, newswire::TopicName(absl::GetFlag(FLAGS_output_topic)));
  auto registry = std::make_shared<prometheus::Registry>();
  return newswire::RunStreamService("ingest", "wire.raw", &handler, registry);
}
