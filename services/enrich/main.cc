// newswire-enrich: wire.unique -> wire.enriched (+ wire.dlq).
#include <memory>

#include "absl/flags/flag.h"
#include "common/config/flags.h"
#include "common/kafka/topics.h"
#include "common/log/log.h"
#include "common/service/service_flags.h"
#include "common/service/service_main.h"
#include "services/enrich/enrich_handler.h"
#include "services/passthrough/passthrough_handler.h"

ABSL_FLAG(std::string, output_topic, newswire::kafka::kEnrichedTopic,
          "topic for enriched articles");
ABSL_FLAG(std::string, ner_model, "", "NER model file (empty: built-in)");
ABSL_FLAG(std::string, gazetteer, "", "gazetteer file (empty: built-in)");
ABSL_FLAG(std::string, sentiment_model, "",
          "sentiment model file (empty: built-in)");

int main(int argc, char** argv) {
  newswire::ParseFlagsWithEnv(
      argc, argv,
      "newswire-enrich: tags entities and sentiment on wire.unique and "
      "publishes wire.enriched.");
  newswire::SetLogProgramName("newswire-enrich");
  newswire::enrich::EnricherOptions options;
  options.ner_model = absl::GetFlag(FLAGS_ner_model);
  options.gazetteer = absl::GetFlag(FLAGS_gazetteer);
  options.sentiment_model = absl::GetFlag(FLAGS_sentiment_model);
  auto enricher = newswire::enrich::Enricher::Create(options);
  if (!enricher.ok()) {
    NW_LOG(ERROR, "loading models: %s", enricher.status().ToString());
    return 2;
  }
  auto registry = std::make_shared<prometheus::Registry>();
  newswire::enrich::EnrichMetrics metrics(*registry);
  newswire::enrich::EnrichHandler handler(
      enricher->get(), newswire::TopicName(absl::GetFlag(FLAGS_output_topic)),
      &metrics);
  newswire::PassthroughHandler passthrough(
      {newswire::PassthroughStage::kEnrich,
       newswire::TopicName(absl::GetFlag(FLAGS_output_topic)),
       {}});
  return newswire::RunStreamService(
      "enrich", newswire::kafka::kUniqueTopic,
      newswire::StageOrPassthrough(&handler, &passthrough), registry);
}
