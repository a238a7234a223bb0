#include <cstdio>
#include <iostream>
#include <iterator>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/kafka/publisher.h"
#include "common/kafka/topics.h"
#include "common/service/service_flags.h"
#include "common/time/proto_time.h"
#include "newswire/v1/wire.pb.h"
#include "services/cli/commands.h"
#include "services/cli/inputs.h"

ABSL_DECLARE_FLAG(std::string, source);
ABSL_FLAG(std::string, topic, newswire::kafka::kRawTopic,
          "topic to publish to (publish)");
ABSL_FLAG(std::string, format, "",
          "format hint for published copy: plain_text, iptc_7901, anpa_1312, "
          "nitf, newsml_g2, ninjs (empty: detect)");

namespace newswire::cli {

int RunPublishCommand(const std::vector<std::string>& args) {
  v1::WireFormat hint = v1::WIRE_FORMAT_UNSPECIFIED;
  std::string format = absl::GetFlag(FLAGS_format);
  if (!format.empty() &&
      !v1::WireFormat_Parse(
          absl::StrCat("WIRE_FORMAT_", absl::AsciiStrToUpper(format)), &hint)) {
    std::fprintf(stderr, "unknown --format '%s'\n", format.c_str());
    return 2;
  }
  std::vector<std::string> paths = args;
  if (paths.empty()) paths.push_back("-");
  // Every input is checked before connecting: a wrong path fails at once.
  absl::StatusOr<std::vector<std::string>> inputs = ExpandInputs(paths);
  if (!inputs.ok()) {
    std::fprintf(stderr, "newswire publish: %s\n",
                 std::string(inputs.status().message()).c_str());
    return 2;
  }
  auto config = KafkaConfigFromFlags();
  if (!config.ok()) {
    std::fprintf(stderr, "newswire: %s\n",
                 std::string(config.status().message()).c_str());
    return 2;
  }
  auto publisher = kafka::Publisher::Create(*config);
  if (!publisher.ok()) {
    std::fprintf(stderr, "newswire publish: %s\n",
                 std::string(publisher.status().message()).c_str());
    return 1;
  }
  const std::string topic = TopicName(absl::GetFlag(FLAGS_topic));
  int sent = 0, failed = 0;
  for (const std::string& path : *inputs) {
    v1::RawWire raw;
    if (path == "-") {
      raw.mutable_payload()->assign(std::istreambuf_iterator<char>(std::cin),
                                    std::istreambuf_iterator<char>());
    } else if (!ReadFile(path, raw.mutable_payload())) {
      ++failed;
      continue;
    } else {
      raw.set_filename(path);
    }
    raw.set_source(absl::GetFlag(FLAGS_source));
    raw.set_format_hint(hint);
    ToProtoTime(absl::Now(), raw.mutable_received_time());
    absl::Status s = (*publisher)->SendRaw(topic, raw);
    if (!s.ok()) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(),
                   std::string(s.message()).c_str());
      ++failed;
      continue;
    }
    ++sent;
  }
  absl::Status s = (*publisher)->Flush(absl::Seconds(60));
  if (!s.ok()) {
    std::fprintf(stderr, "delivery failed: %s\n",
                 std::string(s.message()).c_str());
    return 1;
  }
  std::fprintf(stderr, "published %d record(s) to %s (%d failed)\n", sent,
               topic.c_str(), failed);
  return failed > 0 ? 1 : 0;
}

}  // namespace newswire::cli
