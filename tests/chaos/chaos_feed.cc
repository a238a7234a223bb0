// newswire-chaos-feed: the input side of the chaos test (tests/chaos/chaos.py).
//
// Generates the mixed feed of tools/storygen/wire_corpus.h, works out the
// undisturbed reference outcome of every record by running it through the
// ingest and dedup libraries in sending order (the code `newswire process`
// runs, without enrichment, which does not change the grouping), writes the
// reference to --manifest, then publishes the records to wire.raw at --rate
// and appends, per record, the SHA-256 of the exact bytes sent and the send
// time. The manifest is JSON lines:
//   {"source":..., "kind":..., "story":..., "ref":"dlq"|"unique"|"duplicate",
//    "verdict":..., "ref_story":<source of the story's first record>}
// then, after publishing, one {"sent":source,"sha256":hex,"t":unix_seconds}
// line per record and a final {"published":N}. While sending it prints
// "clock <unix seconds>" on stdout every 250 records, so that a reader can
// relate the send times to its own clock.
//
//   newswire-chaos-feed --brokers=... --count=3000 --seed=7 --rate=100
//       --manifest=build/chaos/manifest.jsonl
#include <openssl/sha.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/flags/flag.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "common/config/flags.h"
#include "common/kafka/publisher.h"
#include "common/service/service_flags.h"
#include "common/time/proto_time.h"
#include "services/dedup/deduplicator.h"
#include "services/ingest/ingest.h"
#include "tools/storygen/wire_corpus.h"

ABSL_FLAG(int, count, 3000, "records to send");
ABSL_FLAG(uint64_t, seed, 1, "corpus seed");
ABSL_FLAG(int, words, 150, "words per story");
ABSL_FLAG(double, rate, 100, "records per second (0: as fast as possible)");
ABSL_FLAG(std::string, manifest, "", "JSON lines written here (required)");
ABSL_FLAG(std::string, source_prefix, "chaos-",
          "RawWire.source of record i is <prefix><i>");
ABSL_FLAG(bool, publish, true, "publish (false: reference only)");

namespace newswire {
namespace {

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
         digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

const char* VerdictName(v1::Verdict v) {
  switch (v) {
    case v1::UNIQUE:
      return "UNIQUE";
    case v1::EXACT_DUPLICATE:
      return "EXACT_DUPLICATE";
    case v1::NEAR_DUPLICATE:
      return "NEAR_DUPLICATE";
    case v1::UPDATE:
      return "UPDATE";
    default:
      return "UNSPECIFIED";
  }
}

int Run() {
  const std::string manifest_path = absl::GetFlag(FLAGS_manifest);
  if (manifest_path.empty()) {
    std::fprintf(stderr, "--manifest is required\n");
    return 2;
  }
  storygen::WireCorpusOptions options;
  options.count = absl::GetFlag(FLAGS_count);
  options.seed = absl::GetFlag(FLAGS_seed);
  options.words = absl::GetFlag(FLAGS_words);
  options.source_prefix = absl::GetFlag(FLAGS_source_prefix);
  std::vector<storygen::CorpusItem> items =
      storygen::GenerateWireCorpus(options);

  // The reference: one dedup in sending order, with the services' defaults.
  auto dedup = dedup::Deduplicator::Create(dedup::DedupOptions());
  if (!dedup.ok()) return 1;
  absl::flat_hash_map<std::string, std::string> source_of_article;
  std::ofstream manifest(manifest_path);
  for (storygen::CorpusItem& item : items) {
    ToProtoTime(absl::Now(), item.raw.mutable_received_time());
    auto articles = ingest::IngestRawAll(item.raw, ingest::IngestOptions());
    std::string line = absl::StrCat(
        "{\"source\":\"", item.raw.source(), "\",\"kind\":\"", item.kind,
        "\",\"story\":", item.story, ",\"format\":", item.raw.format_hint());
    if (!articles.ok()) {
      absl::StrAppend(&line, ",\"ref\":\"dlq\"}");
    } else if (articles->size() != 1) {
      std::fprintf(stderr, "record %s holds %zu articles\n",
                   item.raw.source().c_str(), articles->size());
      return 1;
    } else {
      const v1::Article& a = articles->front();
      source_of_article[a.id()] = a.source();
      v1::DedupResult r = (*dedup)->Process(a, nullptr);
      (*dedup)->Commit();
      absl::StrAppend(&line, ",\"ref\":\"",
                      r.verdict() == v1::EXACT_DUPLICATE ||
                              r.verdict() == v1::NEAR_DUPLICATE
                          ? "duplicate"
                          : "unique",
                      "\",\"verdict\":\"", VerdictName(r.verdict()),
                      "\",\"ref_story\":\"", source_of_article[r.story_id()],
                      "\"}");
    }
    manifest << line << '\n';
  }
  manifest.flush();
  if (!absl::GetFlag(FLAGS_publish)) return 0;

  auto config = KafkaConfigFromFlags();
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.status().ToString().c_str());
    return 2;
  }
  // Idempotent (Publisher's default): a retry after a broker bounce must not
  // write an input twice. Give delivery time to outlast a broker restart.
  config->extra.emplace_back("message.timeout.ms", "300000");
  auto publisher = kafka::Publisher::Create(*config);
  if (!publisher.ok()) {
    std::fprintf(stderr, "%s\n", publisher.status().ToString().c_str());
    return 1;
  }
  const std::string topic = TopicName("wire.raw");
  const double rate = absl::GetFlag(FLAGS_rate);
  const absl::Time start = absl::Now();
  for (size_t i = 0; i < items.size(); ++i) {
    if (rate > 0) {
      absl::Time due = start + absl::Seconds(static_cast<double>(i) / rate);
      absl::Duration wait = due - absl::Now();
      if (wait > absl::ZeroDuration()) absl::SleepFor(wait);
    }
    v1::RawWire& raw = items[i].raw;
    const absl::Time now = absl::Now();
    ToProtoTime(now, raw.mutable_received_time());
    const std::string bytes = raw.SerializeAsString();
    // Key by story, so a story's copies keep their order in wire.raw.
    if (absl::Status s =
            (*publisher)->Send(topic, absl::StrCat(items[i].story), bytes);
        !s.ok()) {
      std::fprintf(stderr, "send: %s\n", s.ToString().c_str());
      return 1;
    }
    // The reader of the manifest compares these times with its own clock;
    // each line here lets it measure the offset between the two clocks.
    if (i % 250 == 0) {
      std::printf("clock %.6f\n",
                  absl::ToDoubleSeconds(now - absl::UnixEpoch()));
      std::fflush(stdout);
    }
    manifest << "{\"sent\":\"" << raw.source() << "\",\"sha256\":\""
             << Sha256Hex(bytes) << "\",\"t\":"
             << absl::StrFormat("%.6f",
                                absl::ToDoubleSeconds(now - absl::UnixEpoch()))
             << "}\n";
    if (i % 500 == 0) manifest.flush();
  }
  if (absl::Status s = (*publisher)->Flush(absl::Minutes(5)); !s.ok()) {
    std::fprintf(stderr, "flush: %s\n", s.ToString().c_str());
    return 1;
  }
  manifest << "{\"published\":" << items.size() << "}\n";
  manifest.flush();
  std::fprintf(stderr, "chaos-feed: published %zu records in %.1f s\n",
               items.size(), absl::ToDoubleSeconds(absl::Now() - start));
  return 0;
}

}  // namespace
}  // namespace newswire

int main(int argc, char** argv) {
  newswire::ParseFlagsWithEnv(argc, argv,
                              "newswire-chaos-feed: the chaos test's input");
  return newswire::Run();
}
