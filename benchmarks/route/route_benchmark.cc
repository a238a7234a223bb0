// The cost of routing a wire.enriched record against many subscriptions,
// next to the cost of enriching it (the stage before), on realistic records:
// the sample feed and generated stories run through the real pipeline
// (ingest, dedup, enrich), so entity summaries and text are what
// newswire-route sees.
//
//   BM_Enrich                   Enricher::Enrich per record (the yardstick)
//   BM_MatchNaive/N             every subscription's full check in turn
//   BM_MatchIndexed/N           index over entity ids/names and keywords,
//                               then the full check of the candidates only
//   BM_RouteHandler/N           what newswire-route does per record: parse,
//                               index match, follow-up memory, output copies
//   BM_StoryMemoryBytes/N       heap bytes per remembered story when each
//                               remembers what its record matches among N
//
// N subscriptions are generated deterministically from the corpus' own
// entities and words (plus names and words that never occur): half by
// entity, a third by keyword, the rest metadata only (sentiment, priority,
// source), with extra conditions sprinkled in.
//
//   build/bin/route_benchmark --benchmark_counters_tabular=true
#include <dirent.h>
#include <malloc.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "benchmark/benchmark.h"
#include "common/io/file.h"
#include "services/pipeline/pipeline.h"
#include "services/route/matcher.h"
#include "services/route/route_handler.h"
#include "services/route/router.h"
#include "services/route/story_memory.h"
#include "tools/storygen/story_generator.h"

namespace newswire {
namespace {

struct Corpus {
  std::vector<v1::EnrichedArticle> enriched;
  std::vector<std::string> serialized;
  std::vector<std::string> entity_names;
  std::vector<std::string> words;
};

const Corpus& GetCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus();
    auto pipeline = pipeline::Pipeline::Create(pipeline::PipelineOptions());
    if (!pipeline.ok()) std::abort();
    std::vector<v1::RawWire> raws;
    // The sample feed (run from the repository root), then generated copy.
    if (DIR* dir = opendir("testdata/sample_feed")) {
      std::vector<std::string> names;
      while (dirent* e = readdir(dir)) {
        if (e->d_name[0] != '.' && std::string(e->d_name) != "README.md") {
          names.push_back(e->d_name);
        }
      }
      closedir(dir);
      std::sort(names.begin(), names.end());
      for (const std::string& n : names) {
        auto bytes = ReadFileToString("testdata/sample_feed/" + n);
        if (!bytes.ok()) continue;
        v1::RawWire raw;
        raw.set_payload(*bytes);
        raw.set_source("sample");
        raw.set_filename(n);
        raws.push_back(raw);
      }
    }
    for (int i = 0; i < 300; ++i) {
      raws.push_back(storygen::GenerateRawWire(1000 + i, 400, "bench"));
    }
    // Document frequencies: subscriptions pick selective terms, as saved
    // searches do (a term in most stories is no search at all).
    absl::flat_hash_map<std::string, int> names, words;
    for (const v1::RawWire& raw : raws) {
      auto records = (*pipeline)->ProcessAll(raw);
      if (!records.ok()) continue;
      for (v1::EnrichedArticle& r : *records) {
        if (r.dedup().verdict() == v1::EXACT_DUPLICATE ||
            r.dedup().verdict() == v1::NEAR_DUPLICATE) {
          continue;  // duplicates never reach route
        }
        for (const v1::EntitySummary& e : r.entity_summary()) {
          ++names[e.canonical_name()];
        }
        std::string text;
        route::AppendNormalizedWords(r.article().body(), &text);
        absl::flat_hash_set<std::string> seen;
        for (absl::string_view w : absl::StrSplit(text, ' ')) {
          if (w.size() > 3 && seen.insert(std::string(w)).second) {
            ++words[std::string(w)];
          }
        }
        c->serialized.push_back(r.SerializeAsString());
        c->enriched.push_back(std::move(r));
      }
    }
    // Terms in at most 5% of the records (entities) / 3% (words).
    const size_t n = c->enriched.size();
    for (const auto& [name, df] : names) {
      if (df * 20 <= static_cast<int>(n)) c->entity_names.push_back(name);
    }
    for (const auto& [word, df] : words) {
      if (df * 33 <= static_cast<int>(n)) c->words.push_back(word);
    }
    std::sort(c->entity_names.begin(), c->entity_names.end());
    std::sort(c->words.begin(), c->words.end());
    return c;
  }();
  return *corpus;
}

std::vector<route::Subscription> MakeSubscriptions(int n) {
  const Corpus& c = GetCorpus();
  std::mt19937_64 rng(42);
  auto pick = [&](const std::vector<std::string>& from) {
    return from[rng() % from.size()];
  };
  std::vector<route::Subscription> subs;
  for (int i = 0; i < n; ++i) {
    route::Subscription s;
    s.name = absl::StrCat("sub-", i);
    const int kind = i % 6;  // 0-2 entity, 3-4 keyword, 5 metadata
    if (kind <= 2) {
      for (int k = 0, m = 1 + rng() % 3; k < m; ++k) {
        // One in four names is one the corpus never mentions.
        s.entities.push_back(rng() % 4 == 0
                                 ? absl::StrCat("Nobody ", rng() % 100000)
                                 : pick(c.entity_names));
      }
      if (rng() % 3 == 0) s.entity_sentiment_below = -0.1;
      if (rng() % 4 == 0) s.keywords.push_back(pick(c.words));
    } else if (kind <= 4) {
      for (int k = 0, m = 1 + rng() % 3; k < m; ++k) {
        s.keywords.push_back(rng() % 4 == 0
                                 ? absl::StrCat("zzword", rng() % 100000)
                                 : pick(c.words));
      }
      if (rng() % 3 == 0) s.languages = {"en"};
    } else {
      // Metadata only: flashes, or strongly negative copy from a source.
      if (rng() % 2 == 0) {
        s.priority_at_most = 1 + rng() % 2;
      } else {
        s.sentiment_below = -0.4 - 0.1 * static_cast<double>(rng() % 4);
        s.sources = {rng() % 2 == 0 ? "bench" : "agency-x"};
      }
    }
    if (rng() % 5 == 0) s.verdicts = {v1::UNIQUE};
    subs.push_back(std::move(s));
  }
  return subs;
}

