// Throughput of document + entity sentiment on real news sentences.
//
// Articles are built from NewsMTSC sentences (20 a piece, in file order) and
// their target mentions become the entities (canonical id = the mention
// text). Tokens are whitespace-separated words, so the numbers compare with
// other systems' words/s. Data folder: $NEWSWIRE_DATA (default
// ../shared/data, beside the repository). Single-threaded: the rate is per
// core.
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "services/enrich/sentiment/sentiment_model.h"
#include "services/enrich/sentiment/trainer.h"

namespace newswire::sentiment {
namespace {

struct Article {
  std::string headline;
  std::string body;
  std::vector<v1::Entity> entities;
  size_t tokens = 0;
};

size_t CountWords(const std::string& s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

const std::vector<Article>& Articles() {
  static const std::vector<Article>* articles = [] {
    auto* out = new std::vector<Article>;
    const char* env = std::getenv("NEWSWIRE_DATA");
    const std::string data = env != nullptr ? env : "../shared/data";
    auto records =
        ReadNewsMtscRecords(absl::StrCat(data, "/newsmtsc/rw/train.jsonl"));
    if (!records.ok()) return out;
    constexpr size_t kSentencesPerArticle = 20;
    for (size_t i = 0; i + kSentencesPerArticle <= records->size();
         i += kSentencesPerArticle) {
      Article a;
      a.headline = (*records)[i].text;
      for (size_t k = i + 1; k < i + kSentencesPerArticle; ++k) {
        const NewsMtscRecord& r = (*records)[k];
        const size_t offset = a.body.size();
        for (const LabeledSpan& t : r.targets) {
          v1::Entity e;
          e.set_text(r.text.substr(t.begin, t.end - t.begin));
          e.set_begin(offset + t.begin);
          e.set_end(offset + t.end);
          e.set_canonical_id(e.text());
          a.entities.push_back(std::move(e));
        }
        a.body += r.text;
        a.body += ' ';
      }
      a.tokens = CountWords(a.headline) + CountWords(a.body);
      out->push_back(std::move(a));
    }
    return out;
  }();
  return *articles;
}

const SentimentModel& Model() {
  static const SentimentModel* model = SentimentModel::Load("")->release();
  return *model;
}

void Run(benchmark::State& state, bool document, bool entities) {
  const std::vector<Article>& articles = Articles();
  if (articles.empty()) {
    state.SkipWithError("NewsMTSC not found (set NEWSWIRE_DATA)");
    return;
  }
  const SentimentModel& model = Model();
  std::vector<v1::Entity> scratch;
  size_t tokens = 0, mentions = 0, i = 0;
  for (auto _ : state) {
    const Article& a = articles[i++ % articles.size()];
    if (document) {
      benchmark::DoNotOptimize(model.ScoreDocument(a.headline, a.body));
    }
    if (entities) {
      scratch = a.entities;
      model.ScoreEntities(a.body, &scratch);
      benchmark::DoNotOptimize(scratch.data());
      mentions += scratch.size();
    }
    tokens += a.tokens;
  }
  state.SetItemsProcessed(static_cast<int64_t>(tokens));
  state.counters["tokens_per_s"] = benchmark::Counter(
      static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["mentions_per_article"] =
      static_cast<double>(mentions) / static_cast<double>(state.iterations());
}

void BM_Document(benchmark::State& state) { Run(state, true, false); }
void BM_Entities(benchmark::State& state) { Run(state, false, true); }
void BM_DocumentAndEntities(benchmark::State& state) { Run(state, true, true); }
BENCHMARK(BM_Document);
BENCHMARK(BM_Entities);
BENCHMARK(BM_DocumentAndEntities);

}  // namespace
}  // namespace newswire::sentiment

BENCHMARK_MAIN();
