#include "common/kafka/admin.h"

#include <librdkafka/rdkafka.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/kafka/client.h"
#include "common/kafka/error.h"
#include "common/kafka/topics.h"

namespace newswire::kafka {

absl::Status EnsureTopics(const KafkaClientConfig& config,
                          const std::vector<TopicSpec>& topics,
                          absl::Duration timeout) {
  if (topics.empty()) return absl::OkStatus();
  // The admin calls go through librdkafka's C API on the handle of a client
  // made like every other (same settings, callbacks and error translation).
  ClientEvents events("admin");
  auto client = CreateProducer(config, {}, &events);
  if (!client.ok()) return client.status();
  rd_kafka_t* rk = (*client)->c_ptr();
  char errstr[512];

  std::vector<rd_kafka_NewTopic_t*> new_topics;
  absl::Status status;
  for (const TopicSpec& spec : topics) {
    rd_kafka_NewTopic_t* t =
        rd_kafka_NewTopic_new(spec.name.c_str(), spec.partitions,
                              spec.replication_factor, errstr, sizeof(errstr));
    if (t == nullptr) {
      status = absl::InvalidArgumentError(
          absl::StrCat("topic ", spec.name, ": ", errstr));
      break;
    }
    for (const auto& [key, value] : spec.configs) {
      rd_kafka_NewTopic_set_config(t, key.c_str(), value.c_str());
    }
    new_topics.push_back(t);
  }
  if (status.ok()) {
    rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
    rd_kafka_AdminOptions_t* options =
        rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
    rd_kafka_AdminOptions_set_operation_timeout(
        options, static_cast<int>(absl::ToInt64Milliseconds(timeout)), errstr,
        sizeof(errstr));
    rd_kafka_CreateTopics(rk, new_topics.data(), new_topics.size(), options,
                          queue);
    rd_kafka_event_t* event = rd_kafka_queue_poll(
        queue, static_cast<int>(absl::ToInt64Milliseconds(timeout)) + 5000);
    if (event == nullptr) {
      status = events.fatal();
      if (status.ok()) {
        absl::Status last = events.last_error();
        status = absl::UnavailableError(
            absl::StrCat("CreateTopics: no answer from ", config.ToString(),
                         last.ok() ? "" : absl::StrCat(": ", last.message())));
      }
    } else if (rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      status = FromErrorCode(
          static_cast<RdKafka::ErrorCode>(rd_kafka_event_error(event)),
          absl::StrCat("CreateTopics on ", config.brokers));
    } else {
      const rd_kafka_CreateTopics_result_t* result =
          rd_kafka_event_CreateTopics_result(event);
      size_t n = 0;
      const rd_kafka_topic_result_t** results =
          rd_kafka_CreateTopics_result_topics(result, &n);
      for (size_t i = 0; i < n && status.ok(); ++i) {
        rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR ||
            err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
          continue;
        }
        const char* msg = rd_kafka_topic_result_error_string(results[i]);
        status = FromErrorCode(
            static_cast<RdKafka::ErrorCode>(err),
            absl::StrCat("creating topic ",
                         rd_kafka_topic_result_name(results[i]),
                         msg != nullptr ? absl::StrCat(" (", msg, ")") : ""));
      }
    }
    if (event != nullptr) rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
  }
  rd_kafka_NewTopic_destroy_array(new_topics.data(), new_topics.size());
  return status;
}

absl::StatusOr<int> PartitionCount(const KafkaClientConfig& config,
                                   const std::string& topic,
                                   absl::Duration timeout) {
  ClientEvents events("admin");
  auto client = CreateProducer(config, {}, &events);
  if (!client.ok()) return client.status();
  std::string error;
  std::unique_ptr<RdKafka::Topic> t(
      RdKafka::Topic::create(client->get(), topic, nullptr, error));
  if (t == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("topic ", topic, ": ", error));
  }
  RdKafka::Metadata* raw = nullptr;
  absl::Status status = FromErrorCode(
      (*client)->metadata(false, t.get(), &raw,
                          static_cast<int>(absl::ToInt64Milliseconds(timeout))),
      absl::StrCat("metadata for ", topic));
  std::unique_ptr<RdKafka::Metadata> metadata(raw);
  if (!status.ok()) {
    absl::Status fatal = events.fatal();
    return fatal.ok() ? status : fatal;
  }
  for (const RdKafka::TopicMetadata* m : *metadata->topics()) {
    if (m->topic() != topic) continue;
    if (m->err() != RdKafka::ERR_NO_ERROR) {
      absl::Status s = FromErrorCode(m->err(), absl::StrCat("topic ", topic));
      if (IsFatal(s)) return s;  // e.g. not authorized
      return absl::NotFoundError(s.message());
    }
    if (!m->partitions()->empty()) {
      return static_cast<int>(m->partitions()->size());
    }
  }
  return absl::NotFoundError(absl::StrCat("topic ", topic, " not found"));
}

std::vector<TopicSpec> PipelineTopics(const std::string& prefix,
                                      int partitions) {
  std::vector<TopicSpec> topics;
  for (const char* name : {kRawTopic, kArticlesTopic, kUniqueTopic,
                           kDuplicatesTopic, kEnrichedTopic, kDlqTopic}) {
    topics.push_back({prefix + name,
                      partitions,
                      -1,
                      {{"max.message.bytes", absl::StrCat(kMaxMessageBytes)}}});
  }
  topics.push_back({prefix + kDedupStateTopic,
                    1,
                    -1,
                    {{"cleanup.policy", "compact"},
                     {"min.compaction.lag.ms", "60000"},
                     {"max.message.bytes", absl::StrCat(kMaxMessageBytes)}}});
  return topics;
}

}  // namespace newswire::kafka
