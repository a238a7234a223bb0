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
#include "services/dedup/dedup_handler.h"

ABSL_FLAG(std::string, unique_topic, newswire::kafka::kUniqueTopic,
          "topic for UNIQUE and UPDATE articles");
ABSL_FLAG(std::string, duplicates_topic, newswire::kafka::kDuplicatesTopic,
          "topic for EXACT_ and NEAR_DUPLICATE articles");
ABSL_FLAG(std::string, state_topic, newswire::kafka::kDedupStateTopic,
          "compacted topic holding the dedup index");
ABSL_FLAG(int64_t, window_hours, 72,
          "keep articles this many hours (of their own time) in the index");
ABSL_FLAG(int64_t, max_documents, 2000000,
          "index size bound; the oldest documents are evicted first");
ABSL_FLAG(double, near_containment, 0.80,
          "NEAR_DUPLICATE when this share of an article's shingles is in an "
          "earlier one (default chosen by benchmarks/dedup)");
ABSL_FLAG(double, update_containment, 0.70,
          "UPDATE when this share of an earlier article's shingles is in a "
          "longer new one");
ABSL_FLAG(double, min_jaccard, 0.30,
          "no link below this estimated Jaccard resemblance");
ABSL_FLAG(double, max_missing_keys, 0.15,
          "share of an article's numbers and names that may be missing from "
          "the earlier one for a match (at least one always may)");

int main(int argc, char** argv) {
  newswire::ParseFlagsWithEnv(
      argc, argv,
      "newswire-dedup: sorts wire.articles into wire.unique and "
      "wire.duplicates, linking story versions; state survives restarts in "
      "wire.dedup-state.");
  newswire::dedup::DedupOptions options;
  options.window_seconds = absl::GetFlag(FLAGS_window_hours) * 3600;
  options.max_documents = absl::GetFlag(FLAGS_max_documents);
  options.near_containment = absl::GetFlag(FLAGS_near_containment);
  options.update_containment = absl::GetFlag(FLAGS_update_containment);
  options.min_jaccard = absl::GetFlag(FLAGS_min_jaccard);
  options.max_missing_keys = absl::GetFlag(FLAGS_max_missing_keys);
  auto dedup = newswire::dedup::Deduplicator::Create(options);
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
  return newswire::RunStreamService("dedup", newswire::kafka::kArticlesTopic,
                                    &handler, registry, hooks);
}
