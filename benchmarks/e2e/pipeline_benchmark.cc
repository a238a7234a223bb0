// In-process throughput of the whole chain (ingest + dedup + enrich) on
// generated wire stories: the ceiling the services approach when Kafka is not
// the bottleneck.
//
//   build/bin/pipeline_benchmark --benchmark_counters_tabular=true
#include <vector>

#include "benchmark/benchmark.h"
#include "services/pipeline/pipeline.h"
#include "tools/storygen/story_generator.h"

namespace newswire {
namespace {

void BM_PipelineProcess(benchmark::State& state) {
  const int words = static_cast<int>(state.range(0));
  auto pipeline = pipeline::Pipeline::Create(pipeline::PipelineOptions());
  if (!pipeline.ok()) {
    state.SkipWithError(pipeline.status().ToString().c_str());
    return;
  }
  // A pool of distinct stories, cycled with fresh seeds so that dedup sees
  // unique copy (its worst case: every record is inserted and enriched).
  constexpr int kPool = 512;
  std::vector<v1::RawWire> pool;
  pool.reserve(kPool);
  for (int i = 0; i < kPool; ++i) {
    pool.push_back(storygen::GenerateRawWire(i, words, "bench"));
  }
  uint64_t seed = kPool;
  int64_t bytes = 0;
  int i = 0;
  for (auto _ : state) {
    v1::RawWire& raw = pool[i];
    state.PauseTiming();
    raw.set_payload(storygen::GenerateStory(seed++, words));
    state.ResumeTiming();
    auto r = (*pipeline)->ProcessAll(raw);
    benchmark::DoNotOptimize(r);
    bytes += static_cast<int64_t>(raw.payload().size());
    i = (i + 1) % kPool;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_PipelineProcess)->Arg(150)->Arg(400)->Arg(1200);

}  // namespace
}  // namespace newswire

BENCHMARK_MAIN();
