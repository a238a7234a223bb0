// Throughput of the ingest stage per wire format: IngestRawAll (detection,
// decoding, parsing, markup and paragraph normalization, dateline, language
// identification, id) over a mix of 256 invented stories, 1-8 KB each.
// Bytes processed are payload bytes. Also the building blocks: the XML and
// JSON readers alone (and protobuf's JSON parser for comparison).
//
// Run: build/bin/ingest_benchmark (see docs/benchmarks/ingest.md).
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "benchmark/benchmark.h"
#include "benchmarks/ingest/story_corpus.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "services/ingest/ingest.h"
#include "services/ingest/json_reader.h"
#include "services/ingest/xml_reader.h"

namespace newswire::ingest {
namespace {

constexpr int kStories = 256;

std::vector<v1::RawWire> RawCorpus(v1::WireFormat format) {
  std::vector<v1::RawWire> out;
  for (std::string& payload : bench::RenderCorpus(format, kStories)) {
    v1::RawWire raw;
    raw.set_payload(std::move(payload));
    raw.set_source("bench");
    out.push_back(std::move(raw));
  }
  return out;
}

void BM_IngestRaw(benchmark::State& state) {
  const auto format = static_cast<v1::WireFormat>(state.range(0));
  const std::vector<v1::RawWire> corpus = RawCorpus(format);
  const IngestOptions options;
  int64_t bytes = 0;
  size_t i = 0;
  for (auto _ : state) {
    const v1::RawWire& raw = corpus[i];
    absl::StatusOr<std::vector<v1::Article>> articles =
        IngestRawAll(raw, options);
    if (!articles.ok()) {
      state.SkipWithError(articles.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(articles->data());
    bytes += static_cast<int64_t>(raw.payload().size());
    if (++i == corpus.size()) i = 0;
  }
  state.SetBytesProcessed(bytes);
  state.SetLabel(v1::WireFormat_Name(format));
}
BENCHMARK(BM_IngestRaw)
    ->Arg(v1::WIRE_FORMAT_PLAIN_TEXT)
    ->Arg(v1::WIRE_FORMAT_IPTC_7901)
    ->Arg(v1::WIRE_FORMAT_ANPA_1312)
    ->Arg(v1::WIRE_FORMAT_NITF)
    ->Arg(v1::WIRE_FORMAT_NEWSML_G2)
    ->Arg(v1::WIRE_FORMAT_NINJS);

// Runs `fn` over `corpus` round-robin and reports its bytes.
template <typename Fn>
void RunOverCorpus(benchmark::State& state,
                   const std::vector<std::string>& corpus, Fn fn) {
  int64_t bytes = 0;
  size_t i = 0;
  for (auto _ : state) {
    fn(corpus[i]);
    bytes += static_cast<int64_t>(corpus[i].size());
    if (++i == corpus.size()) i = 0;
  }
  state.SetBytesProcessed(bytes);
}

void BM_XmlReader(benchmark::State& state) {
  RunOverCorpus(state, bench::RenderCorpus(v1::WIRE_FORMAT_NEWSML_G2, kStories),
                [](const std::string& in) {
                  auto doc = XmlDocument::Parse(in, XmlLimits());
                  benchmark::DoNotOptimize(doc.ok());
                });
}
BENCHMARK(BM_XmlReader);

void BM_JsonReader(benchmark::State& state) {
  RunOverCorpus(state, bench::RenderCorpus(v1::WIRE_FORMAT_NINJS, kStories),
                [](const std::string& in) {
                  auto doc = ParseJson(in, JsonLimits());
                  benchmark::DoNotOptimize(doc.ok());
                });
}
BENCHMARK(BM_JsonReader);

// The alternative to our JSON reader: protobuf's JSON parser into a
// google.protobuf.Struct (measured to justify writing our own).
void BM_ProtobufJsonToStruct(benchmark::State& state) {
  RunOverCorpus(state, bench::RenderCorpus(v1::WIRE_FORMAT_NINJS, kStories),
                [](const std::string& in) {
                  google::protobuf::Struct doc;
                  auto status =
                      google::protobuf::util::JsonStringToMessage(in, &doc);
                  benchmark::DoNotOptimize(status.ok());
                });
}
BENCHMARK(BM_ProtobufJsonToStruct);

}  // namespace
}  // namespace newswire::ingest

BENCHMARK_MAIN();
