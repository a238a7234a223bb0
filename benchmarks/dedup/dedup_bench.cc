// dedup_bench: quality and speed of the dedup index on a generated,
// labelled corpus, at several index sizes ("windows").
//
// For each window size W: prefill the index with W unrelated filler stories,
// run the labelled corpus through it (precision/recall of the same-story
// decision over pairs, recall per edit kind, false positives on template
// look-alikes), then stream more filler with the index full, evicting one
// document per insert (documents/second, single thread) and measure the
// index's bytes per document.
//
// Usage:
//   dedup_bench --windows=10000,100000,1000000 --json_out=results.json
//       --corpus_out=corpus.jsonl
#include <malloc.h>
#include <time.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "benchmarks/dedup/corpus.h"
#include "services/dedup/deduplicator.h"
#include "services/dedup/huge_pages.h"
#include "services/dedup/text_features.h"
#include "tools/storygen/wire_formats.h"

ABSL_FLAG(int, stories, 1000, "base stories in the labelled corpus");
ABSL_FLAG(int, templates, 250, "look-alikes per template family");
ABSL_FLAG(std::vector<std::string>, windows, {"10000"},
          "index sizes (filler documents) to measure at");
ABSL_FLAG(int64_t, stream_docs, 100000,
          "documents streamed at a full window for the speed measurement "
          "(capped at the window size)");
ABSL_FLAG(uint64_t, seed, 20261128, "generator seed");
ABSL_FLAG(std::string, corpus_out, "", "write the labelled corpus as JSONL");
ABSL_FLAG(std::string, filler_out, "",
          "write the filler stories of the first window as JSONL (the peer "
          "prefills its index with them)");
ABSL_FLAG(bool, measure_restore, true,
          "also time Restore() of the state records the prefill produced");
ABSL_FLAG(std::string, json_out, "", "write the results as JSON");
ABSL_FLAG(double, near_containment, 0.80, "DedupOptions.near_containment");
ABSL_FLAG(double, update_containment, 0.70, "DedupOptions.update_containment");
ABSL_FLAG(double, min_jaccard, 0.30, "DedupOptions.min_jaccard");
ABSL_FLAG(double, max_missing_keys, 0.15, "DedupOptions.max_missing_keys");

