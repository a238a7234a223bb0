#include "services/enrich/ner/entity_tagger.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace newswire::ner {
namespace {

// Baseline: runs of capitalized words that do not start a sentence, typed
// MISC. The trained tagger replaces it.
class CapitalizedRunTagger : public EntityTagger {
 public:
  std::vector<Mention> Tag(absl::string_view text) const override {
    std::vector<Mention> out;
    size_t i = 0;
    const size_t n = text.size();
    bool sentence_start = true;
    while (i < n) {
      while (i < n && !absl::ascii_isalpha(text[i])) {
        if (text[i] == '.' || text[i] == '\n') sentence_start = true;
        ++i;
      }
      size_t begin = i, end = i;
      while (i < n && absl::ascii_isupper(text[i])) {
        size_t j = i;
        while (j < n && (absl::ascii_isalpha(text[j]) || text[j] == '-')) ++j;
        end = j;
        i = j;
        if (i < n && text[i] == ' ' && i + 1 < n &&
            absl::ascii_isupper(text[i + 1])) {
          ++i;
          continue;
        }
        break;
      }
      if (end > begin && !sentence_start) {
        out.push_back({static_cast<uint32_t>(begin),
                       static_cast<uint32_t>(end), v1::MISC, 0.5f});
      }
      sentence_start = false;
      while (i < n && absl::ascii_isalpha(text[i])) ++i;
    }
    return out;
  }
};

}  // namespace

absl::StatusOr<std::unique_ptr<EntityTagger>> EntityTagger::Load(
    const std::string& model_path) {
  if (!model_path.empty()) {
    return absl::UnimplementedError(
        absl::StrCat("no trained tagger is built in yet: ", model_path));
  }
  return std::make_unique<CapitalizedRunTagger>();
}

}  // namespace newswire::ner
