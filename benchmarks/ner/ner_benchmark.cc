// NER benchmark: tagging + linking throughput of the committed model on the
// CoNLL-2003 dev text, with its dev F1 and the process's peak RSS.
//
//   build/bin/ner_benchmark [--conll=../shared/data/conll2003/dev.txt]
//                           [--model=FILE (default: the committed model)]
//                           [--realtext=build/realtext] [benchmark flags]
//
// Benchmarks (single thread, model loaded before timing):
//   BM_TagAndLinkText   raw text -> tokenize, split, tag, link (the enrich
//   path) BM_TagTokens        pre-tokenized CoNLL sentences -> labels (tagger
//   only)
//   BM_TagAndLinkRealText  with --realtext=DIR (or $NEWSWIRE_REALTEXT): the
//   same dev documents detokenized into wire text by
//   benchmarks/realtext/make_corpus.py (headline, dateline, paragraphs)
// Counters: tokens_per_s counts CoNLL tokens, docs_per_s documents. Before the
// runs it prints the exact-span dev scores; after, "peak_rss_mb" (VmHWM).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "benchmark/benchmark.h"
#include "benchmarks/realtext/realtext_corpus.h"
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
newswire::realtext::RealTextCorpus* g_realtext = nullptr;

long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

// The enrich path on one text: tag, then link. Returns the entity count.
long TagAndLink(const std::string& text) {
  std::vector<Mention> m = g_tagger->Tag(text);
  std::vector<newswire::v1::Entity> e = g_linker->Link(text, m);
  benchmark::DoNotOptimize(e.data());
  return static_cast<long>(e.size());
}

// tokens_per_s and docs_per_s for `tokens` and `docs` per iteration.
void SetRates(benchmark::State& state, long tokens, size_t docs) {
  const auto n = static_cast<double>(state.iterations());
  state.counters["tokens_per_s"] = benchmark::Counter(
      static_cast<double>(tokens) * n, benchmark::Counter::kIsRate);
  state.counters["docs_per_s"] = benchmark::Counter(
      static_cast<double>(docs) * n, benchmark::Counter::kIsRate);
}

void BM_TagAndLinkText(benchmark::State& state) {
  long entities = 0;
  for (auto _ : state) {
    for (const std::string& text : g_corpus->texts) {
      entities += TagAndLink(text);
    }
  }
  SetRates(state, g_corpus->tokens, g_corpus->texts.size());
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

void BM_TagAndLinkRealText(benchmark::State& state) {
  for (auto _ : state) {
    for (const newswire::realtext::RealTextDoc& d : g_realtext->docs) {
      benchmark::DoNotOptimize(TagAndLink(d.text));
    }
  }
  SetRates(state, g_realtext->tokens, g_realtext->docs.size());
}

EntityClass ClassOf(newswire::v1::EntityType type) {
  return type == newswire::v1::PERSON         ? EntityClass::kPer
         : type == newswire::v1::ORGANIZATION ? EntityClass::kOrg
         : type == newswire::v1::LOCATION     ? EntityClass::kLoc
                                              : EntityClass::kMisc;
}

// Exact-span F1 on the detokenized text: a mention counts only if its bytes
// are exactly a gold entity's bytes and its type matches.
std::string ScoreRealText(const newswire::realtext::RealTextCorpus& corpus,
                          const EntityTagger& tagger) {
  SpanScorer scorer;
  for (const newswire::realtext::RealTextDoc& d : corpus.docs) {
    std::vector<TokenSpan> gold;
    for (const newswire::realtext::GoldEntity& g : d.gold) {
      TokenSpan t{g.begin, g.end, EntityClass::kMisc};
      for (int c = 0; c < kNumClasses; ++c) {
        if (g.type == ClassName(static_cast<EntityClass>(c))) {
          t.cls = static_cast<EntityClass>(c);
        }
      }
      gold.push_back(t);
    }
    std::vector<TokenSpan> predicted;
    for (const Mention& m : tagger.Tag(d.text)) {
      predicted.push_back(TokenSpan{static_cast<int>(m.begin),
                                    static_cast<int>(m.end), ClassOf(m.type)});
    }
    scorer.Add(gold, predicted);
  }
  return scorer.Report();
}

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
  const char* realtext_env = std::getenv("NEWSWIRE_REALTEXT");
  const std::string realtext_dir = TakeFlag(
      &argc, argv, "realtext", realtext_env != nullptr ? realtext_env : "");
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
      TokenSpan p{-1, -1, ClassOf(m.type)};
      if (b != token_at_begin.end() && e != token_at_end.end()) {
        p.begin = b->second;
        p.end = e->second;
      }
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
  static newswire::realtext::RealTextCorpus realtext;
  if (!realtext_dir.empty()) {
    auto loaded = newswire::realtext::LoadRealText(realtext_dir);
    if (!loaded.ok()) {
      std::fprintf(stderr, "realtext: %s\n",
                   loaded.status().ToString().c_str());
      return 1;
    }
    realtext = *std::move(loaded);
    g_realtext = &realtext;
    std::printf("real text %s (%zu docs, %ld CoNLL tokens, %ld bytes):\n%s",
                realtext_dir.c_str(), realtext.docs.size(), realtext.tokens,
                realtext.bytes, ScoreRealText(realtext, *g_tagger).c_str());
    benchmark::RegisterBenchmark("BM_TagAndLinkRealText", BM_TagAndLinkRealText)
        ->Unit(benchmark::kMillisecond)
        ->MinTime(2.0);
  }
  std::printf("rss_after_load_mb %.1f\n", PeakRssKb() / 1024.0);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::printf("peak_rss_mb %.1f\n", PeakRssKb() / 1024.0);
  return 0;
}
