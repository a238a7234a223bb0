#include <cstdio>
#include <iostream>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "common/kafka/topic_reader.h"
#include "common/kafka/topics.h"
#include "common/service/service_flags.h"
#include "newswire/v1/wire.pb.h"
#include "services/cli/commands.h"
#include "services/cli/json.h"

ABSL_FLAG(bool, from_beginning, false, "tail: start at the oldest record");
ABSL_FLAG(std::string, subscription, "",
          "tail: read the subscription's topic, wire.sub.<NAME> (with "
          "--topic_prefix), instead of TOPIC");
ABSL_FLAG(int64_t, max, -1, "tail: stop after this many records (-1: never)");
ABSL_FLAG(bool, to_end, false,
          "tail: stop once every partition's end (as of the start) is reached");
ABSL_FLAG(absl::Duration, idle_timeout, absl::InfiniteDuration(),
          "tail: stop when no record arrives for this long");

namespace newswire::cli {
namespace {

// Picks the record type from the topic name (any --topic_prefix allowed).
std::unique_ptr<google::protobuf::Message> MessageFor(
    const std::string& topic) {
  if (absl::EndsWith(topic, kafka::kRawTopic))
    return std::make_unique<v1::RawWire>();
  if (absl::EndsWith(topic, kafka::kArticlesTopic)) {
    return std::make_unique<v1::Article>();
  }
  if (absl::EndsWith(topic, kafka::kDlqTopic)) {
    return std::make_unique<v1::DeadLetter>();
  }
  if (absl::EndsWith(topic, kafka::kUniqueTopic) ||
      absl::EndsWith(topic, kafka::kDuplicatesTopic) ||
      absl::EndsWith(topic, kafka::kEnrichedTopic) ||
      absl::StrContains(topic, "wire.sub.")) {
    return std::make_unique<v1::EnrichedArticle>();
  }
  return nullptr;  // printed as key and value text
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

}  // namespace

int RunTailCommand(const std::vector<std::string>& args) {
  const std::string subscription = absl::GetFlag(FLAGS_subscription);
  if (args.size() != (subscription.empty() ? 1u : 0u)) {
    std::fprintf(stderr,
                 "usage: newswire tail TOPIC|--subscription NAME "
                 "[--from_beginning] [--max N]\n");
    return 2;
  }
  auto config = KafkaConfigFromFlags();
  if (!config.ok()) {
    std::fprintf(stderr, "newswire: %s\n",
                 std::string(config.status().message()).c_str());
    return 2;
  }
  const std::string topic =
      subscription.empty() ? args[0] : TopicName("wire.sub." + subscription);
  auto reader = kafka::TopicReader::Open(*config, topic,
                                         absl::GetFlag(FLAGS_from_beginning));
  if (!reader.ok()) {
    std::fprintf(stderr, "newswire tail: %s\n",
                 std::string(reader.status().message()).c_str());
    return 1;
  }
  const int64_t max = absl::GetFlag(FLAGS_max);
  const absl::Duration idle = absl::GetFlag(FLAGS_idle_timeout);
  std::unique_ptr<google::protobuf::Message> message = MessageFor(topic);
  int64_t count = 0;
  absl::Time last = absl::Now();
  const bool to_end = absl::GetFlag(FLAGS_to_end);
  while (max < 0 || count < max) {
    if (to_end && (*reader)->AtEnd()) break;
    auto r = (*reader)->Next(absl::Milliseconds(200));
    if (!r.ok()) {
      std::fprintf(stderr, "newswire tail: %s\n",
                   std::string(r.status().message()).c_str());
      return 1;
    }
    if (!r->has_value()) {
      if (absl::Now() - last > idle) break;
      continue;
    }
    last = absl::Now();
    ++count;
    const kafka::OwnedRecord& rec = **r;
    if (message != nullptr && message->ParseFromString(rec.value)) {
      std::cout << ToJsonLine(*message) << '\n';
    } else {
      std::cout << "{\"key\":" << JsonString(rec.key)
                << ",\"value\":" << JsonString(rec.value) << "}\n";
    }
    std::cout.flush();
  }
  return 0;
}

}  // namespace newswire::cli
