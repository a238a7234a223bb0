#include "services/enrich/linking/entity_linker.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/text/hash.h"
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

// True if `part` is a run of whole tokens at the start or end of `whole`
// and shorter than it: "Lavrov" in "Sergei Lavrov", "Kim" in "Kim Jong Un".
bool IsShortForm(const std::vector<std::string>& part,
                 const std::vector<std::string>& whole) {
  if (part.empty() || part.size() >= whole.size()) return false;
  return std::equal(part.begin(), part.end(), whole.begin()) ||
         std::equal(part.rbegin(), part.rend(), whole.rbegin());
}

// What the linker knows about one entity of the article.
struct Resolved {
  std::string id;
  std::string name;
  v1::EntityType type;
  std::vector<std::string> tokens;  // NameTokens of the longest surface
  std::string initials;
  std::vector<int> at;  // indices of the mentions that named it in full
};

class GazetteerLinker : public EntityLinker {
 public:
  explicit GazetteerLinker(Gazetteer gazetteer)
      : owned_(std::move(gazetteer)), gazetteer_(&owned_) {}
  explicit GazetteerLinker(const Gazetteer* shared) : gazetteer_(shared) {}

  std::vector<v1::Entity> Link(
      absl::string_view text,
      const std::vector<ner::Mention>& mentions) const override {
    // Pass 1: full names (multi-word or gazetteer) define the article's
    // entities; pass 2 attaches short forms and acronyms to them.
    std::vector<Resolved> known;
    std::vector<int> of(mentions.size(), -1);
    std::vector<std::string> surfaces(mentions.size());
    for (size_t k = 0; k < mentions.size(); ++k) {
      const ner::Mention& m = mentions[k];
      if (m.end > text.size() || m.begin >= m.end) continue;
      surfaces[k] = CleanSurface(text.substr(m.begin, m.end - m.begin));
      if (const GazetteerEntry* e = gazetteer_->Find(surfaces[k])) {
        of[k] = Intern(&known, absl::StrCat("gz:", e->id), e->canonical_name,
                       e->type, surfaces[k], static_cast<int>(k));
        continue;
      }
      std::vector<std::string> tokens = NameTokens(surfaces[k]);
      if (tokens.size() >= 2 && !IsAcronym(surfaces[k])) {
        of[k] = Intern(&known, DerivedId(m.type, NameKey(surfaces[k])),
                       surfaces[k], m.type, surfaces[k], static_cast<int>(k));
      }
    }
    std::vector<v1::Entity> out;
    out.reserve(mentions.size());
    for (size_t k = 0; k < mentions.size(); ++k) {
      const ner::Mention& m = mentions[k];
      if (m.end > text.size() || m.begin >= m.end) continue;
      if (of[k] < 0) {
        of[k] = ResolveShort(&known, m.type, surfaces[k], static_cast<int>(k));
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
      out.push_back(std::move(e));
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
    known->push_back(
        {std::move(id), name, type, std::move(tokens), Initials(name), {}});
    if (mention >= 0) known->back().at.push_back(mention);
    return static_cast<int>(known->size() - 1);
  }

  // A single-word or acronym mention (index `mention`): the article entity
  // it abbreviates, or a new entity of its own. Among several candidates
  // the one named most recently before the mention wins ("Kim" after "Kim
  // Jong Un" and before "Kim Yo Jong"); with none before it, the first one
  // named after it ("KCNA ... Korean Central News Agency").
  int ResolveShort(std::vector<Resolved>* known, v1::EntityType type,
                   const std::string& surface, int mention) const {
    std::vector<std::string> tokens = NameTokens(surface);
    std::string letters;
    if (IsAcronym(surface)) {
      for (char c : surface) {
        if (absl::ascii_isupper(c)) letters.push_back(c);
      }
    }
    int best = -1, best_before = -1, best_after = 1 << 30;
    for (size_t i = 0; i < known->size(); ++i) {
      const Resolved& r = (*known)[i];
      bool match =
          !letters.empty() && r.initials.size() >= 2 && r.initials == letters;
      // Short forms join entities of their own type ("Korean Central" is
      // not "Korea").
      if (!match && r.type == type) match = IsShortForm(tokens, r.tokens);
      if (!match) continue;
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
      }
    }
    if (best >= 0) return best;
    std::string key = NameKey(surface);
    return Intern(known, DerivedId(type, key.empty() ? surface : key), surface,
                  type, surface, -1);
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