std::unique_ptr<route::SubscriptionMatcher> MakeMatcher(int n) {
  auto m = route::SubscriptionMatcher::Create(MakeSubscriptions(n));
  if (!m.ok()) std::abort();
  return *std::move(m);
}

void BM_Enrich(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  auto enricher = enrich::Enricher::Create(enrich::EnricherOptions());
  if (!enricher.ok()) {
    state.SkipWithError(enricher.status().ToString().c_str());
    return;
  }
  size_t i = 0;
  v1::EnrichedArticle record;
  for (auto _ : state) {
    state.PauseTiming();
    record.Clear();
    *record.mutable_article() = c.enriched[i].article();
    *record.mutable_dedup() = c.enriched[i].dedup();
    state.ResumeTiming();
    (*enricher)->Enrich(&record);
    benchmark::DoNotOptimize(record);
    i = (i + 1) % c.enriched.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["records"] = static_cast<double>(c.enriched.size());
  state.counters["entity_terms"] = static_cast<double>(c.entity_names.size());
  state.counters["word_terms"] = static_cast<double>(c.words.size());
}
BENCHMARK(BM_Enrich);

template <bool kIndexed>
void BM_Match(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  auto matcher = MakeMatcher(static_cast<int>(state.range(0)));
  std::vector<int> hits;
  size_t i = 0;
  int64_t matched = 0;
  for (auto _ : state) {
    route::RecordView view(c.enriched[i]);
    if (kIndexed) {
      matcher->Match(view, &hits);
    } else {
      matcher->MatchNaive(view, &hits);
    }
    matched += static_cast<int64_t>(hits.size());
    i = (i + 1) % c.enriched.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["matches_per_record"] =
      static_cast<double>(matched) / static_cast<double>(state.iterations());
}
void BM_MatchNaive(benchmark::State& state) { BM_Match<false>(state); }
void BM_MatchIndexed(benchmark::State& state) { BM_Match<true>(state); }
BENCHMARK(BM_MatchNaive)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);
BENCHMARK(BM_MatchIndexed)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

void BM_RouteHandler(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  route::Router router(MakeMatcher(static_cast<int>(state.range(0))), 1000000);
  route::RouteHandler handler(&router, nullptr, route::RouteTopics());
  std::vector<kafka::OutputRecord> out;
  size_t i = 0;
  int64_t n = 0;
  for (auto _ : state) {
    kafka::InputRecord in;
    in.value = c.serialized[i];
    in.key = c.enriched[i].dedup().story_id();
    out.clear();
    if (!handler.Handle(in, &out).ok()) std::abort();
    if (++n % 100 == 0) handler.OnCommit();
    i = (i + 1) % c.enriched.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RouteHandler)->Arg(1000)->Arg(10000);

// Heap bytes the follow-up memory holds per remembered story (measured
// with mallinfo2, so everything: map slots, LRU nodes, keys, lists), when
// each story remembers the subscriptions its record matches among N. The
// story ids are the corpus' own with a counter appended.
void BM_StoryMemoryBytes(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  auto matcher = MakeMatcher(static_cast<int>(state.range(0)));
  std::vector<std::vector<std::string>> subs(c.enriched.size());
  std::vector<int> hits;
  for (size_t i = 0; i < c.enriched.size(); ++i) {
    matcher->Match(route::RecordView(c.enriched[i]), &hits);
    for (int h : hits) subs[i].push_back(matcher->subscription(h).name);
  }
  // Large blocks (the hash table's array) are mmapped: count those too.
  auto heap = [] {
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
  };
  constexpr int kStories = 100000;
  double bytes = 0;
  double stories = 0;
  double names = 0;
  double id_bytes = 0;
  for (auto _ : state) {
    const size_t before = heap();
    route::StoryMemory memory(kStories);
    names = 0;
    id_bytes = 0;
    for (int i = 0; i < kStories; ++i) {
      const size_t r = static_cast<size_t>(i) % c.enriched.size();
      if (subs[r].empty()) continue;  // nothing to remember
      const std::string story =
          absl::StrCat(c.enriched[r].dedup().story_id(), "/", i);
      id_bytes += static_cast<double>(story.size());
      for (const std::string& name : subs[r]) {
        memory.Remember(story, name, static_cast<int32_t>(r % 6));
      }
      names += static_cast<double>(subs[r].size());
      if (i % 100 == 99) memory.Commit();
    }
    memory.Commit();
    bytes = static_cast<double>(heap() - before);
    stories = static_cast<double>(memory.size());
  }
  state.counters["stories"] = stories;
  state.counters["bytes_per_story"] = bytes / stories;
  state.counters["subs_per_story"] = names / stories;
  state.counters["id_bytes"] = id_bytes / stories;
}
BENCHMARK(BM_StoryMemoryBytes)
    ->Arg(10)
    ->Arg(1000)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newswire

BENCHMARK_MAIN();
