// The curated gazetteer: known entities with their aliases and demonyms.
//
// Loaded from gazetteer.tsv (in this folder): one entity a line,
//   id<TAB>TYPE<TAB>canonical name<TAB>aliases (|)<TAB>demonyms (|)
// e.g. "country/ru  LOC  Russia  Russian Federation|Rossiya  Russian|Russians".
// Every name, alias and demonym is indexed by its NameKey(), so
// transliteration variants of an alias also match.
//
// Example:
//   ASSIGN_OR_RETURN(Gazetteer gaz, Gazetteer::Load(path));
//   if (const GazetteerEntry* e = gaz.Find("Russians")) e->canonical_name;
//
// Threading: const after Load. Errors: NotFound (no file), InvalidArgument
// (bad line, duplicate id).
#ifndef NEWSWIRE_SERVICES_ENRICH_LINKING_GAZETTEER_H_
#define NEWSWIRE_SERVICES_ENRICH_LINKING_GAZETTEER_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::linking {

struct GazetteerEntry {
  std::string id;  // e.g. "country/ru"
  v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
  std::string canonical_name;
};

// How a looked-up name matched its entry.
struct GazetteerMatch {
  const GazetteerEntry* entry = nullptr;  // nullptr: no match
  // The name is one of the entry's demonyms ("Russian", "Russians").
  bool demonym = false;
  // A demonym that other countries' demonyms end with, so it does not say
  // which country: "Korean" (North Korean, South Korean), "Sudanese".
  bool ambiguous = false;
};

class Gazetteer {
 public:
  static absl::StatusOr<Gazetteer> Load(const std::string& path);
  // Parses TSV text; `origin` names it in errors.
  static absl::StatusOr<Gazetteer> Parse(absl::string_view tsv,
                                         absl::string_view origin);
  // The copy of gazetteer.tsv compiled into the binary.
  static const Gazetteer& BuiltIn();

  // The entry whose name, alias or demonym has the same NameKey as `name`,
  // or nullptr. When a key is shared, the earlier line wins.
  const GazetteerEntry* Find(absl::string_view name) const;
  // Find(), and whether the name matched as a demonym.
  GazetteerMatch Lookup(absl::string_view name) const;

  size_t size() const { return entries_.size(); }

 private:
  std::vector<GazetteerEntry> entries_;
  absl::flat_hash_map<std::string, size_t> by_key_;
  absl::flat_hash_set<std::string> demonym_keys_;
  absl::flat_hash_set<std::string> ambiguous_keys_;
};

}  // namespace newswire::linking

#endif  // NEWSWIRE_SERVICES_ENRICH_LINKING_GAZETTEER_H_
