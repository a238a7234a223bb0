#include "benchmarks/realtext/realtext_corpus.h"

#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace newswire::realtext {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

absl::Status ParseGold(absl::string_view field, RealTextDoc* doc) {
  if (field.empty()) return absl::OkStatus();
  for (absl::string_view entity : absl::StrSplit(field, ',')) {
    std::vector<absl::string_view> p = absl::StrSplit(entity, ':');
    GoldEntity g;
    if (p.size() != 3 || !absl::SimpleAtoi(p[0], &g.begin) ||
        !absl::SimpleAtoi(p[1], &g.end) || g.begin < 0 || g.end < g.begin ||
        g.end > static_cast<int>(doc->text.size())) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad entity \"", entity, "\""));
    }
    g.type = std::string(p[2]);
    doc->gold.push_back(std::move(g));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RealTextCorpus> LoadRealText(const std::string& dir) {
  const std::string manifest_path = absl::StrCat(dir, "/.manifest.tsv");
  absl::StatusOr<std::string> manifest = ReadFile(manifest_path);
  if (!manifest.ok()) return manifest.status();
  RealTextCorpus corpus;
  int line_no = 0;
  for (absl::string_view line :
       absl::StrSplit(*manifest, '\n', absl::SkipEmpty())) {
    ++line_no;
    std::vector<absl::string_view> f = absl::StrSplit(line, '\t');
    RealTextDoc doc;
    if (f.size() != 3 || !absl::SimpleAtoi(f[1], &doc.tokens)) {
      return absl::InvalidArgumentError(
          absl::StrCat(manifest_path, ":", line_no, ": malformed line"));
    }
    doc.name = std::string(f[0]);
    absl::StatusOr<std::string> text = ReadFile(absl::StrCat(dir, "/", f[0]));
    if (!text.ok()) return text.status();
    doc.text = *std::move(text);
    if (absl::Status s = ParseGold(f[2], &doc); !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(manifest_path, ":", line_no, ": ", s.message()));
    }
    corpus.tokens += doc.tokens;
    corpus.bytes += static_cast<long>(doc.text.size());
    corpus.docs.push_back(std::move(doc));
  }
  return corpus;
}

}  // namespace newswire::realtext
