#include "services/enrich/linking/entity_linker.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/text/hash.h"
#include "services/enrich/linking/context_rules.h"
#include "services/enrich/linking/gazetteer.h"
#include "services/enrich/linking/name_normalizer.h"

namespace newswire::linking {
namespace {

const char* TypeTag(v1::EntityType t) {
  switch (t) {
    case v1::PERSON:
      return "per";
    case v1::ORGANIZATION:
      return "org";
    case v1::LOCATION:
      return "loc";
    case v1::MISC:
      return "misc";
    default:
      return "unk";
  }
}

// The canonical id of an entity not in the gazetteer: type and normalized
// name, so the same name gets the same id in every article and run.
std::string DerivedId(v1::EntityType type, const std::string& key) {
  return absl::StrCat("nw:", TypeTag(type), ":",
                      FingerprintHex(Fingerprint64(key)));
}

// Collapses runs of whitespace (line breaks inside a name) to one space.
std::string CleanSurface(absl::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (absl::ascii_isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool IsAcronym(absl::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (absl::ascii_islower(c)) return false;
    if (absl::ascii_isupper(c)) ++letters;
  }
  return letters >= 2 && letters <= 8;
}

// Words that open many place and organisation names, so never stand for
// one alone: "South" is not "South Africa", "New" not "New Delhi".
bool IsGenericNameWord(const std::string& token) {
  static const auto* const kWords = new absl::flat_hash_set<std::string>{
      "north",    "south",   "east",     "west",          "northern",
      "southern", "eastern", "western",  "central",       "new",
      "united",   "great",   "upper",    "lower",         "saint",
      "san",      "santa",   "national", "international", "world",
      "republic", "kingdom", "state",    "democratic",    "people",
      "peoples",  "federal", "royal",    "general",       "first"};
  return kWords->contains(token);
}

// True if `part` is a run of whole tokens at the start or end of `whole`
// and shorter than it: "Lavrov" in "Sergei Lavrov", "Kim" in "Kim Jong Un".
// For places and organisations only a leading run counts ("Gaza" for "Gaza
// Strip", not "Bank" for "World Bank"), and never a generic word alone.
bool IsShortForm(const std::vector<std::string>& part,
                 const std::vector<std::string>& whole, bool person) {
  if (part.empty() || part.size() >= whole.size()) return false;
  if (!person && part.size() == 1 && IsGenericNameWord(part[0])) return false;
  return std::equal(part.begin(), part.end(), whole.begin()) ||
         (person && std::equal(part.rbegin(), part.rend(), whole.rbegin()));
}

// What the linker knows about one entity of the article.
struct Resolved {
  std::string id;
  std::string name;
  v1::EntityType type;
  std::vector<std::string> tokens;  // NameTokens of the longest surface
  std::string initials;
  std::string acronym;  // defined in parentheses after the name, if any
  std::vector<int> at;  // indices of the mentions that named it in full
  // False for a name kept unlinked ("Korean" in "Korean food", a lone
  // "Lavrov"): short forms and acronyms must not link to it.
  bool target = true;
};

// A person is never a place or an organisation: the mention's type and the
// entry's must agree on that (ORG and LOC may meet: "the U.S." tagged ORG).
bool TypesAgree(v1::EntityType mention, v1::EntityType entry) {
  return (mention == v1::PERSON) == (entry == v1::PERSON);
}

std::string UpperLetters(absl::string_view s) {
  std::string letters;
  for (char c : s) {
    if (absl::ascii_isupper(c)) letters.push_back(c);
  }
  return letters;
}

class GazetteerLinker : public EntityLinker {
 public:
  explicit GazetteerLinker(Gazetteer gazetteer)
      : owned_(std::move(gazetteer)), gazetteer_(&owned_) {}
  explicit GazetteerLinker(const Gazetteer* shared) : gazetteer_(shared) {}

  std::vector<v1::Entity> LinkWithRules(
      absl::string_view text, const std::vector<ner::Mention>& mentions,
      std::vector<LinkRule>* rules) const override {
    // Pass 1: full names (multi-word or gazetteer) define the article's
    // entities, and context rules link demonyms and "the North"; pass 2
    // attaches short forms and acronyms.
    std::vector<Resolved> known;
    std::vector<int> of(mentions.size(), -1);
    std::vector<LinkRule> rule(mentions.size(), LinkRule::kUnresolved);
    std::vector<std::string> surfaces(mentions.size());
    for (size_t k = 0; k < mentions.size(); ++k) {
      const ner::Mention& m = mentions[k];
      if (m.end > text.size() || m.begin >= m.end) continue;
      surfaces[k] = CleanSurface(text.substr(m.begin, m.end - m.begin));
      of[k] = ResolveInContext(text, m, surfaces[k], static_cast<int>(k),
                               &known, &rule[k]);
    }
    std::vector<v1::Entity> out;
    out.reserve(mentions.size());
    if (rules != nullptr) rules->clear();
    for (size_t k = 0; k < mentions.size(); ++k) {
      const ner::Mention& m = mentions[k];
      if (m.end > text.size() || m.begin >= m.end) continue;
      if (of[k] < 0 && k > 0 && of[k - 1] >= 0 &&
          DefinesAcronym(text, mentions[k - 1], m, surfaces[k],
                         &known[of[k - 1]])) {
        of[k] = of[k - 1];
        rule[k] = LinkRule::kDefinedAcronym;
      }
      if (of[k] < 0) {
        of[k] = ResolveShort(&known, m.type, surfaces[k], static_cast<int>(k),
                             &rule[k]);
      }
      const Resolved& r = known[of[k]];
      v1::Entity e;
      e.set_text(std::string(text.substr(m.begin, m.end - m.begin)));
      e.set_type(m.type);
      e.set_begin(m.begin);
      e.set_end(m.end);
      e.set_confidence(m.confidence);
      e.set_canonical_name(r.name);
      e.set_canonical_id(r.id);
      if (LinksToEntity(rule[k]))
        e.set_link_confidence(LinkConfidence(rule[k]));
      out.push_back(std::move(e));
      if (rules != nullptr) rules->push_back(rule[k]);
    }
    return out;
  }

 private:
  // Returns the index of the entity with `id`, adding it if new; `mention`
  // is the index of the mention naming it (-1 for none).
  static int Intern(std::vector<Resolved>* known, std::string id,
                    const std::string& name, v1::EntityType type,
                    const std::string& surface, int mention) {
    std::vector<std::string> tokens = NameTokens(surface);
    for (size_t i = 0; i < known->size(); ++i) {
      Resolved& r = (*known)[i];
      if (r.id != id) continue;
      if (mention >= 0) r.at.push_back(mention);
      if (tokens.size() > r.tokens.size()) {
        r.tokens = std::move(tokens);
        r.initials = Initials(surface);
      }
      return static_cast<int>(i);
    }
    known->push_back({std::move(id),
                      name,
                      type,
                      std::move(tokens),
                      Initials(name),
                      "",
                      {},
                      true});
    if (mention >= 0) known->back().at.push_back(mention);
    return static_cast<int>(known->size() - 1);
  }

  // An entity of its own, named by the mention's own text: no link.
  static int Unlinked(std::vector<Resolved>* known, v1::EntityType type,
                      const std::string& surface) {
    std::string key = NameKey(surface);
    const size_t before = known->size();
    const int i = Intern(known, DerivedId(type, key.empty() ? surface : key),
                         surface, type, surface, -1);
    if (known->size() > before) (*known)[i].target = false;
    return i;
  }

  // Pass 1 for mention `k`: the entity a full name, a gazetteer name, a
  // demonym or "the North" stands for (setting *rule), or -1 for a single
  // word or acronym left to pass 2.
  int ResolveInContext(absl::string_view text, const ner::Mention& m,
                       const std::string& surface, int k,
                       std::vector<Resolved>* known, LinkRule* rule) const {
    if (m.type != v1::PERSON) {
      const std::string half = KoreanHalfNamed(text, m.begin, m.end);
      if (const GazetteerEntry* e =
              half.empty() ? nullptr : gazetteer_->Find(half)) {
        *rule = LinkRule::kKoreanHalf;
        return Intern(known, absl::StrCat("gz:", e->id), e->canonical_name,
                      e->type, e->canonical_name, -1);
      }
    }
    const GazetteerMatch g = gazetteer_->Lookup(surface);
    if (g.entry != nullptr && TypesAgree(m.type, g.entry->type)) {
      if (!g.demonym) {
        *rule = LinkRule::kGazetteerName;
        return Intern(known, absl::StrCat("gz:", g.entry->id),
                      g.entry->canonical_name, g.entry->type, surface, k);
      }
      // A demonym names its country only where it stands for the state.
      // Plurals ("Russians") are people; an ambiguous one ("Korean") does
      // not say which country.
      if (!g.ambiguous && !IsPluralDemonym(surface, g.entry) &&
          DemonymDenotesState(text, m.end)) {
        *rule = LinkRule::kDemonymOfState;
        return Intern(known, absl::StrCat("gz:", g.entry->id),
                      g.entry->canonical_name, g.entry->type,
                      g.entry->canonical_name, -1);
      }
      *rule = LinkRule::kDemonymOther;
      return Unlinked(known, m.type, surface);
    }
    if (NameTokens(surface).size() >= 2 && !IsAcronym(surface)) {
      *rule = LinkRule::kOwnName;
      return Intern(known, DerivedId(m.type, NameKey(surface)), surface, m.type,
                    surface, k);
    }
    return -1;
  }

  // "Russians" when "Russian" is a demonym of the same entry.
  bool IsPluralDemonym(const std::string& surface,
                       const GazetteerEntry* entry) const {
    if (surface.size() < 2 || surface.back() != 's') return false;
    const GazetteerMatch singular =
        gazetteer_->Lookup(surface.substr(0, surface.size() - 1));
    return singular.entry == entry && singular.demonym;
  }

  // True when acronym mention `m` stands in parentheses right after
  // `name` (the previous mention, resolved to *r) and starts with its
  // first letter: "Ministry of Unification (MOU)". Records the acronym on
  // *r so that later bare uses link too.
  static bool DefinesAcronym(absl::string_view text, const ner::Mention& name,
                             const ner::Mention& m, const std::string& surface,
                             Resolved* r) {
    if (!IsAcronym(surface) || r->tokens.size() < 2 || r->initials.empty() ||
        !ParenthesizedAfter(text, name.end, m.begin, m.end)) {
      return false;
    }
    const std::string letters = UpperLetters(surface);
    if (letters.empty() || letters[0] != r->initials[0]) return false;
    r->acronym = letters;
    return true;
  }

  // A single-word or acronym mention (index `mention`): the article entity
  // it abbreviates, or a new entity of its own. Among several candidates
  // the one named most recently before the mention wins ("Kim" after "Kim
  // Jong Un" and before "Kim Yo Jong"); with none before it, the first one
  // named after it ("KCNA ... Korean Central News Agency").
  int ResolveShort(std::vector<Resolved>* known, v1::EntityType type,
                   const std::string& surface, int mention,
                   LinkRule* rule) const {
    std::vector<std::string> tokens = NameTokens(surface);
    const std::string letters =
        IsAcronym(surface) ? UpperLetters(surface) : std::string();
    int best = -1, best_before = -1, best_after = 1 << 30, candidates = 0;
    LinkRule best_rule = LinkRule::kUnresolved;
    for (size_t i = 0; i < known->size(); ++i) {
      const Resolved& r = (*known)[i];
      if (!r.target) continue;
      LinkRule how = LinkRule::kUnresolved;
      if (!letters.empty() && r.acronym == letters) {
        how = LinkRule::kDefinedAcronym;
      } else if (!letters.empty() && r.initials.size() >= 2 &&
                 r.initials == letters) {
        how = LinkRule::kInitials;
      } else if (r.type == type &&
                 IsShortForm(tokens, r.tokens, type == v1::PERSON)) {
        // Short forms join entities of their own type ("Korean Central"
        // is not "Korea").
        how = LinkRule::kShortFormBefore;
      }
      if (how == LinkRule::kUnresolved) continue;
      ++candidates;
      int before = -1, after = 1 << 30;
      for (int a : r.at) {
        if (a < mention) before = std::max(before, a);
        if (a > mention) after = std::min(after, a);
      }
      if (before > best_before ||
          (best_before < 0 && before < 0 && after < best_after)) {
        best = static_cast<int>(i);
        best_before = before;
        best_after = after;
        best_rule = how;
      }
    }
    if (best < 0) {
      *rule = LinkRule::kUnresolved;
      return Unlinked(known, type, surface);
    }
    if (best_rule == LinkRule::kShortFormBefore) {
      if (best_before < 0) {
        best_rule = LinkRule::kShortFormAfter;
      } else if (candidates > 1) {
        best_rule = LinkRule::kShortFormChoice;
      }
    }
    *rule = best_rule;
    return best;
  }

  Gazetteer owned_;
  const Gazetteer* gazetteer_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<EntityLinker>> EntityLinker::Create(
    const std::string& gazetteer_path) {
  if (gazetteer_path.empty()) {
    if (Gazetteer::BuiltIn().size() == 0) {
      return absl::InternalError("built-in gazetteer is empty or invalid");
    }
    return std::make_unique<GazetteerLinker>(&Gazetteer::BuiltIn());
  }
  auto gazetteer = Gazetteer::Load(gazetteer_path);
  if (!gazetteer.ok()) return gazetteer.status();
  return std::make_unique<GazetteerLinker>(*std::move(gazetteer));
}

}  // namespace newswire::linking
