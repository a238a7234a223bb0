// newswire-e2e-bench: the end-to-end harness. Publishes generated stories to
// wire.raw on a running pipeline, waits until every one is in wire.enriched,
// and reports throughput and latency percentiles.
// benchmarks/e2e/run.sh starts the broker and the three services around it.
//
// Latency is measured after the commit: from the story's received_time,
// which the generator stamps just before the story is produced to wire.raw,
// to the wall clock of this process when its read_committed reader of
// wire.enriched returns the record, so a stage's open transaction counts in
// full. The time enrich stamped on the record (enriched_time, set before its
// transaction commits) is reported beside it, for comparison only.
//
//   build/bin/newswire-e2e-bench --brokers=127.0.0.1:9092 --count=20000
//       --topic_prefix=bench. --words=400
//
// --phase splits the run in two, for a backlog that exists before any
// service starts (benchmarks/e2e/memory.sh): `publish` creates the pipeline
// topics and publishes, `drain` reads wire.enriched from the beginning until
// every story has arrived, timing from its own start.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/flags/flag.h"
#include "absl/time/clock.h"
#include "common/config/flags.h"
#include "common/kafka/admin.h"
#include "common/kafka/publisher.h"
#include "common/kafka/topic_reader.h"
#include "common/kafka/topics.h"
#include "common/service/service_flags.h"
#include "google/protobuf/timestamp.pb.h"
#include "tools/storygen/story_generator.h"

ABSL_FLAG(int, count, 20000, "stories to publish");
ABSL_FLAG(int, words, 400, "words per story");
ABSL_FLAG(uint64_t, seed, 1, "first story seed (use a new one per run)");
ABSL_FLAG(double, rate, 0,
          "stories per second to publish at (0: all at once, a backlog)");
ABSL_FLAG(absl::Duration, timeout, absl::Minutes(10), "give up after");
ABSL_FLAG(absl::Duration, linger, absl::Seconds(3),
          "after the last story arrives, keep reading this long to catch "
          "any delivered twice");
ABSL_FLAG(absl::Duration, warmup, absl::ZeroDuration(),
          "with --rate: also report latency percentiles of the stories "
          "published after this long, leaving out the services' start-up "
          "(first fetches, group joins, the broker's first transactions)");
ABSL_FLAG(std::string, latency_csv, "",
          "if set, write one line per story to this file: seconds from the "
          "start to its publication, its latency after the commit and its "
          "latency as stamped by enrich (to see latency over a run)");
ABSL_FLAG(std::string, phase, "all",
          "all: publish, then wait for wire.enriched; publish: create the "
          "pipeline topics and publish only; drain: only wait, reading "
          "wire.enriched from the beginning");

namespace newswire {
namespace {

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  size_t k = static_cast<size_t>(p * (v.size() - 1));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}

double Seconds(const google::protobuf::Timestamp& t) {
  return static_cast<double>(t.seconds()) + t.nanos() / 1e9;
}

void PrintLatency(const char* what, std::vector<double>& v) {
  std::printf("%s  p50 %.3f s  p95 %.3f s  p99 %.3f s  max %.3f s\n", what,
              Percentile(v, 0.5), Percentile(v, 0.95), Percentile(v, 0.99),
              Percentile(v, 1.0));
}

// One line per story, in arrival order: published (s after the start),
// latency after the commit, latency as stamped (s).
bool WriteCsv(const std::string& path, const std::vector<double>& published,
              const std::vector<double>& latency,
              const std::vector<double>& stamped) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return false;
  std::fprintf(f, "published_s,committed_latency_s,stamped_latency_s\n");
  for (size_t i = 0; i < latency.size(); ++i) {
    std::fprintf(f, "%.4f,%.4f,%.4f\n", published[i], latency[i], stamped[i]);
  }
  return std::fclose(f) == 0;
}

