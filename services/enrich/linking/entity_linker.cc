#include "services/enrich/linking/entity_linker.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/text/hash.h"

namespace newswire::linking {
namespace {

// Baseline: the canonical name is the mention text; the id hashes its lower
// case and type. The gazetteer-backed linker replaces it.
class NameHashLinker : public EntityLinker {
 public:
  std::vector<v1::Entity> Link(
      absl::string_view text,
      const std::vector<ner::Mention>& mentions) const override {
    std::vector<v1::Entity> out;
    out.reserve(mentions.size());
    for (const ner::Mention& m : mentions) {
      v1::Entity e;
      e.set_text(std::string(text.substr(m.begin, m.end - m.begin)));
      e.set_type(m.type);
      e.set_begin(m.begin);
      e.set_end(m.end);
      e.set_confidence(m.confidence);
      e.set_canonical_name(e.text());
      e.set_canonical_id(absl::StrCat(
          "nw:", FingerprintHex(Fingerprint64(
                     absl::StrCat(static_cast<int>(m.type), ":",
                                  absl::AsciiStrToLower(e.text()))))));
      out.push_back(std::move(e));
    }
    return out;
  }
};

}  // namespace

absl::StatusOr<std::unique_ptr<EntityLinker>> EntityLinker::Create(
    const std::string& gazetteer_path) {
  if (!gazetteer_path.empty()) {
    return absl::UnimplementedError("no gazetteer support yet");
  }
  return std::make_unique<NameHashLinker>();
}

}  // namespace newswire::linking
