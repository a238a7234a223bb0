#include "services/enrich/linking/gazetteer.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/io/file.h"
#include "common/status/status_macros.h"
#include "services/enrich/linking/name_normalizer.h"

namespace newswire::linking {

// gazetteer.tsv as text, generated at build time (gazetteer_data.cc.in).
extern const char kBuiltInGazetteerTsv[];

namespace {

v1::EntityType ParseType(absl::string_view t) {
  if (t == "PER") return v1::PERSON;
  if (t == "ORG") return v1::ORGANIZATION;
  if (t == "LOC") return v1::LOCATION;
  if (t == "MISC") return v1::MISC;
  return v1::ENTITY_TYPE_UNSPECIFIED;
}

}  // namespace

absl::StatusOr<Gazetteer> Gazetteer::Load(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return Parse(text, path);
}

const Gazetteer& Gazetteer::BuiltIn() {
  static const Gazetteer* const kBuiltIn = [] {
    auto g = Parse(kBuiltInGazetteerTsv, "built-in gazetteer");
    return new Gazetteer(g.ok() ? *std::move(g) : Gazetteer());
  }();
  return *kBuiltIn;
}

absl::StatusOr<Gazetteer> Gazetteer::Parse(absl::string_view tsv,
                                           absl::string_view path) {
  Gazetteer g;
  absl::flat_hash_set<std::string> ids;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = absl::StrSplit(line, '\t');
    v1::EntityType type =
        cols.size() >= 3 ? ParseType(cols[1]) : v1::ENTITY_TYPE_UNSPECIFIED;
    if (type == v1::ENTITY_TYPE_UNSPECIFIED || cols[0].empty() ||
        !ids.insert(cols[0]).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ":", line_no, ": want a new id, PER|ORG|LOC|MISC, a name"));
    }
    const size_t index = g.entries_.size();
    g.entries_.push_back({cols[0], type, cols[2]});
    g.by_key_.emplace(NameKey(cols[2]), index);
    for (size_t c = 3; c < cols.size() && c <= 4; ++c) {
      for (absl::string_view a :
           absl::StrSplit(cols[c], '|', absl::SkipEmpty())) {
        std::string key = NameKey(a);
        const bool added = g.by_key_.emplace(key, index).second;
        if (c == 4 && added) g.demonym_keys_.insert(std::move(key));
      }
    }
  }
  // "korean" is ambiguous when another entry's demonym is "north korean":
  // a demonym that ends another entry's multi-word demonym.
  for (const std::string& key : g.demonym_keys_) {
    const size_t space = key.find(' ');
    if (space == std::string::npos) continue;
    for (size_t at = space; at != std::string::npos;
         at = key.find(' ', at + 1)) {
      auto tail = g.by_key_.find(key.substr(at + 1));
      if (tail != g.by_key_.end() && g.demonym_keys_.contains(tail->first) &&
          tail->second != g.by_key_.at(key)) {
        g.ambiguous_keys_.insert(tail->first);
      }
    }
  }
  return g;
}

const GazetteerEntry* Gazetteer::Find(absl::string_view name) const {
  return Lookup(name).entry;
}

GazetteerMatch Gazetteer::Lookup(absl::string_view name) const {
  GazetteerMatch m;
  std::string key = NameKey(name);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return m;
  m.entry = &entries_[it->second];
  m.demonym = demonym_keys_.contains(key);
  m.ambiguous = ambiguous_keys_.contains(key);
  return m;
}

}  // namespace newswire::linking
