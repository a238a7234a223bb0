// Subscriptions: saved searches on wire.enriched, read from a YAML file.
//
// File format (every key but `name` optional; see README.md):
//
//   subscriptions:
//     - name: lavrov-negative          # [a-z0-9-]+, unique; topic
//                                      # wire.sub.lavrov-negative
//       entities: ["Sergei Lavrov"]    # canonical names (case-insensitive)
//                                      # or canonical ids; any must occur
//       entity_sentiment_below: -0.1   # a listed entity that occurs has
//                                      # sentiment below this
//       keywords: ["nuclear"]          # any; whole words or phrases,
//                                      # case-insensitive, headline or body
//       types: [PERSON]                # an entity of any of these types
//       languages: [en]                # Article.language
//       sources: [agency-a]            # Article.source
//       categories: [POL]              # any Article.categories
//       priority_at_most: 3            # Article.priority <= this (1 flash)
//       sentiment_below: -0.2          # document sentiment score
//       sentiment_above: 0.2
//       verdicts: [UNIQUE]             # dedup verdict
//
// Every condition given must hold; a list holds if any element does. A
// subscription with no condition receives every record.
//
// Example:
//   ASSIGN_OR_RETURN(std::vector<Subscription> subs,
//                    LoadSubscriptionsFile("deploy/subscriptions.example.yaml"));
//
// Errors are InvalidArgument (reason "subscriptions.invalid") naming the
// line and field, e.g. "line 4: subscriptions[1].name: "Bad" must match
// [a-z0-9-]+". No exceptions escape (yaml-cpp's are caught here).
#ifndef NEWSWIRE_SERVICES_ROUTE_SUBSCRIPTION_H_
#define NEWSWIRE_SERVICES_ROUTE_SUBSCRIPTION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::route {

struct Subscription {
  std::string name;
  // As written in the file.
  std::vector<std::string> entities;
  std::optional<double> entity_sentiment_below;
  std::vector<std::string> keywords;
  std::vector<v1::EntityType> types;
  std::vector<std::string> languages;
  std::vector<std::string> sources;
  std::vector<std::string> categories;
  std::optional<int> priority_at_most;
  std::optional<double> sentiment_below;
  std::optional<double> sentiment_above;
  std::vector<v1::Verdict> verdicts;
};

// Parses the YAML text of a subscriptions file. An empty list is valid.
absl::StatusOr<std::vector<Subscription>> ParseSubscriptions(
    absl::string_view yaml);

// Reads and parses `path`; errors start with the path.
absl::StatusOr<std::vector<Subscription>> LoadSubscriptionsFile(
    const std::string& path);

// True for a valid subscription name: [a-z0-9-]+, at most 200 bytes.
bool IsValidSubscriptionName(absl::string_view name);

}  // namespace newswire::route

#endif  // NEWSWIRE_SERVICES_ROUTE_SUBSCRIPTION_H_
