// NER benchmark: tagging + linking throughput of the committed model on the
// CoNLL-2003 dev text, with its dev F1 and the process's peak RSS.
//
//   build/bin/ner_benchmark [--conll=../shared/data/conll2003/dev.txt]
//                           [--model=FILE (default: the committed model)]
//                           [benchmark flags]
//
// Benchmarks (single thread, model loaded before timing):
//   BM_TagAndLinkText   raw text -> tokenize, split, tag, link (the enrich
//   path) BM_TagTokens        pre-tokenized CoNLL sentences -> labels (tagger
//   only)
// Counters: tokens_per_s counts CoNLL tokens. Before the runs it prints the
// exact-span dev scores; after, "peak_rss_mb" (VmHWM).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "benchmark/benchmark.h"
#include "common/io/data_path.h"
#include "services/enrich/linking/entity_linker.h"
#include "services/enrich/ner/conll.h"
#include "services/enrich/ner/entity_tagger.h"
#include "services/enrich/ner/ner_model.h"
#include "services/enrich/ner/trainer.h"

namespace {

using newswire::linking::EntityLinker;
using namespace newswire::ner;

struct Corpus {
  std::vector<ConllDocument> docs;
  std::vector<std::string> texts;  // one per document
  std::vector<std::vector<std::vector<absl::string_view>>> sentences;
  long tokens = 0;
};

Corpus* g_corpus = nullptr;
std::unique_ptr<EntityTagger> g_tagger;
std::unique_ptr<EntityLinker> g_linker;
std::unique_ptr<NerModel> g_model;

long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

void BM_TagAndLinkText(benchmark::State& state) {
  long entities = 0;
  for (auto _ : state) {
    for (const std::string& text : g_corpus->texts) {
      std::vector<Mention> m = g_tagger->Tag(text);
      std::vector<newswire::v1::Entity> e = g_linker->Link(text, m);
      entities += static_cast<long>(e.size());
      benchmark::DoNotOptimize(e.data());
    }
  }
  state.counters["tokens_per_s"] = benchmark::Counter(
      static_cast<double>(g_corpus->tokens) * state.iterations(),
      benchmark::Counter::kIsRate);
  state.counters["entities_per_doc"] =
      static_cast<double>(entities) /
      (static_cast<double>(state.iterations()) * g_corpus->texts.size());
}
BENCHMARK(BM_TagAndLinkText)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_TagTokens(benchmark::State& state) {
  std::vector<std::vector<int>> labels;
  for (auto _ : state) {
    for (const auto& doc : g_corpus->sentences) {
      g_model->TagDocument(doc, &labels, nullptr);
      benchmark::DoNotOptimize(labels.data());
    }
  }
  state.counters["tokens_per_s"] = benchmark::Counter(
      static_cast<double>(g_corpus->tokens) * state.iterations(),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TagTokens)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Removes "--name=value" from argv and returns value (or `def`).
std::string TakeFlag(int* argc, char** argv, const char* name,
                     const std::string& def) {
  std::string prefix = std::string("--") + name + "=";
  for (int i = 1; i < *argc; ++i) {
    if (std::strncmp(argv[i], prefix.c_str(), prefix.size()) == 0) {
      std::string v = argv[i] + prefix.size();
      for (int j = i; j + 1 < *argc; ++j) argv[j] = argv[j + 1];
      --*argc;
      return v;
    }
  }
  return def;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string conll =
      TakeFlag(&argc, argv, "conll", "../shared/data/conll2003/dev.txt");
  // --model= empty: the committed model, found as every binary finds it.
  const absl::StatusOr<std::string> model_path = newswire::ModelPathOrDefault(
      TakeFlag(&argc, argv, "model", ""), newswire::ner::kDefaultNerModel);
  if (!model_path.ok()) {
    std::fprintf(stderr, "%s\n", model_path.status().ToString().c_str());
    return 1;
  }
  auto docs = ReadConll(conll);
  auto tagger = EntityTagger::Load(*model_path);
  auto linker = EntityLinker::Create("");
  auto model = NerModel::Load(*model_path);
  if (!docs.ok() || !tagger.ok() || !linker.ok() || !model.ok()) {
    std::fprintf(
        stderr, "setup failed: %s %s %s\n", docs.status().ToString().c_str(),
        tagger.status().ToString().c_str(), linker.status().ToString().c_str());
    return 1;
  }
  static Corpus corpus;
  corpus.docs = *std::move(docs);
  for (const ConllDocument& d : corpus.docs) {
    std::string text;
    for (const ConllSentence& s : d.sentences) {
      for (size_t i = 0; i < s.tokens.size(); ++i) {
        text += s.tokens[i];
        text += i + 1 < s.tokens.size() ? " " : "\n\n";
      }
      corpus.tokens += static_cast<long>(s.tokens.size());
    }
    corpus.texts.push_back(std::move(text));
  }
  for (const ConllDocument& d : corpus.docs) {
    corpus.sentences.emplace_back();
    for (const ConllSentence& s : d.sentences) {
      corpus.sentences.back().emplace_back(s.tokens.begin(), s.tokens.end());
    }
  }
  // Exact-span F1 of the raw-text path (our tokenizer and sentence
  // splitter): a mention counts only if its bytes are exactly a gold span.
  SpanScorer text_scorer;
  for (size_t k = 0; k < corpus.docs.size(); ++k) {
    const std::string& text = corpus.texts[k];
    absl::flat_hash_map<uint32_t, int> token_at_begin, token_at_end;
    std::vector<TokenSpan> gold;
    int base = 0;
    uint32_t pos = 0;
    for (const ConllSentence& s : corpus.docs[k].sentences) {
      for (size_t i = 0; i < s.tokens.size(); ++i) {
        token_at_begin[pos] = base + static_cast<int>(i);
        pos += static_cast<uint32_t>(s.tokens[i].size());
        token_at_end[pos] = base + static_cast<int>(i) + 1;
        pos += i + 1 < s.tokens.size() ? 1 : 2;
      }
      for (TokenSpan g : TagsToSpans(s.tags)) {
        g.begin += base;
        g.end += base;
        gold.push_back(g);
      }
      base += static_cast<int>(s.tokens.size());
    }
    std::vector<TokenSpan> predicted;
    for (const Mention& m : (*tagger)->Tag(text)) {
      auto b = token_at_begin.find(m.begin);
      auto e = token_at_end.find(m.end);
      TokenSpan p{-1, -1, EntityClass::kMisc};
      if (b != token_at_begin.end() && e != token_at_end.end()) {
        p.begin = b->second;
        p.end = e->second;
      }
      p.cls = m.type == newswire::v1::PERSON         ? EntityClass::kPer
              : m.type == newswire::v1::ORGANIZATION ? EntityClass::kOrg
              : m.type == newswire::v1::LOCATION     ? EntityClass::kLoc
                                                     : EntityClass::kMisc;
      predicted.push_back(p);
    }
    text_scorer.Add(gold, predicted);
  }
  std::printf("raw-text path (our tokenizer, sentence splitter):\n%s",
              text_scorer.Report().c_str());
  g_corpus = &corpus;
  g_tagger = *std::move(tagger);
  g_linker = *std::move(linker);
  g_model = *std::move(model);
  SpanScorer scorer = EvaluateConll(*g_model, corpus.docs);
  std::printf("newswire NER on %s (%ld tokens, %zu docs):\n%s", conll.c_str(),
              corpus.tokens, corpus.docs.size(), scorer.Report().c_str());
  std::printf("rss_after_load_mb %.1f\n", PeakRssKb() / 1024.0);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::printf("peak_rss_mb %.1f\n", PeakRssKb() / 1024.0);
  return 0;
}
