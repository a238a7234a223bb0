// The names of the pipeline's topics, in one place.
//
// These are the names as deployed; a service or test puts --topic_prefix (or
// its own prefix) before each one. Every service, the CLI, the tests and the
// benchmarks take the names from here, so renaming a topic is one edit.
//
// Example:
//   const std::string raw = TopicName(kafka::kRawTopic);  // with the prefix
//   RETURN_IF_ERROR(publisher->Send(prefix + kafka::kRawTopic, key, bytes));
#ifndef NEWSWIRE_COMMON_KAFKA_TOPICS_H_
#define NEWSWIRE_COMMON_KAFKA_TOPICS_H_

namespace newswire::kafka {

// Copy as delivered (RawWire): `newswire publish`, the drop folder, feeds.
inline constexpr char kRawTopic[] = "wire.raw";
// One normalized story version (Article), written by ingest.
inline constexpr char kArticlesTopic[] = "wire.articles";
// UNIQUE and UPDATE verdicts and kills (EnrichedArticle), written by dedup.
inline constexpr char kUniqueTopic[] = "wire.unique";
// EXACT_ and NEAR_DUPLICATE verdicts (EnrichedArticle), written by dedup.
inline constexpr char kDuplicatesTopic[] = "wire.duplicates";
// Complete records (EnrichedArticle), written by enrich.
inline constexpr char kEnrichedTopic[] = "wire.enriched";
// What a stage could not process (DeadLetter), written by every stage.
inline constexpr char kDlqTopic[] = "wire.dlq";
// The dedup index, compacted, written by dedup with its verdicts.
inline constexpr char kDedupStateTopic[] = "wire.dedup-state";

}  // namespace newswire::kafka

#endif  // NEWSWIRE_COMMON_KAFKA_TOPICS_H_
