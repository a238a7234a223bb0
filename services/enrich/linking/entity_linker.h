// Entity linking: gives each mention a canonical name and a stable id.
//
// Within an article, multi-word names and gazetteer names define entities;
// a later (or earlier) single word that starts or ends one of them
// ("Lavrov", "Kim") and an acronym of one ("KCNA", "(IAEA)") link to it.
// Context decides some links: a demonym links to its country only where it
// stands for the state ("Russian forces", not "a Russian novelist"; never
// the ambiguous "Korean"), "the North"/"the South" mean the Koreas only in
// a story that has named Korea (README.md lists the rules). Each linked
// mention carries Entity.link_confidence, calibrated per rule. Across
// articles, the curated gazetteer (gazetteer.h: countries with official
// and short names and demonyms, cities, organisations and acronyms, people)
// gives ids "gz:<entry>", e.g. "gz:country/ru" for "Russia", "Russian
// Federation" and "Russian forces". Other entities get "nw:<type>:<hash of the
// normalized name>" (name_normalizer.h folds transliteration variants such
// as Sergei/Sergey), the same in every article and run.
//
// Example:
//   ASSIGN_OR_RETURN(auto linker, EntityLinker::Create(""));
//   std::vector<v1::Entity> entities = linker->Link(body, mentions);
//
// Thread-safety: after Create, Link() is const and safe from many threads.
#ifndef NEWSWIRE_SERVICES_ENRICH_LINKING_ENTITY_LINKER_H_
#define NEWSWIRE_SERVICES_ENRICH_LINKING_ENTITY_LINKER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"
#include "services/enrich/linking/link_rule.h"
#include "services/enrich/ner/entity_tagger.h"

namespace newswire::linking {

class EntityLinker {
 public:
  // Loads the gazetteer at `gazetteer_path` (empty: the copy of
  // services/enrich/linking/gazetteer.tsv compiled into the binary).
  // Returns NotFound / InvalidArgument for a missing or malformed file.
  static absl::StatusOr<std::unique_ptr<EntityLinker>> Create(
      const std::string& gazetteer_path);
  virtual ~EntityLinker() = default;

  // Returns one Entity per mention with valid offsets, in order, with
  // text, type, begin/end, confidence, canonical_name and canonical_id set,
  // and link_confidence set on linked mentions (sentiment unset).
  std::vector<v1::Entity> Link(
      absl::string_view text, const std::vector<ner::Mention>& mentions) const {
    return LinkWithRules(text, mentions, nullptr);
  }

  // Link(); if `rules` is not null, it receives the rule that decided each
  // returned entity, in the same order.
  virtual std::vector<v1::Entity> LinkWithRules(
      absl::string_view text, const std::vector<ner::Mention>& mentions,
      std::vector<LinkRule>* rules) const = 0;
};

}  // namespace newswire::linking

#endif  // NEWSWIRE_SERVICES_ENRICH_LINKING_ENTITY_LINKER_H_
