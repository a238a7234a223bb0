#include "common/kafka/admin.h"

#include <librdkafka/rdkafka.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/kafka/error.h"

namespace newswire::kafka {
namespace {

struct KafkaDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};

}  // namespace

absl::Status EnsureTopics(const KafkaClientConfig& config,
                          const std::vector<TopicSpec>& topics,
                          absl::Duration timeout) {
  if (topics.empty()) return absl::OkStatus();
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  for (const auto& [key, value] : ClientProperties(config)) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr,
                          sizeof(errstr)) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return absl::InvalidArgumentError(
          absl::StrCat("kafka property ", key, ": ", errstr));
    }
  }
  std::unique_ptr<rd_kafka_t, KafkaDeleter> rk(
      rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr)));
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return absl::InvalidArgumentError(
        absl::StrCat("creating admin client: ", errstr));
  }

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
    rd_kafka_queue_t* queue = rd_kafka_queue_new(rk.get());
    rd_kafka_AdminOptions_t* options =
        rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS);
    rd_kafka_AdminOptions_set_operation_timeout(
        options, static_cast<int>(absl::ToInt64Milliseconds(timeout)), errstr,
        sizeof(errstr));
    rd_kafka_CreateTopics(rk.get(), new_topics.data(), new_topics.size(),
                          options, queue);
    rd_kafka_event_t* event = rd_kafka_queue_poll(
        queue, static_cast<int>(absl::ToInt64Milliseconds(timeout)) + 5000);
    if (event == nullptr) {
      status = absl::DeadlineExceededError("CreateTopics: no answer from " +
                                           config.brokers);
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
        status = absl::FailedPreconditionError(absl::StrCat(
            "creating topic ", rd_kafka_topic_result_name(results[i]), ": ",
            msg != nullptr ? msg : rd_kafka_err2str(err)));
      }
    }
    if (event != nullptr) rd_kafka_event_destroy(event);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_queue_destroy(queue);
  }
  rd_kafka_NewTopic_destroy_array(new_topics.data(), new_topics.size());
  return status;
}

std::vector<TopicSpec> PipelineTopics(const std::string& prefix,
                                      int partitions) {
  std::vector<TopicSpec> topics;
  for (const char* name : {"wire.raw", "wire.articles", "wire.unique",
                           "wire.duplicates", "wire.enriched", "wire.dlq"}) {
    topics.push_back({prefix + name,
                      partitions,
                      -1,
                      {{"max.message.bytes", absl::StrCat(kMaxMessageBytes)}}});
  }
  topics.push_back({prefix + "wire.dedup-state",
                    1,
                    -1,
                    {{"cleanup.policy", "compact"},
                     {"min.compaction.lag.ms", "60000"},
                     {"max.message.bytes", absl::StrCat(kMaxMessageBytes)}}});
  return topics;
}

}  // namespace newswire::kafka