namespace newswire::dedup::bench {
namespace {

// CPU seconds of this thread: documents/second/core on a shared machine.
double ThreadSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

constexpr int64_t kStart = 1'700'000'000;
constexpr int64_t kPrefillStart = kStart - 12 * 3600;
constexpr int64_t kPrefillSpan = 12 * 3600;
constexpr int kBatch = 10000;
constexpr int kCommitEvery = 100;

void WriteCorpus(const std::vector<CorpusDoc>& docs, const std::string& path) {
  std::ofstream out(path);
  for (const CorpusDoc& d : docs) {
    out << absl::StrFormat(
        "{\"id\":\"%s\",\"story\":%d,\"kind\":\"%s\",\"base\":%d,\"time\":%d,"
        "\"provider_id\":\"%s\",\"version\":%d,\"headline\":\"%s\","
        "\"body\":\"%s\"}\n",
        d.id, d.story, KindName(d.kind), d.base, d.time,
        storygen::JsonEscape(d.provider_id), d.version,
        storygen::JsonEscape(d.headline), storygen::JsonEscape(d.body));
  }
}

v1::Article ToArticle(const CorpusDoc& d) {
  v1::Article a;
  a.set_id(d.id);
  a.set_source("bench");
  a.set_provider_id(d.provider_id);
  a.set_version(d.version);
  a.set_headline(d.headline);
  a.set_body(d.body);
  a.mutable_published_time()->set_seconds(d.time);
  return a;
}

struct Quality {
  int64_t tp = 0, pred_pairs = 0, true_pairs = 0;
  int64_t linked_to_filler = 0;
  std::map<std::string, int64_t> filler_links_by_kind;
  int64_t bases_linked = 0, bases = 0;
  int64_t template_fp = 0, templates = 0;
  std::map<std::string, std::pair<int64_t, int64_t>> kind_hits;  // hit, n
  std::map<std::string, std::map<std::string, int64_t>> kind_verdicts;
};

Quality Evaluate(const std::vector<CorpusDoc>& docs,
                 const std::vector<v1::DedupResult>& results) {
  Quality q;
  absl::flat_hash_map<std::string, int64_t> own;  // corpus ids
  for (const CorpusDoc& d : docs) own[d.id] = d.story;
  std::map<std::pair<int64_t, std::string>, int64_t> cells;
  std::map<std::string, int64_t> pred;
  std::map<int64_t, int64_t> truth;
  const auto pairs = [](int64_t n) { return n * (n - 1) / 2; };
  for (size_t i = 0; i < docs.size(); ++i) {
    const CorpusDoc& d = docs[i];
    const v1::DedupResult& r = results[i];
    if (!own.contains(r.story_id())) {
      ++q.linked_to_filler;
      ++q.filler_links_by_kind[KindName(d.kind)];
    }
    ++cells[{d.story, r.story_id()}];
    ++pred[r.story_id()];
    ++truth[d.story];
    const std::string kind = KindName(d.kind);
    ++q.kind_verdicts[kind][v1::Verdict_Name(r.verdict())];
    if (d.kind == Kind::kBase) {
      ++q.bases;
      q.bases_linked += r.verdict() != v1::UNIQUE;
    } else if (d.kind == Kind::kTemplate) {
      ++q.templates;
      q.template_fp += r.verdict() != v1::UNIQUE;
    } else {
      auto& [hit, n] = q.kind_hits[kind];
      ++n;
      hit += r.story_id() == results[static_cast<size_t>(d.base)].story_id();
    }
  }
  for (const auto& [k, n] : cells) q.tp += pairs(n);
  for (const auto& [k, n] : pred) q.pred_pairs += pairs(n);
  for (const auto& [k, n] : truth) q.true_pairs += pairs(n);
  q.pred_pairs += q.linked_to_filler;
  return q;
}

struct WindowResult {
  int64_t window = 0;
  Quality quality;
  double prefill_docs_per_s = 0;
  double corpus_docs_per_s = 0;
  double stream_docs_per_s = 0;
  double bytes_per_doc = 0;
  double malloc_bytes_per_doc = 0;
  double restore_seconds = 0;
  int64_t state_records = 0;
  int64_t documents = 0;
};

// Processes `articles`, committing every kCommitEvery; returns CPU seconds.
double ProcessAll(Deduplicator* dedup, const std::vector<v1::Article>& articles,
                  std::vector<v1::DedupResult>* results,
                  std::vector<StateRecord>* state = nullptr) {
  const double t0 = ThreadSeconds();
  int n = 0;
  for (const v1::Article& a : articles) {
    v1::DedupResult r = dedup->Process(a, state);
    if (results != nullptr) results->push_back(std::move(r));
    if (++n % kCommitEvery == 0) dedup->Commit();
  }
  dedup->Commit();
  return ThreadSeconds() - t0;
}

int64_t FillerTime(int64_t first_time, int64_t span, int64_t i, int64_t count) {
  return first_time + span * i / std::max<int64_t>(1, count);
}

// The filler generator: the same stories for every window.
CorpusGenerator FillerGenerator() {
  return CorpusGenerator(absl::GetFlag(FLAGS_seed) ^ 0xF111E5);
}

// Streams `count` filler documents numbered from `*next`; returns seconds
// (CPU) spent in the deduplicator.
double StreamFiller(CorpusGenerator* gen, Deduplicator* dedup, int64_t count,
                    int64_t first_time, int64_t span, int64_t* next,
                    std::vector<StateRecord>* state = nullptr) {
  double seconds = 0;
  std::vector<v1::Article> batch;
  for (int64_t done = 0; done < count;) {
    batch.clear();
    const int64_t n = std::min<int64_t>(kBatch, count - done);
    for (int64_t i = 0; i < n; ++i, ++done) {
      batch.push_back(ToArticle(
          gen->Filler((*next)++, FillerTime(first_time, span, done, count))));
    }
    seconds += ProcessAll(dedup, batch, nullptr, state);
  }
  return seconds;
}

WindowResult RunWindow(int64_t window, const std::vector<CorpusDoc>& corpus) {
  WindowResult w;
  w.window = window;
  DedupOptions options;
  options.max_documents = window + static_cast<int64_t>(corpus.size());
  options.near_containment = absl::GetFlag(FLAGS_near_containment);
  options.update_containment = absl::GetFlag(FLAGS_update_containment);
  options.min_jaccard = absl::GetFlag(FLAGS_min_jaccard);
  options.max_missing_keys = absl::GetFlag(FLAGS_max_missing_keys);
  auto dedup = std::move(*Deduplicator::Create(options));
  CorpusGenerator gen = FillerGenerator();
  int64_t next = 0;
  const auto heap = []() {
    struct mallinfo2 m = mallinfo2();
    // Small blocks + mmapped ones + the index's own huge-page mappings.
    return m.uordblks + m.hblkhd + HugeBytesMapped();
  };
  const size_t heap_before = heap();
  std::vector<StateRecord> state;
  const bool restore = absl::GetFlag(FLAGS_measure_restore);
  double s = StreamFiller(&gen, dedup.get(), window, kPrefillStart,
                          kPrefillSpan, &next, restore ? &state : nullptr);
  w.prefill_docs_per_s = window / s;
  w.documents = dedup->size();
  w.bytes_per_doc = static_cast<double>(dedup->size_bytes()) / dedup->size();
  if (restore) {
    // What a restarted service does with the state topic.
    auto restored = std::move(*Deduplicator::Create(options));
    const double t0 = ThreadSeconds();
    for (const StateRecord& r : state) {
      if (!restored->Restore(r.key, r.value).ok()) std::abort();
    }
    restored->Commit();
    w.restore_seconds = ThreadSeconds() - t0;
    w.state_records = static_cast<int64_t>(state.size());
    if (restored->size() != dedup->size()) std::abort();
  }
  // With the state records and the restored copy freed, the heap has grown
  // by the prefilled index alone.
  state = std::vector<StateRecord>();
  w.malloc_bytes_per_doc =
      static_cast<double>(heap() - heap_before) / dedup->size();

  std::vector<v1::Article> articles;
  for (const CorpusDoc& d : corpus) articles.push_back(ToArticle(d));
  std::vector<v1::DedupResult> results;
  s = ProcessAll(dedup.get(), articles, &results);
  w.corpus_docs_per_s = corpus.size() / s;
  w.quality = Evaluate(corpus, results);

  // The index is now full: each further document evicts the oldest.
  const int64_t stream = std::min(window, absl::GetFlag(FLAGS_stream_docs));
  s = StreamFiller(&gen, dedup.get(), stream, kStart + 40 * 3600, 3600, &next);
  w.stream_docs_per_s = stream / s;
  return w;
}

double Ratio(int64_t a, int64_t b) { return b == 0 ? 0 : double(a) / b; }

void Print(const std::vector<WindowResult>& results, FILE* out) {
  for (const WindowResult& w : results) {
    const Quality& q = w.quality;
    const double p = Ratio(q.tp, q.pred_pairs), r = Ratio(q.tp, q.true_pairs);
    absl::FPrintF(out, "## newswire dedup, window %d documents\n\n", w.window);
    absl::FPrintF(out,
                  "pairs: precision %.4f recall %.4f F1 %.4f (tp %d, "
                  "predicted %d, true %d); corpus docs linked to filler: %d\n",
                  p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, q.tp, q.pred_pairs,
                  q.true_pairs, q.linked_to_filler);
    for (const auto& [kind, n] : q.filler_links_by_kind) {
      absl::FPrintF(out, "  linked to filler: %s %d\n", kind, n);
    }
    absl::FPrintF(out,
                  "template look-alikes marked duplicate: %d / %d (%.3f%%); "
                  "base stories marked duplicate: %d / %d\n",
                  q.template_fp, q.templates,
                  100 * Ratio(q.template_fp, q.templates), q.bases_linked,
                  q.bases);
    absl::FPrintF(out,
                  "speed (per core, thread CPU time): %.0f docs/s prefill, "
                  "%.0f docs/s corpus, %.0f docs/s streaming at a full window "
                  "of %d docs\n",
                  w.prefill_docs_per_s, w.corpus_docs_per_s,
                  w.stream_docs_per_s, w.documents);
    absl::FPrintF(out,
                  "memory: %.0f bytes/doc (index accounting), %.0f bytes/doc "
                  "(malloc)\n",
                  w.bytes_per_doc, w.malloc_bytes_per_doc);
    absl::FPrintF(
        out, "restore: %d state records in %.2f s CPU (%.0f records/s)\n\n",
        w.state_records, w.restore_seconds,
        w.state_records / std::max(w.restore_seconds, 1e-9));
    absl::FPrintF(out, "| edit kind | recall | verdicts |\n|---|---|---|\n");
    for (const auto& [kind, hn] : q.kind_hits) {
      std::vector<std::string> v;
      for (const auto& [name, n] : q.kind_verdicts.at(kind)) {
        v.push_back(absl::StrCat(name, " ", n));
      }
      absl::FPrintF(out, "| %s | %.4f | %s |\n", kind,
                    Ratio(hn.first, hn.second), absl::StrJoin(v, ", "));
    }
    absl::FPrintF(out, "\n");
  }
}

void WriteJson(const std::vector<WindowResult>& results,
               const std::string& path) {
  std::ofstream out(path);
  out << "[";
  for (size_t i = 0; i < results.size(); ++i) {
    const WindowResult& w = results[i];
    const Quality& q = w.quality;
    std::vector<std::string> kinds;
    for (const auto& [kind, hn] : q.kind_hits) {
      kinds.push_back(
          absl::StrFormat("\"%s\":%.6f", kind, Ratio(hn.first, hn.second)));
    }
    out << (i ? "," : "")
        << absl::StrFormat(
               "{\"window\":%d,\"tp\":%d,\"pred_pairs\":%d,\"true_pairs\":%d,"
               "\"template_fp\":%d,\"templates\":%d,\"bases_linked\":%d,"
               "\"bases\":%d,\"prefill_docs_per_s\":%.1f,"
               "\"corpus_docs_per_s\":%.1f,\"stream_docs_per_s\":%.1f,"
               "\"bytes_per_doc\":%.1f,\"malloc_bytes_per_doc\":%.1f,"
               "\"restore_seconds\":%.3f,\"state_records\":%d,"
               "\"kind_recall\":{%s}}",
               w.window, q.tp, q.pred_pairs, q.true_pairs, q.template_fp,
               q.templates, q.bases_linked, q.bases, w.prefill_docs_per_s,
               w.corpus_docs_per_s, w.stream_docs_per_s, w.bytes_per_doc,
               w.malloc_bytes_per_doc, w.restore_seconds, w.state_records,
               absl::StrJoin(kinds, ","));
  }
  out << "]\n";
}

int Main() {
  CorpusGenerator gen(absl::GetFlag(FLAGS_seed));
  std::vector<CorpusDoc> corpus = gen.Labelled(
      absl::GetFlag(FLAGS_stories), absl::GetFlag(FLAGS_templates), kStart);
  int64_t words = 0;
  for (const auto& d : corpus) {
    words += std::count(d.body.begin(), d.body.end(), ' ') + 1;
  }
  absl::PrintF("corpus: %d documents, %.0f words on average\n\n", corpus.size(),
               double(words) / corpus.size());
  {
    // Feature extraction alone (normalize, shingle, MinHash), 3 passes.
    const double t0 = ThreadSeconds();
    uint64_t sink = 0;
    for (int pass = 0; pass < 3; ++pass) {
      for (const auto& d : corpus) {
        TextFeatures f;
        ExtractFeatures(d.headline, "", d.body, &f);
        sink += f.exact_hash;
      }
    }
    absl::PrintF("feature extraction alone: %.0f docs/s (checksum %x)\n\n",
                 3 * corpus.size() / (ThreadSeconds() - t0), sink & 0xff);
  }
  if (!absl::GetFlag(FLAGS_corpus_out).empty()) {
    WriteCorpus(corpus, absl::GetFlag(FLAGS_corpus_out));
  }
  const std::vector<std::string> windows = absl::GetFlag(FLAGS_windows);
  if (!absl::GetFlag(FLAGS_filler_out).empty() && !windows.empty()) {
    CorpusGenerator filler = FillerGenerator();
    const int64_t count = std::stoll(windows[0]);
    std::vector<CorpusDoc> docs;
    for (int64_t i = 0; i < count; ++i) {
      docs.push_back(
          filler.Filler(i, FillerTime(kPrefillStart, kPrefillSpan, i, count)));
    }
    WriteCorpus(docs, absl::GetFlag(FLAGS_filler_out));
  }
  std::vector<WindowResult> results;
  for (const std::string& w : windows) {
    results.push_back(RunWindow(std::stoll(w), corpus));
    Print({results.back()}, stdout);
    std::fflush(stdout);
  }
  if (!absl::GetFlag(FLAGS_json_out).empty()) {
    WriteJson(results, absl::GetFlag(FLAGS_json_out));
  }
  return 0;
}

}  // namespace
}  // namespace newswire::dedup::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return newswire::dedup::bench::Main();
}
