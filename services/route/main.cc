// newswire-route: wire.enriched -> wire.sub.<subscription> (+ wire.dlq), one
// copy per matching subscription; updates and kills follow their story.
// The follow-up memory lives in the compacted wire.route-state, partitioned
// like wire.enriched; each replica loads the part of the partitions it is
// assigned, when it is assigned them.
#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/config/flags.h"
#include "common/kafka/admin.h"
#include "common/kafka/error.h"
#include "common/kafka/topic_reader.h"
#include "common/log/log.h"
#include "common/service/service_flags.h"
#include "common/service/service_main.h"
#include "services/passthrough/passthrough_handler.h"
#include "services/route/route_handler.h"

ABSL_FLAG(std::string, subscriptions, "",
          "subscriptions file (YAML; see services/route/README.md); "
          "re-read when it changes");
ABSL_FLAG(absl::Duration, reload_interval, absl::Seconds(2),
          "how often to check the subscriptions file for changes");
ABSL_FLAG(std::string, subscription_topic_prefix, "wire.sub.",
          "subscription <name> is delivered to this prefix + name");
ABSL_FLAG(std::string, state_topic, "wire.route-state",
          "compacted topic holding which subscriptions each story reached");
ABSL_FLAG(bool, create_subscription_topics, true,
          "create each subscription's topic (at start and on reload) even "
          "when --create_topics is off; needs the Create ACL on the "
          "wire.sub. prefix");
ABSL_FLAG(int64_t, max_stories, 1000000,
          "stories remembered for follow-ups (updates, kills); the least "
          "recently delivered are forgotten first");

