// newswire-e2e-bench: the end-to-end harness. Publishes generated stories to
// wire.raw on a running pipeline, waits until every one is in wire.enriched,
// and reports throughput and received-to-enriched latency percentiles.
// benchmarks/e2e/run.sh starts the broker and the three services around it.
//
//   build/bin/newswire-e2e-bench --brokers=127.0.0.1:9092 --count=20000
//       --topic_prefix=bench. --words=400
//
// --phase splits the run in two, for a backlog that exists before any
// service starts (benchmarks/e2e/memory.sh): `publish` creates the pipeline
// topics and publishes, `drain` reads wire.enriched from the beginning until
// every story has arrived, timing from its own start.
#include <algorithm>
#include <cstdio>
#include <string>
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
  const double rate = absl::GetFlag(FLAGS_rate);
  if (publish) {
    auto publisher = kafka::Publisher::Create(*config);
    if (!publisher.ok()) return 1;
    for (int i = 0; i < count; ++i) {
      if (rate > 0) {
        // Paced: story i is due i/rate seconds after the start. Latency then
        // measures the pipeline, not a backlog.
        absl::Time due = start + absl::Seconds(i / rate);
        absl::Duration wait = due - absl::Now();
        if (wait > absl::ZeroDuration()) absl::SleepFor(wait);
      }
      v1::RawWire raw = storygen::GenerateRawWire(seed + i, words, "e2e");
      bytes += static_cast<int64_t>(raw.payload().size());
      absl::Status s = (*publisher)->SendRaw(TopicName(kafka::kRawTopic), raw);
      if (!s.ok()) {
        std::fprintf(stderr, "%s\n", s.ToString().c_str());
        return 1;
      }
    }
    absl::Status s = (*publisher)->Flush(absl::Minutes(2));
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
    std::printf("published          %d stories (%.1f MB) in %.2f s%s\n", count,
                bytes / 1e6, absl::ToDoubleSeconds(absl::Now() - start),
                rate > 0 ? " (paced)" : " (at once)");
    std::fflush(stdout);
  }
  if (!drain) return 0;
  if (!publish) start = absl::Now();

  std::vector<double> latency;
  latency.reserve(count);
  // Stories by article id: each must arrive exactly once.
  absl::flat_hash_set<std::string> seen;
  int64_t doubled = 0;
  int64_t enriched_bytes = 0;
  absl::Time deadline = start + absl::GetFlag(FLAGS_timeout);
  absl::Time done = absl::InfiniteFuture();
  while (absl::Now() < std::min(deadline, done)) {
    auto r = reader->Next(absl::Milliseconds(500));
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return 1;
    }
    if (!r->has_value()) continue;
    v1::EnrichedArticle e;
    if (!e.ParseFromString((*r)->value)) continue;
    if (!seen.insert(e.article().id()).second) {
      ++doubled;
      continue;
    }
    enriched_bytes += static_cast<int64_t>((*r)->value.size());
    double received = e.article().received_time().seconds() +
                      e.article().received_time().nanos() / 1e9;
    double enriched =
        e.enriched_time().seconds() + e.enriched_time().nanos() / 1e9;
    latency.push_back(enriched - received);
    if (static_cast<int>(latency.size()) == count) {
      done = absl::Now() + absl::GetFlag(FLAGS_linger);
    }
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
  std::printf(
      "latency (received->enriched, committed)  p50 %.3f s  p99 "
      "%.3f s  max %.3f s\n",
      Percentile(latency, 0.5), Percentile(latency, 0.99),
      Percentile(latency, 1.0));
  return static_cast<int>(latency.size()) == count && doubled == 0 ? 0 : 1;
}

}  // namespace
}  // namespace newswire

int main(int argc, char** argv) {
  newswire::ParseFlagsWithEnv(argc, argv,
                              "newswire-e2e-bench: end-to-end throughput");
  return newswire::Run();
}
