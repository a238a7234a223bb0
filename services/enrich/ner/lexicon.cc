#include "services/enrich/ner/lexicon.h"

#include <algorithm>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/text/hash.h"
#include "common/text/segment.h"
#include "services/enrich/ner/binary_io.h"

namespace newswire::ner {
namespace {

int ClassBit(absl::string_view type) {
  if (type == "PER") return 1;
  if (type == "ORG") return 2;
  if (type == "LOC") return 4;
  if (type == "MISC") return 8;
  return 0;
}

// Tokenizes a name as the tagger would and lower-cases it.
std::string PhraseKey(absl::string_view name) {
  std::string key;
  for (const text::Token& t : text::Segment(name)) {
    if (!key.empty()) key.push_back(' ');
    key += NormalizeToken(name.substr(t.begin, t.end - t.begin));
  }
  return key;
}

bool IsLowerStart(absl::string_view t) {
  return !t.empty() && absl::ascii_islower(t[0]);
}

// Writes a word -> bits table sorted by word, so that a model file is
// byte-identical across runs.
template <typename V>
void AppendTable(const absl::flat_hash_map<std::string, V>& table,
                 std::string* out) {
  std::vector<std::pair<std::string, V>> rows(table.begin(), table.end());
  std::sort(rows.begin(), rows.end());
  io::Put<uint32_t>(out, static_cast<uint32_t>(rows.size()));
  for (const auto& [k, v] : rows) {
    io::Put<V>(out, v);
    io::PutString(out, k);
  }
}

// Reads a table written by AppendTable, calling add(word, bits) per row.
template <typename V, typename Add>
bool ReadTable(absl::string_view* in, Add add) {
  uint32_t n = 0;
  if (!io::Get(in, &n)) return false;
  for (uint32_t i = 0; i < n; ++i) {
    V v = 0;
    std::string k;
    if (!io::Get(in, &v) || !io::GetString(in, &k)) return false;
    add(k, v);
  }
  return true;
}

// Calls fn(columns, line_no) for each non-comment line of a TSV file.
template <typename Fn>
absl::Status ForEachTsvLine(const std::string& path, Fn fn) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = absl::StrSplit(line, '\t');
    absl::Status s = fn(cols, line_no);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

std::string NormalizeToken(absl::string_view token) {
  // The result is never longer than the token (a three-byte quote or dash
  // becomes one or two bytes), so it is written into a buffer of the
  // token's size and cut to length.
  std::string out(token.size(), '\0');
  size_t k = 0;
  for (size_t i = 0; i < token.size(); ++i) {
    unsigned char c = token[i];
    if (c == 0xE2 && i + 2 < token.size() &&
        static_cast<unsigned char>(token[i + 1]) == 0x80) {
      unsigned char d = token[i + 2];
      if (d >= 0x98 && d <= 0x9B) {
        out[k++] = '\'';
        i += 2;
        continue;
      }
      if (d >= 0x9C && d <= 0x9F) {
        out[k++] = '"';
        i += 2;
        continue;
      }
      if (d >= 0x93 && d <= 0x95) {
        out[k++] = '-';
        out[k++] = '-';
        i += 2;
        continue;
      }
    }
    out[k++] = absl::ascii_isdigit(c) ? '0' : absl::ascii_tolower(c);
  }
  out.resize(k);
  // PTB-style quotes (`` and '') are double quotes.
  if (k == 2 && out[0] == out[1] && (out[0] == '`' || out[0] == '\'')) {
    out = "\"";
  }
  return out;
}

void Lexicon::AddPhrase(const std::string& lowered, uint8_t class_bits) {
  if (lowered.empty()) return;
  phrases_[lowered] |= class_bits;
  for (absl::string_view w : absl::StrSplit(lowered, ' ')) {
    word_classes_[std::string(w)] |= class_bits;
  }
  int len =
      static_cast<int>(std::count(lowered.begin(), lowered.end(), ' ')) + 1;
  max_len_ = std::max(max_len_, len);
}

void Lexicon::AddCue(const std::string& lowered, uint8_t cue_bits) {
  cues_[lowered] |= cue_bits;
}

absl::Status Lexicon::LoadGazetteerTsv(const std::string& path) {
  return ForEachTsvLine(
      path, [&](const std::vector<std::string>& cols, int line_no) {
        if (cols.size() < 3 || ClassBit(cols[1]) == 0) {
          return absl::InvalidArgumentError(
              absl::StrCat(path, ":", line_no, ": want id, TYPE, name"));
        }
        uint8_t bit = ClassBit(cols[1]);
        AddPhrase(PhraseKey(cols[2]), bit);
        for (size_t c = 3; c < cols.size() && c <= 4; ++c) {
          for (absl::string_view a :
               absl::StrSplit(cols[c], '|', absl::SkipEmpty())) {
            AddPhrase(PhraseKey(a), c == 4 ? 8 : bit);  // demonyms are MISC
          }
        }
        return absl::OkStatus();
      });
}

absl::Status Lexicon::LoadCueWords(const std::string& path) {
  return ForEachTsvLine(
      path, [&](const std::vector<std::string>& cols, int line_no) {
        uint8_t bit = 0;
        if (cols.size() == 2) {
          if (cols[0] == "FIRST") bit = kCueFirstName;
          if (cols[0] == "ORG") bit = kCueOrgWord;
          if (cols[0] == "LOC") bit = kCueLocWord;
          if (cols[0] == "TITLE") bit = kCueTitle;
          if (cols[0] == "MISC") bit = kCueMiscWord;
        }
        if (bit == 0) {
          return absl::InvalidArgumentError(
              absl::StrCat(path, ":", line_no, ": want CUE<TAB>word"));
        }
        for (absl::string_view w :
             absl::StrSplit(cols[1], ' ', absl::SkipEmpty())) {
          AddCue(NormalizeToken(w), bit);
        }
        return absl::OkStatus();
      });
}

std::vector<uint16_t> Lexicon::MatchPhrases(
    const std::vector<absl::string_view>& tokens,
    const std::vector<std::string>& normalized) const {
  const int n = static_cast<int>(tokens.size());
  std::vector<uint16_t> marks(n, 0);
  std::string key;
  for (int i = 0; i < n; ++i) {
    if (IsLowerStart(tokens[i])) continue;
    if (!word_classes_.contains(normalized[i])) continue;
    int best_len = 0;
    uint8_t best_bits = 0;
    key = normalized[i];
    for (int len = 1; len <= max_len_ && i + len <= n; ++len) {
      if (len > 1) {
        key.push_back(' ');
        key += normalized[i + len - 1];
      }
      auto it = phrases_.find(key);
      if (it != phrases_.end()) {
        best_len = len;
        best_bits = it->second;
      }
    }
    if (best_len == 0) continue;
    for (int c = 0; c < 4; ++c) {
      if (!(best_bits & (1 << c))) continue;
      for (int k = 0; k < best_len; ++k) {
        int pos = best_len == 1 ? 3 : k == 0 ? 0 : k == best_len - 1 ? 2 : 1;
        marks[i + k] |= static_cast<uint16_t>(1u << (c * 4 + pos));
      }
    }
  }
  return marks;
}

uint8_t Lexicon::Cues(absl::string_view word) const {
  return CuesOfNormalized(NormalizeToken(word));
}

uint8_t Lexicon::WordClasses(absl::string_view word) const {
  return WordClassesOfNormalized(NormalizeToken(word));
}

int Lexicon::Clusters(absl::string_view word) const {
  return ClustersOfNormalized(NormalizeToken(word));
}

uint8_t Lexicon::CuesOfNormalized(absl::string_view normalized) const {
  auto it = cues_.find(normalized);
  return it == cues_.end() ? 0 : it->second;
}

uint8_t Lexicon::WordClassesOfNormalized(absl::string_view normalized) const {
  auto it = word_classes_.find(normalized);
  return it == word_classes_.end() ? 0 : it->second;
}

int Lexicon::ClustersOfNormalized(absl::string_view normalized) const {
  auto it = clusters_.find(normalized);
  return it == clusters_.end() ? -1 : it->second;
}

void Lexicon::SetEmbeddingClusters(
    const absl::flat_hash_map<std::string, uint16_t>& clusters) {
  embedding_classes_.clear();
  embedding_classes_.reserve(clusters.size());
  for (const auto& [word, packed] : clusters) {
    embedding_classes_.emplace_back(Fingerprint64(word), packed);
  }
  // Sorted by (hash, class); on a 64-bit collision the smaller class wins,
  // independent of the map's iteration order.
  std::sort(embedding_classes_.begin(), embedding_classes_.end());
  embedding_classes_.erase(
      std::unique(
          embedding_classes_.begin(), embedding_classes_.end(),
          [](const auto& a, const auto& b) { return a.first == b.first; }),
      embedding_classes_.end());
}

int Lexicon::EmbeddingClustersOfNormalized(absl::string_view normalized) const {
  if (embedding_classes_.empty()) return -1;
  return EmbeddingClustersOfHash(Fingerprint64(normalized));
}

int Lexicon::EmbeddingClustersOfHash(uint64_t h) const {
  if (embedding_classes_.empty()) return -1;
  // The hashes are uniform over 64 bits, so h's rank is close to
  // h / 2^64 * n: search a small window around that guess (widened until
  // it brackets h) instead of the whole table, which costs one or two cache
  // misses instead of one per halving.
  const size_t n = embedding_classes_.size();
  const size_t guess =
      static_cast<size_t>((static_cast<unsigned __int128>(h) * n) >> 64);
  size_t lo = 0, hi = n;
  for (size_t step = 16; step < n; step *= 2) {
    const size_t a = guess > step ? guess - step : 0;
    const size_t b = std::min(n, guess + step);
    if ((a == 0 || embedding_classes_[a].first <= h) &&
        (b == n || embedding_classes_[b - 1].first >= h)) {
      lo = a;
      hi = b;
      break;
    }
  }
  auto it = std::lower_bound(embedding_classes_.begin() + lo,
                             embedding_classes_.begin() + hi, h,
                             [](const std::pair<uint64_t, uint16_t>& e,
                                uint64_t k) { return e.first < k; });
  return it != embedding_classes_.begin() + hi && it->first == h ? it->second
                                                                 : -1;
}

void Lexicon::AppendTo(std::string* out) const {
  AppendTable(phrases_, out);
  AppendTable(cues_, out);
  AppendTable(clusters_, out);
  io::Put<uint32_t>(out, static_cast<uint32_t>(embedding_classes_.size()));
  for (const auto& [hash, packed] : embedding_classes_) {
    io::Put<uint64_t>(out, hash);
    io::Put<uint16_t>(out, packed);
  }
}

namespace {

// Reads the (hash, class) pairs AppendTo wrote; false if short or not in
// strictly increasing hash order.
bool ReadHashedClasses(absl::string_view* in,
                       std::vector<std::pair<uint64_t, uint16_t>>* out) {
  uint32_t n = 0;
  if (!io::Get(in, &n) || in->size() / 10 < n) return false;
  out->resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    auto& [hash, packed] = (*out)[i];
    if (!io::Get(in, &hash) || !io::Get(in, &packed)) return false;
    if (i > 0 && (*out)[i - 1].first >= hash) return false;
  }
  return true;
}

}  // namespace

bool Lexicon::ReadFrom(absl::string_view* in, bool with_embedding_clusters) {
  return ReadTable<uint8_t>(in, [this](const std::string& k,
                                       uint8_t v) { AddPhrase(k, v); }) &&
         ReadTable<uint8_t>(
             in, [this](const std::string& k, uint8_t v) { AddCue(k, v); }) &&
         ReadTable<uint16_t>(in, [this](const std::string& k,
                                        uint16_t v) { clusters_[k] = v; }) &&
         (!with_embedding_clusters ||
          ReadHashedClasses(in, &embedding_classes_));
}

}  // namespace newswire::ner