// Publishes `count` generated stories to wire.raw, paced at --rate from
// `start` if positive; adds their payload bytes to *bytes.
absl::Status Publish(const kafka::KafkaClientConfig& config, int count,
                     int words, uint64_t seed, absl::Time start,
                     int64_t* bytes) {
  auto publisher = kafka::Publisher::Create(config);
  if (!publisher.ok()) return publisher.status();
  const double rate = absl::GetFlag(FLAGS_rate);
  for (int i = 0; i < count; ++i) {
    if (rate > 0) {
      // Paced: story i is due i/rate seconds after the start. Latency then
      // measures the pipeline, not a backlog.
      absl::Time due = start + absl::Seconds(i / rate);
      absl::Duration wait = due - absl::Now();
      if (wait > absl::ZeroDuration()) absl::SleepFor(wait);
    }
    // Stamps received_time: the start of the story's latency.
    v1::RawWire raw = storygen::GenerateRawWire(seed + i, words, "e2e");
    *bytes += static_cast<int64_t>(raw.payload().size());
    absl::Status s = (*publisher)->SendRaw(TopicName(kafka::kRawTopic), raw);
    if (!s.ok()) return s;
  }
  return (*publisher)->Flush(absl::Minutes(2));
}

int Run() {
  auto config = KafkaConfigFromFlags();
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.status().ToString().c_str());
    return 2;
  }
  const std::string phase = absl::GetFlag(FLAGS_phase);
  if (phase != "all" && phase != "publish" && phase != "drain") {
    std::fprintf(stderr, "--phase must be all, publish or drain\n");
    return 2;
  }
  const bool publish = phase != "drain";
  const bool drain = phase != "publish";
  const int count = absl::GetFlag(FLAGS_count);
  const int words = absl::GetFlag(FLAGS_words);
  const uint64_t seed = absl::GetFlag(FLAGS_seed);
  if (phase == "publish") {
    absl::Status s = kafka::EnsureTopics(
        *config, kafka::PipelineTopics(TopicName(""), TopicPartitionsFlag()));
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
  }
  // Opened before publishing, so that `all` sees every story even though it
  // does not read from the beginning.
  std::unique_ptr<kafka::TopicReader> reader;
  if (drain) {
    auto opened = kafka::TopicReader::Open(
        *config, TopicName(kafka::kEnrichedTopic), phase == "drain");
    if (!opened.ok()) {
      std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
      return 1;
    }
    reader = *std::move(opened);
  }

  absl::Time start = absl::Now();
  int64_t bytes = 0;
  absl::Status published;
  absl::Duration publish_time;
  std::atomic<bool> publish_failed{false};  // stops the reader early
  auto publish_all = [&] {
    published = Publish(*config, count, words, seed, start, &bytes);
    publish_time = absl::Now() - start;
    publish_failed.store(!published.ok());
  };
  // With both phases the stories are published on a thread of their own, so
  // that the reader below sees each one when it becomes visible, not after
  // the last one was sent.
  std::thread publisher;
  if (publish) {
    if (drain) {
      publisher = std::thread(publish_all);
    } else {
      publish_all();
    }
  }
  auto report_published = [&] {
    if (!published.ok()) {
      std::fprintf(stderr, "%s\n", published.ToString().c_str());
      return false;
    }
    std::printf("published          %d stories (%.1f MB) in %.2f s%s\n", count,
                bytes / 1e6, absl::ToDoubleSeconds(publish_time),
                absl::GetFlag(FLAGS_rate) > 0 ? " (paced)" : " (at once)");
    std::fflush(stdout);
    return true;
  };
  if (publish && !drain) return report_published() ? 0 : 1;
  if (!publish) start = absl::Now();

  // Publish -> visible to a read_committed reader (the measure), and
  // publish -> enriched_time (stamped before enrich's commit).
  std::vector<double> latency;
  latency.reserve(count);
  std::vector<double> stamped;
  stamped.reserve(count);
  std::vector<double> published_at;  // seconds after `start`
  published_at.reserve(count);
  const double start_s = absl::ToUnixNanos(start) / 1e9;
  // Stories by article id: each must arrive exactly once.
  absl::flat_hash_set<std::string> seen;
  int64_t doubled = 0;
  int64_t enriched_bytes = 0;
  absl::Time deadline = start + absl::GetFlag(FLAGS_timeout);
  absl::Time done = absl::InfiniteFuture();
  absl::Status read_status;
  while (absl::Now() < std::min(deadline, done) && !publish_failed.load()) {
    auto r = reader->Next(absl::Milliseconds(500));
    const double now = absl::ToUnixNanos(absl::Now()) / 1e9;
    if (!r.ok()) {
      read_status = r.status();
      break;
    }
    if (!r->has_value()) continue;
    v1::EnrichedArticle e;
    if (!e.ParseFromString((*r)->value)) continue;
    if (!seen.insert(e.article().id()).second) {
      ++doubled;
      continue;
    }
    enriched_bytes += static_cast<int64_t>((*r)->value.size());
    const double received = Seconds(e.article().received_time());
    latency.push_back(now - received);
    stamped.push_back(Seconds(e.enriched_time()) - received);
    published_at.push_back(received - start_s);
    if (static_cast<int>(latency.size()) == count) {
      done = absl::Now() + absl::GetFlag(FLAGS_linger);
    }
  }
  if (publisher.joinable()) {
    publisher.join();
    if (!report_published()) return 1;
  }
  if (!read_status.ok()) {
    std::fprintf(stderr, "%s\n", read_status.ToString().c_str());
    return 1;
  }
  // Throughput and latency up to the last story, not the linger.
  const absl::Duration total =
      (done == absl::InfiniteFuture() ? absl::Now()
                                      : done - absl::GetFlag(FLAGS_linger)) -
      start;
  const double secs = absl::ToDoubleSeconds(total);
  std::printf("enriched           %zu of %d in %.2f s; %lld delivered twice\n",
              latency.size(), count, secs, static_cast<long long>(doubled));
  if (publish) {
    std::printf("throughput         %.0f stories/s, %.2f MB/s end to end\n",
                latency.size() / secs, bytes / 1e6 / secs);
  } else {
    std::printf(
        "throughput         %.0f stories/s (%.1f MB of wire.enriched)\n",
        latency.size() / secs, enriched_bytes / 1e6);
  }
  if (const std::string csv = absl::GetFlag(FLAGS_latency_csv); !csv.empty()) {
    if (!WriteCsv(csv, published_at, latency, stamped)) {
      std::fprintf(stderr, "cannot write %s\n", csv.c_str());
      return 1;
    }
  }
  const double warmup = absl::ToDoubleSeconds(absl::GetFlag(FLAGS_warmup));
  std::vector<double> steady;
  std::vector<double> steady_stamped;
  for (size_t i = 0; i < latency.size(); ++i) {
    if (published_at[i] < warmup) continue;
    steady.push_back(latency[i]);
    steady_stamped.push_back(stamped[i]);
  }
  // Percentiles reorder the vectors: after the CSV and the split above.
  // In the drain phase the stories were published before the reader
  // started, so all figures include the wait for the services to start.
  PrintLatency("latency published->committed in wire.enriched", latency);
  PrintLatency("latency published->enriched_time (pre-commit)", stamped);
  if (warmup > 0 && absl::GetFlag(FLAGS_rate) > 0) {
    std::printf("after the first %.0f s (%zu stories):\n", warmup,
                steady.size());
    PrintLatency("latency published->committed in wire.enriched", steady);
    PrintLatency("latency published->enriched_time (pre-commit)",
                 steady_stamped);
  }
  return static_cast<int>(latency.size()) == count && doubled == 0 ? 0 : 1;
}

}  // namespace
}  // namespace newswire

int main(int argc, char** argv) {
  newswire::ParseFlagsWithEnv(argc, argv,
                              "newswire-e2e-bench: end-to-end throughput");
  return newswire::Run();
}
