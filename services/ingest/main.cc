// newswire-ingest: wire.raw -> wire.articles (+ wire.dlq), and optionally a
// drop folder (--watch DIR) whose files are published to wire.raw.
#include <memory>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/config/flags.h"
#include "common/kafka/publisher.h"
#include "common/kafka/topics.h"
#include "common/log/log.h"
#include "common/service/service_flags.h"
#include "common/service/service_main.h"
#include "services/ingest/drop_folder.h"
#include "services/ingest/ingest_flags.h"
#include "services/ingest/ingest_handler.h"
#include "services/passthrough/passthrough_handler.h"

ABSL_FLAG(std::string, output_topic, newswire::kafka::kArticlesTopic,
          "topic for parsed articles");
ABSL_FLAG(std::string, watch, "",
          "drop folder: publish each new file in DIR once to the topic this "
          "service consumes (wire.raw), then move it to DIR/done/ or "
          "DIR/failed/");
ABSL_FLAG(std::string, watch_source, "",
          "RawWire.source for drop-folder files (default dropfolder:<DIR>)");
ABSL_FLAG(absl::Duration, watch_interval, absl::Seconds(1),
          "how often the drop folder is scanned");
ABSL_FLAG(absl::Duration, watch_min_age, absl::Seconds(2),
          "a file must be unchanged this long before it is published");

namespace {

using newswire::ingest::DropFolder;
using newswire::ingest::DropFolderOptions;

// Scans the drop folder until `stop` is notified. Runs on its own thread
// with its own Publisher, next to the consume loop; the Publisher is only
// held here, alive for as long as `folder`'s publish function points to it.
void WatchFolder(std::unique_ptr<DropFolder> folder,
                 std::unique_ptr<newswire::kafka::Publisher> /*publisher*/,
                 absl::Notification* stop) {
  do {
    absl::StatusOr<newswire::ingest::DropFolderScan> scan =
        folder->ScanOnce(absl::Now());
    if (!scan.ok()) {
      NW_LOG(ERROR, "drop folder scan: %s", scan.status().ToString());
    } else if (scan->published + scan->failed > 0) {
      NW_LOG(INFO, "drop folder: %d published, %d failed, %d waiting",
             scan->published, scan->failed, scan->deferred);
    }
  } while (!stop->WaitForNotificationWithTimeout(
      absl::GetFlag(FLAGS_watch_interval)));
}

}  // namespace

int main(int argc, char** argv) {
  newswire::ParseFlagsWithEnv(
      argc, argv,
      "newswire-ingest: parses wire copy from wire.raw into Articles on "
      "wire.articles; unparseable copy goes to wire.dlq with its reason. "
      "With --watch DIR it also publishes files dropped in DIR to wire.raw.");
  newswire::SetLogProgramName("newswire-ingest");
  auto registry = std::make_shared<prometheus::Registry>();
  newswire::ingest::IngestHandler handler(
      newswire::ingest::IngestOptionsFromFlags(),
      newswire::TopicName(absl::GetFlag(FLAGS_output_topic)), *registry);

  absl::Notification stop_watching;
  std::thread watcher;
  if (!absl::GetFlag(FLAGS_watch).empty()) {
    absl::StatusOr<newswire::kafka::KafkaClientConfig> config =
        newswire::KafkaConfigFromFlags();
    if (!config.ok()) {
      NW_LOG(ERROR, "%s", config.status().ToString());
      return 2;
    }
    auto publisher = newswire::kafka::Publisher::Create(*config);
    if (!publisher.ok()) {
      NW_LOG(ERROR, "drop folder publisher: %s", publisher.status().ToString());
      return 1;
    }
    newswire::kafka::Publisher* p = publisher->get();
    // The topic this service consumes (--input_topic, --topic_prefix).
    const std::string raw_topic =
        newswire::InputTopicFromFlags(newswire::kafka::kRawTopic);
    DropFolderOptions folder_options;
    folder_options.dir = absl::GetFlag(FLAGS_watch);
    folder_options.source = absl::GetFlag(FLAGS_watch_source);
    folder_options.min_age = absl::GetFlag(FLAGS_watch_min_age);
    auto folder = DropFolder::Open(
        folder_options, [p, raw_topic](const newswire::v1::RawWire& raw) {
          absl::Status sent = p->SendRaw(raw_topic, raw);
          if (!sent.ok()) return sent;
          return p->Flush(absl::Seconds(30));
        });
    if (!folder.ok()) {
      NW_LOG(ERROR, "%s", folder.status().ToString());
      return 2;
    }
    NW_LOG(INFO, "watching drop folder %s", folder_options.dir);
    watcher = std::thread(WatchFolder, std::move(*folder),
                          std::move(*publisher), &stop_watching);
  }
  newswire::PassthroughHandler passthrough(
      {newswire::PassthroughStage::kIngest,
       newswire::TopicName(absl::GetFlag(FLAGS_output_topic)),
       {}});
  int code = newswire::RunStreamService(
      "ingest", newswire::kafka::kRawTopic,
      newswire::StageOrPassthrough(&handler, &passthrough), registry);
  stop_watching.Notify();
  if (watcher.joinable()) watcher.join();
  return code;
}
