// newswire-enrich: wire.unique -> wire.enriched (+ wire.dlq).
#include <memory>

#include "absl/flags/flag.h"
#include "common/config/flags.h"
#include "common/kafka/topics.h"
#include "common/log/log.h"
#include "common/service/service_flags.h"
#include "common/service/service_main.h"
#include "services/enrich/enrich_flags.h"
#include "services/enrich/enrich_handler.h"

ABSL_FLAG(std::string, output_topic, newswire::kafka::kEnrichedTopic,
          "topic for enriched articles");

int main(int argc, char** argv) {
  newswire::ParseFlagsWithEnv(
      argc, argv,
      "newswire-enrich: tags entities and sentiment on wire.unique and "
      "publishes wire.enriched.");
  newswire::SetLogProgramName("newswire-enrich");
  auto enricher = newswire::enrich::Enricher::Create(
      newswire::enrich::EnricherOptionsFromFlags());
  if (!enricher.ok()) {
    NW_LOG(ERROR, "loading models: %s", enricher.status().ToString());
    return 2;
  }
  auto registry = std::make_shared<prometheus::Registry>();
  newswire::enrich::EnrichMetrics metrics(*registry);
  newswire::enrich::EnrichHandler handler(
      enricher->get(), newswire::TopicName(absl::GetFlag(FLAGS_output_topic)),
      &metrics);
  return newswire::RunStreamService("enrich", newswire::kafka::kUniqueTopic,
                                    &handler, registry);
}
