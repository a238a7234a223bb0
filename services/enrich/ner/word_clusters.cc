#include "services/enrich/ner/word_clusters.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/text/hash.h"
#include "services/enrich/ner/lexicon.h"

namespace newswire::ner {
namespace {

// A sparse, L2-normalized context vector.
struct SparseVec {
  std::vector<uint32_t> dims;
  std::vector<float> vals;
};

// Spherical k-means: returns the cluster of each vector.
std::vector<int> KMeans(const std::vector<SparseVec>& x, int dims, int k,
                        int iterations, uint64_t seed) {
  const int n = static_cast<int>(x.size());
  k = std::min(k, n);
  std::vector<int> assign(n, 0);
  if (k <= 0) return assign;
  // Farthest-first initialization: start from a seeded pick among the 10
  // most frequent words, then repeatedly add the word least similar to all
  // centers so far, so small groups of similar words get a center.
  std::vector<float> centers(size_t(k) * dims, 0.0f);
  std::vector<float> closest(n, -1e30f);  // best similarity to a center
  int pick = static_cast<int>(Mix64(seed) % std::min(n, 10));
  for (int c = 0; c < k; ++c) {
    float* center = &centers[size_t(c) * dims];
    for (size_t j = 0; j < x[pick].dims.size(); ++j) {
      center[x[pick].dims[j]] = x[pick].vals[j];
    }
    int next = 0;
    for (int i = 0; i < n; ++i) {
      float dot = 0;
      for (size_t j = 0; j < x[i].dims.size(); ++j) {
        dot += center[x[i].dims[j]] * x[i].vals[j];
      }
      closest[i] = std::max(closest[i], dot);
      if (closest[i] < closest[next]) next = i;
    }
    pick = next;
  }
  for (int it = 0; it < iterations; ++it) {
    for (int i = 0; i < n; ++i) {
      float best = -1e30f;
      for (int c = 0; c < k; ++c) {
        const float* center = &centers[size_t(c) * dims];
        float dot = 0;
        for (size_t j = 0; j < x[i].dims.size(); ++j) {
          dot += center[x[i].dims[j]] * x[i].vals[j];
        }
        if (dot > best) {
          best = dot;
          assign[i] = c;
        }
      }
    }
    std::fill(centers.begin(), centers.end(), 0.0f);
    for (int i = 0; i < n; ++i) {
      float* center = &centers[size_t(assign[i]) * dims];
      for (size_t j = 0; j < x[i].dims.size(); ++j) {
        center[x[i].dims[j]] += x[i].vals[j];
      }
    }
    for (int c = 0; c < k; ++c) {
      float* center = &centers[size_t(c) * dims];
      double norm = 0;
      for (int d = 0; d < dims; ++d) norm += double(center[d]) * center[d];
      if (norm <= 0) continue;
      float inv = static_cast<float>(1.0 / std::sqrt(norm));
      for (int d = 0; d < dims; ++d) center[d] *= inv;
    }
  }
  return assign;
}

// Spherical k-means over dense unit rows x (n x dims); centers start at
// evenly spaced rows from `offset`. Returns the cluster of each row.
std::vector<int> DenseKMeans(const std::vector<float>& x, int dims, int k,
                             int iterations, uint64_t offset) {
  const int n = static_cast<int>(x.size() / dims);
  k = std::min(k, n);
  std::vector<int> assign(n, 0);
  if (k <= 0) return assign;
  std::vector<float> centers(size_t(k) * dims);
  const int start = static_cast<int>(offset % (n / k));
  for (int c = 0; c < k; ++c) {
    const float* row = &x[size_t(start + int64_t{c} * n / k) * dims];
    std::copy(row, row + dims, &centers[size_t(c) * dims]);
  }
  for (int it = 0; it < iterations; ++it) {
    for (int i = 0; i < n; ++i) {
      const float* row = &x[size_t(i) * dims];
      float best = -1e30f;
      for (int c = 0; c < k; ++c) {
        const float* center = &centers[size_t(c) * dims];
        float dot = 0;
        for (int d = 0; d < dims; ++d) dot += center[d] * row[d];
        if (dot > best) {
          best = dot;
          assign[i] = c;
        }
      }
    }
    std::vector<double> sums(size_t(k) * dims, 0.0);
    for (int i = 0; i < n; ++i) {
      double* sum = &sums[size_t(assign[i]) * dims];
      for (int d = 0; d < dims; ++d) sum[d] += x[size_t(i) * dims + d];
    }
    for (int c = 0; c < k; ++c) {
      const double* sum = &sums[size_t(c) * dims];
      double norm = 0;
      for (int d = 0; d < dims; ++d) norm += sum[d] * sum[d];
      if (norm <= 0) continue;  // empty cluster keeps its center
      const double inv = 1.0 / std::sqrt(norm);
      for (int d = 0; d < dims; ++d) {
        centers[size_t(c) * dims + d] = static_cast<float>(sum[d] * inv);
      }
    }
  }
  return assign;
}

}  // namespace

absl::StatusOr<absl::flat_hash_map<std::string, uint16_t>>
BuildEmbeddingClusters(const std::string& path,
                       const EmbeddingClusterOptions& options) {
  // PackClusters keeps 7 bits of the coarse id and 9 of the fine one.
  if (options.coarse < 1 || options.coarse > 128 || options.fine < 1 ||
      options.fine > 512) {
    return absl::InvalidArgumentError(absl::StrCat(
        "embedding classes: coarse must be in [1, 128] and fine in [1, 512], "
        "got ",
        options.coarse, " and ", options.fine));
  }
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot open ", path,
                     " (scripts/ner_embeddings.sh fetches it; 'none' to "
                     "train without)"));
  }
  std::vector<std::string> words;
  absl::flat_hash_map<std::string, int> seen;
  std::vector<float> x;
  int dims = -1;
  std::string line;
  int line_no = 0;
  while (static_cast<int>(words.size()) < options.max_words &&
         std::getline(in, line)) {
    ++line_no;
    std::vector<absl::string_view> cols =
        absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (cols.size() < 2 || (dims >= 0 && int(cols.size()) - 1 != dims)) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", line_no, ": expected a word and ",
                       dims < 0 ? 1 : dims, " numbers"));
    }
    dims = static_cast<int>(cols.size()) - 1;
    std::string word = NormalizeToken(cols[0]);
    if (!seen.emplace(word, static_cast<int>(words.size())).second) continue;
    const size_t base = x.size();
    double norm = 0;
    for (int d = 0; d < dims; ++d) {
      float v = 0;
      if (!absl::SimpleAtof(cols[d + 1], &v)) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ":", line_no, ": bad number"));
      }
      x.push_back(v);
      norm += double(v) * v;
    }
    const float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0;
    for (int d = 0; d < dims; ++d) x[base + d] *= inv;
    words.push_back(std::move(word));
  }
  absl::flat_hash_map<std::string, uint16_t> out;
  if (words.empty()) return out;
  std::vector<int> coarse = DenseKMeans(
      x, dims, options.coarse, options.iterations, Mix64(options.seed));
  std::vector<int> fine = DenseKMeans(x, dims, options.fine, options.iterations,
                                      Mix64(options.seed + 1));
  for (size_t i = 0; i < words.size(); ++i) {
    out[words[i]] = PackClusters(coarse[i], fine[i]);
  }
  return out;
}

