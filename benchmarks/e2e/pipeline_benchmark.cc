// In-process throughput of the whole chain (ingest + dedup + enrich) on
// generated wire stories: the ceiling the services approach when Kafka is not
// the bottleneck. With NEWSWIRE_REALTEXT=DIR (the corpus written by
// benchmarks/realtext/make_corpus.py) it also runs BM_PipelineRealText: the
// CoNLL-2003 dev documents as plain-text wire copy.
//
//   build/bin/pipeline_benchmark --benchmark_counters_tabular=true
//   NEWSWIRE_REALTEXT=build/realtext build/bin/pipeline_benchmark
//
// Counters: docs_per_s; words_per_s (generated stories: the words asked of
// the generator); tokens_per_s (real text: CoNLL tokens).
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "benchmark/benchmark.h"
#include "benchmarks/realtext/realtext_corpus.h"
#include "services/pipeline/pipeline.h"
#include "tools/storygen/story_generator.h"

namespace newswire {
namespace {

// Models loaded with the NER score cache filled for the whole vocabulary,
// as in a service that has been running a while: the timed part is the
// steady state (a fresh model fills the cache as words are first seen).
pipeline::PipelineOptions WarmOptions() {
  pipeline::PipelineOptions options;
  options.enrich.ner_warm = true;
  return options;
}

void BM_PipelineProcess(benchmark::State& state) {
  const int words = static_cast<int>(state.range(0));
  auto pipeline = pipeline::Pipeline::Create(WarmOptions());
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
  state.counters["docs_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["words_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * words,
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PipelineProcess)->Arg(150)->Arg(400)->Arg(1200);

// Each iteration: a fresh pipeline (built outside the timing, models loaded)
// processes every real document once, so dedup judges the corpus as a feed
// (no document repeats across iterations).
void BM_PipelineRealText(benchmark::State& state,
                         const realtext::RealTextCorpus* corpus) {
  std::vector<v1::RawWire> raws;
  for (const realtext::RealTextDoc& d : corpus->docs) {
    v1::RawWire raw = storygen::GenerateRawWire(0, 1, "realtext");
    raw.set_payload(d.text);
    raws.push_back(std::move(raw));
  }
  int64_t duplicates = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto pipeline = pipeline::Pipeline::Create(WarmOptions());
    state.ResumeTiming();
    if (!pipeline.ok()) {
      state.SkipWithError(pipeline.status().ToString().c_str());
      return;
    }
    for (const v1::RawWire& raw : raws) {
      auto r = (*pipeline)->ProcessAll(raw);
      if (!r.ok()) {
        state.SkipWithError(r.status().ToString().c_str());
        return;
      }
      for (const v1::EnrichedArticle& a : *r) {
        duplicates += a.dedup().verdict() != v1::UNIQUE ? 1 : 0;
      }
      benchmark::DoNotOptimize(r);
    }
    state.PauseTiming();
    pipeline->reset();
    state.ResumeTiming();
  }
  const double n = static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(corpus->docs.size()));
  state.SetBytesProcessed(state.iterations() * corpus->bytes);
  state.counters["docs_per_s"] =
      benchmark::Counter(n * static_cast<double>(corpus->docs.size()),
                         benchmark::Counter::kIsRate);
  state.counters["tokens_per_s"] = benchmark::Counter(
      n * static_cast<double>(corpus->tokens), benchmark::Counter::kIsRate);
  state.counters["duplicates_per_pass"] = static_cast<double>(duplicates) / n;
}

}  // namespace
}  // namespace newswire

int main(int argc, char** argv) {
  static newswire::realtext::RealTextCorpus corpus;
  if (const char* dir = std::getenv("NEWSWIRE_REALTEXT"); dir != nullptr) {
    auto loaded = newswire::realtext::LoadRealText(dir);
    if (!loaded.ok()) {
      std::fprintf(stderr, "NEWSWIRE_REALTEXT: %s\n",
                   loaded.status().ToString().c_str());
      return 1;
    }
    corpus = *std::move(loaded);
    benchmark::RegisterBenchmark("BM_PipelineRealText",
                                 newswire::BM_PipelineRealText, &corpus)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
