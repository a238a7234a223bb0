#include "services/enrich/entity_summary.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_map.h"

namespace newswire::enrich {

std::vector<v1::EntitySummary> SummarizeEntities(
    absl::string_view headline, absl::string_view body,
    const google::protobuf::RepeatedPtrField<v1::Entity>& entities) {
  std::vector<v1::EntitySummary> out;
  std::vector<double> weight;
  std::vector<bool> in_headline;
  absl::flat_hash_map<std::string, size_t> index;
  const double size = body.empty() ? 1.0 : static_cast<double>(body.size());
  for (const v1::Entity& e : entities) {
    const std::string& key = !e.canonical_id().empty()     ? e.canonical_id()
                             : !e.canonical_name().empty() ? e.canonical_name()
                                                           : e.text();
    auto [it, inserted] = index.try_emplace(key, out.size());
    if (inserted) {
      v1::EntitySummary s;
      s.set_canonical_id(e.canonical_id());
      s.set_canonical_name(e.canonical_name().empty() ? e.text()
                                                      : e.canonical_name());
      s.set_type(e.type());
      s.set_first_begin(e.begin());
      *s.mutable_sentiment() = e.sentiment();
      out.push_back(std::move(s));
      weight.push_back(0.0);
      in_headline.push_back(!headline.empty() &&
                            headline.find(out.back().canonical_name()) !=
                                absl::string_view::npos);
    }
    const size_t i = it->second;
    v1::EntitySummary& s = out[i];
    s.set_mentions(s.mentions() + 1);
    if (e.begin() < s.first_begin()) s.set_first_begin(e.begin());
    weight[i] += 1.0 - 0.5 * std::min(1.0, e.begin() / size);
    if (!in_headline[i] && !e.text().empty() &&
        headline.find(e.text()) != absl::string_view::npos) {
      in_headline[i] = true;
    }
  }
  double total = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if (in_headline[i]) weight[i] += 1.0;
    total += weight[i];
  }
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].set_salience(total > 0 ? weight[i] / total : 0.0);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const v1::EntitySummary& a, const v1::EntitySummary& b) {
                     return a.salience() > b.salience();
                   });
  return out;
}

}  // namespace newswire::enrich