absl::flat_hash_map<std::string, uint16_t> BuildWordClusters(
    const std::vector<std::vector<std::string>>& sentences,
    const WordClusterOptions& options) {
  absl::flat_hash_map<std::string, int> counts;
  for (const auto& s : sentences) {
    for (const std::string& w : s) ++counts[NormalizeToken(w)];
  }
  // Words by descending count, ties by spelling: a deterministic order.
  std::vector<std::pair<int, std::string>> by_count;
  for (const auto& [w, c] : counts) {
    if (c >= options.min_count) by_count.push_back({-c, w});
  }
  std::sort(by_count.begin(), by_count.end());
  absl::flat_hash_map<std::string, int> word_index, context_index;
  for (size_t i = 0; i < by_count.size(); ++i) {
    word_index[by_count[i].second] = static_cast<int>(i);
    if (static_cast<int>(i) < options.context_words) {
      context_index[by_count[i].second] = static_cast<int>(i);
    }
  }
  const int nctx = static_cast<int>(context_index.size());
  const int dims = 2 * (nctx + 1);  // left and right, + sentence boundary
  std::vector<absl::flat_hash_map<uint32_t, float>> acc(by_count.size());
  for (const auto& s : sentences) {
    std::vector<std::string> norm;
    for (const std::string& w : s) norm.push_back(NormalizeToken(w));
    for (size_t i = 0; i < norm.size(); ++i) {
      auto wi = word_index.find(norm[i]);
      if (wi == word_index.end()) continue;
      auto ctx = [&](size_t j) {
        auto it = context_index.find(norm[j]);
        return it == context_index.end() ? -1 : it->second;
      };
      int left = i == 0 ? nctx : ctx(i - 1);
      int right = i + 1 == norm.size() ? nctx : ctx(i + 1);
      if (left >= 0) acc[wi->second][left] += 1;
      if (right >= 0) acc[wi->second][nctx + 1 + right] += 1;
    }
  }
  std::vector<SparseVec> x(acc.size());
  for (size_t i = 0; i < acc.size(); ++i) {
    std::vector<std::pair<uint32_t, float>> entries(acc[i].begin(),
                                                    acc[i].end());
    std::sort(entries.begin(), entries.end());
    double norm = 0;
    for (auto& [d, v] : entries) {
      v = std::sqrt(v);
      norm += double(v) * v;
    }
    float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
    for (const auto& [d, v] : entries) {
      x[i].dims.push_back(d);
      x[i].vals.push_back(v * inv);
    }
  }
  std::vector<int> coarse =
      KMeans(x, dims, options.coarse, options.iterations, options.seed);
  std::vector<int> fine =
      KMeans(x, dims, options.fine, options.iterations, options.seed + 1);
  absl::flat_hash_map<std::string, uint16_t> out;
  for (size_t i = 0; i < by_count.size(); ++i) {
    out[by_count[i].second] = PackClusters(coarse[i], fine[i]);
  }
  return out;
}

}  // namespace newswire::ner
