// newswire-dedup: wire.articles -> wire.unique / wire.duplicates (+ wire.dlq),
// with its index persisted in the compacted wire.dedup-state topic.
#include <memory>

#include "absl/flags/flag.h"
#include "absl/time/clock.h"
#include "common/config/flags.h"
#include "common/kafka/topic_reader.h"
#include "common/kafka/topics.h"
#include "common/log/log.h"
#include "common/service/service_flags.h"
#include "common/service/service_main.h"
#include "services/dedup/dedup_flags.h"
#include "services/dedup/dedup_handler.h"
#include "services/passthrough/passthrough_handler.h"

ABSL_FLAG(std::string, unique_topic, newswire::kafka::kUniqueTopic,
          "topic for UNIQUE and UPDATE articles");
ABSL_FLAG(std::string, duplicates_topic, newswire::kafka::kDuplicatesTopic,
          "topic for EXACT_ and NEAR_DUPLICATE articles");
ABSL_FLAG(std::string, state_topic, newswire::kafka::kDedupStateTopic,
          "compacted topic holding the dedup index");

int main(int argc, char** argv) {
  newswire::ParseFlagsWithEnv(
      argc, argv,
      "newswire-dedup: sorts wire.articles into wire.unique and "
      "wire.duplicates, linking story versions; state survives restarts in "
      "wire.dedup-state.");
  auto dedup = newswire::dedup::Deduplicator::Create(
      newswire::dedup::DedupOptionsFromFlags());
  if (!dedup.ok()) {
    NW_LOG(ERROR, "%s", dedup.status().ToString());
    return 2;
  }
  newswire::dedup::DedupTopics topics;
  topics.unique = newswire::TopicName(absl::GetFlag(FLAGS_unique_topic));
  topics.duplicates =
      newswire::TopicName(absl::GetFlag(FLAGS_duplicates_topic));
  topics.state = newswire::TopicName(absl::GetFlag(FLAGS_state_topic));
  auto registry = std::make_shared<prometheus::Registry>();
  newswire::dedup::DedupMetrics metrics(*registry);
  newswire::dedup::DedupHandler handler(dedup->get(), topics, &metrics);

  newswire::ServiceHooks hooks;
  hooks.before_run = [&]() -> absl::Status {
    auto kafka = newswire::KafkaConfigFromFlags();
    if (!kafka.ok()) return kafka.status();
    absl::Time start = absl::Now();
    int64_t records = 0;
    absl::Status s = newswire::kafka::ReadTopicToEnd(
        *kafka, topics.state, [&](const newswire::kafka::OwnedRecord& r) {
          ++records;
          return (*dedup)->Restore(r.key, r.value);
        });
    if (!s.ok()) return s;
    (*dedup)->Commit();
    metrics.ObserveIndex((*dedup)->stats());
    NW_LOG(INFO, "restored %d state records (%d documents) from %s in %s",
           records, (*dedup)->size(), topics.state,
           absl::FormatDuration(absl::Now() - start));
    return absl::OkStatus();
  };
  // Pass-through: every article UNIQUE to the unique topic, no index (the
  // restore above still runs, on the state topic as it is).
  newswire::PassthroughHandler passthrough(
      {newswire::PassthroughStage::kDedup, topics.unique, {}});
  return newswire::RunStreamService(
      "dedup", newswire::kafka::kArticlesTopic,
      newswire::StageOrPassthrough(&handler, &passthrough), registry, hooks);
}
