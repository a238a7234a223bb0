// The per-document entity summary: one EntitySummary per canonical entity,
// with its mention count, first offset, salience and sentiment.
//
// Salience (also documented on v1::EntitySummary): each mention weighs
// 1 - 0.5 * begin / body_size (1 at the top of the body, 0.5 at its end); an
// entity whose canonical name or any mention text occurs in the headline
// gets 1 more; the entity's salience is its weight over the sum of all
// entities' weights, so an article's saliences sum to 1.
//
// Example:
//   std::vector<v1::EntitySummary> s = SummarizeEntities(
//       record.article().headline(), record.article().body(),
//       record.entities());
//
// Thread-safety: a pure function.
#ifndef NEWSWIRE_SERVICES_ENRICH_ENTITY_SUMMARY_H_
#define NEWSWIRE_SERVICES_ENRICH_ENTITY_SUMMARY_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_field.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::enrich {

// Groups `entities` (mentions in `body`, with canonical ids and sentiment
// set) by canonical_id (by canonical_name, then text, when the id is empty).
// Returns the entries most salient first; ties keep first-mention order.
std::vector<v1::EntitySummary> SummarizeEntities(
    absl::string_view headline, absl::string_view body,
    const google::protobuf::RepeatedPtrField<v1::Entity>& entities);

}  // namespace newswire::enrich

#endif  // NEWSWIRE_SERVICES_ENRICH_ENTITY_SUMMARY_H_