namespace {

// Same settings as the pipeline topics (kafka::PipelineTopics).
std::vector<newswire::kafka::TopicSpec> SubscriptionTopicSpecs(
    const newswire::route::RouteTopics& topics,
    const std::vector<std::string>& names) {
  std::vector<newswire::kafka::TopicSpec> specs;
  specs.reserve(names.size());
  const std::string max_bytes = absl::StrCat(newswire::kafka::kMaxMessageBytes);
  for (const std::string& name : names) {
    specs.push_back({topics.sub_prefix + name,
                     newswire::TopicPartitionsFlag(),
                     -1,
                     {{"max.message.bytes", max_bytes}}});
  }
  return specs;
}

// The state topic: one partition per input partition (state partition i
// holds the stories of wire.enriched partition i), compacted (latest list
// per story) and deleted after 7 days, which bounds the topic; memory is
// bounded by --max_stories.
newswire::kafka::TopicSpec StateTopicSpec(
    const newswire::route::RouteTopics& topics, int partitions) {
  return {
      topics.state,
      partitions,
      -1,
      {{"cleanup.policy", "compact,delete"},
       {"retention.ms", absl::StrCat(int64_t{7} * 24 * 3600 * 1000)},
       {"min.compaction.lag.ms", "60000"},
       {"max.message.bytes", absl::StrCat(newswire::kafka::kMaxMessageBytes)}}};
}

const absl::Status& StatusOf(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& StatusOf(const absl::StatusOr<T>& s) {
  return s.status();
}

// Retries `fn` for a while: a topic created a moment ago may not be known
// to every broker yet. Running `fn` twice is harmless here. A fatal error
// (refused credentials, a missing ACL) is returned at once.
template <typename Fn>
auto WithRetries(const std::string& what, Fn fn) -> decltype(fn()) {
  auto result = fn();
  for (int attempt = 2; attempt <= 15 && !result.ok() &&
                        !newswire::kafka::IsFatal(StatusOf(result));
       ++attempt) {
    NW_LOG(WARNING, "%s (attempt %d): %s", what, attempt - 1,
           StatusOf(result).message());
    absl::SleepFor(absl::Seconds(2));
    result = fn();
  }
  return result;
}

// Checks that the state topic has a partition for each input partition
// (creating it that wide with --create_topics).
absl::Status CheckStateTopic(const newswire::kafka::KafkaClientConfig& kafka,
                             const std::string& input,
                             const newswire::route::RouteTopics& topics) {
  absl::StatusOr<int> inputs = WithRetries(
      "counting the partitions of " + input,
      [&] { return newswire::kafka::PartitionCount(kafka, input); });
  if (!inputs.ok()) return inputs.status();
  if (newswire::CreateTopicsFlag()) {
    // Only with --create_topics: on a secured cluster it is a KafkaTopic
    // resource like the pipeline's.
    absl::Status s =
        newswire::kafka::EnsureTopics(kafka, {StateTopicSpec(topics, *inputs)});
    if (!s.ok()) return s;
  }
  absl::StatusOr<int> states = WithRetries(
      "counting the partitions of " + topics.state,
      [&] { return newswire::kafka::PartitionCount(kafka, topics.state); });
  if (!states.ok()) return states.status();
  if (*states < *inputs) {
    return absl::FailedPreconditionError(absl::StrCat(
        topics.state, " has ", *states, " partition(s) but ", input, " has ",
        *inputs,
        ": state partition i holds the follow-up memory of input "
        "partition i, so it needs at least as many (recreate it with ",
        *inputs, "; see services/route/README.md)"));
  }
  NW_LOG(INFO, "%s: %d partition(s) for the %d of %s", topics.state, *states,
         *inputs, input);
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  newswire::ParseFlagsWithEnv(
      argc, argv,
      "newswire-route: delivers wire.enriched to one topic per subscription, "
      "wire.sub.<name>, following each story's updates and kills.");
  newswire::SetLogProgramName("newswire-route");
  const std::string path = absl::GetFlag(FLAGS_subscriptions);
  if (path.empty()) {
    NW_LOG(ERROR, "configuration: --subscriptions FILE is required");
    return 2;
  }
  if (absl::GetFlag(FLAGS_max_stories) <= 0) {
    NW_LOG(ERROR, "configuration: --max_stories must be positive");
    return 2;
  }
  auto file = newswire::route::SubscriptionFile::Open(
      path, absl::GetFlag(FLAGS_reload_interval));
  if (!file.ok()) {
    NW_LOG(ERROR, "configuration: %s", file.status().message());
    return 2;
  }
  auto matcher =
      newswire::route::SubscriptionMatcher::Create((*file)->initial());
  if (!matcher.ok()) {
    NW_LOG(ERROR, "configuration: %s: %s", path, matcher.status().message());
    return 2;
  }
  NW_LOG(INFO, "%s: %d subscription(s)", path, (*matcher)->size());
  newswire::route::Router router(
      *std::move(matcher),
      static_cast<size_t>(absl::GetFlag(FLAGS_max_stories)));
  newswire::route::RouteTopics topics;
  topics.sub_prefix =
      newswire::TopicName(absl::GetFlag(FLAGS_subscription_topic_prefix));
  topics.state = newswire::TopicName(absl::GetFlag(FLAGS_state_topic));

  auto registry = std::make_shared<prometheus::Registry>();
  newswire::route::RouteMetrics metrics(*registry);
  newswire::route::RouteHandler handler(&router, file->get(), topics, &metrics);
  auto kafka = newswire::KafkaConfigFromFlags();
  const bool create_sub_topics =
      newswire::CreateTopicsFlag() ||
      absl::GetFlag(FLAGS_create_subscription_topics);
  if (kafka.ok() && create_sub_topics) {
    handler.set_ensure_topics([&](const std::vector<std::string>& names) {
      return newswire::kafka::EnsureTopics(
          *kafka, SubscriptionTopicSpecs(topics, names));
    });
  }
  // The follow-up memory of a partition is loaded when the partition is
  // assigned, from the state partition of the same number.
  if (kafka.ok()) {
    handler.set_state_loader(
        [&](const std::vector<int32_t>& partitions,
            const newswire::route::RouteHandler::StateSink& sink) {
          return WithRetries(
              absl::StrCat("loading the follow-up memory from ", topics.state),
              [&] {
                return newswire::kafka::ReadPartitionsToEnd(
                    *kafka, topics.state, partitions, sink);
              });
        });
  }

  const std::string input = newswire::InputTopicFromFlags("wire.enriched");
  newswire::ServiceHooks hooks;
  hooks.before_run = [&]() -> absl::Status {
    if (!kafka.ok()) return kafka.status();
    if (create_sub_topics) {
      absl::Status s = newswire::kafka::EnsureTopics(
          *kafka,
          SubscriptionTopicSpecs(
              topics, newswire::route::SubscriptionNames(router.matcher())));
      if (!s.ok()) return s;
    }
    return CheckStateTopic(*kafka, input, topics);
  };
  // Pass-through: every record, unchanged, to the first subscription of the
  // file as loaded at start (none: nothing is forwarded); no matching and
  // no follow-up memory.
  const std::vector<std::string> names =
      newswire::route::SubscriptionNames(router.matcher());
  newswire::PassthroughOptions passthrough_options;
  passthrough_options.stage = newswire::PassthroughStage::kRoute;
  if (!names.empty()) {
    passthrough_options.output_topic = topics.sub_prefix + names[0];
    passthrough_options.headers = {
        {newswire::route::kSubscriptionHeader, names[0]}};
  }
  newswire::PassthroughHandler passthrough(std::move(passthrough_options));
  return newswire::RunStreamService(
      "route", "wire.enriched",
      newswire::StageOrPassthrough(&handler, &passthrough), registry, hooks);
}
