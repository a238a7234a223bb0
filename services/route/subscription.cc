#include "services/route/subscription.h"

#include <exception>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/io/file.h"
#include "common/status/reason.h"
#include "yaml-cpp/yaml.h"

namespace newswire::route {
namespace {

constexpr char kReason[] = "subscriptions.invalid";

absl::Status Invalid(const YAML::Node& node, const std::string& field,
                     absl::string_view what) {
  std::string where;
  if (node.IsDefined() && node.Mark().line >= 0) {
    where = absl::StrCat("line ", node.Mark().line + 1, ": ");
  }
  return InvalidRecord(kReason, absl::StrCat(where, field, ": ", what));
}

absl::StatusOr<std::string> Scalar(const YAML::Node& node,
                                   const std::string& field) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    return Invalid(node, field, "must be a non-empty string");
  }
  return node.Scalar();
}

absl::StatusOr<double> Number(const YAML::Node& node,
                              const std::string& field) {
  double v;
  if (!node.IsScalar() || !absl::SimpleAtod(node.Scalar(), &v)) {
    return Invalid(node, field, "must be a number");
  }
  return v;
}

absl::StatusOr<std::vector<std::string>> StringList(const YAML::Node& node,
                                                    const std::string& field) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    auto s = Scalar(node, field);
    if (!s.ok()) return s.status();
    out.push_back(*s);
    return out;
  }
  if (!node.IsSequence() || node.size() == 0) {
    return Invalid(node, field, "must be a non-empty list of strings");
  }
  for (size_t i = 0; i < node.size(); ++i) {
    auto s = Scalar(node[i], absl::StrCat(field, "[", i, "]"));
    if (!s.ok()) return s.status();
    out.push_back(*s);
  }
  return out;
}

template <typename Enum>
absl::StatusOr<std::vector<Enum>> EnumList(const YAML::Node& node,
                                           const std::string& field,
                                           bool (*parse)(const std::string&,
                                                         Enum*)) {
  auto names = StringList(node, field);
  if (!names.ok()) return names.status();
  std::vector<Enum> out;
  for (const std::string& n : *names) {
    Enum e;
    if (!parse(n, &e) || static_cast<int>(e) == 0) {
      return Invalid(node, field, absl::StrCat("unknown value \"", n, "\""));
    }
    out.push_back(e);
  }
  return out;
}

absl::StatusOr<Subscription> ParseOne(const YAML::Node& node,
                                      const std::string& at) {
  if (!node.IsMap()) return Invalid(node, at, "must be a mapping");
  Subscription sub;
  absl::Status status;
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    const std::string field = absl::StrCat(at, ".", key);
    auto set_list = [&](std::vector<std::string>* out) {
      auto l = StringList(v, field);
      if (!l.ok()) return l.status();
      *out = *std::move(l);
      return absl::OkStatus();
    };
    auto set_number = [&](std::optional<double>* out) {
      auto n = Number(v, field);
      if (n.ok()) *out = *n;
      return n.status();
    };
    if (key == "name") {
      auto n = Scalar(v, field);
      if (!n.ok()) return n.status();
      if (!IsValidSubscriptionName(*n)) {
        return Invalid(v, field,
                       absl::StrCat("\"", *n, "\" must match [a-z0-9-]+"));
      }
      sub.name = *n;
    } else if (key == "entities") {
      status = set_list(&sub.entities);
    } else if (key == "keywords") {
      status = set_list(&sub.keywords);
    } else if (key == "languages") {
      status = set_list(&sub.languages);
    } else if (key == "sources") {
      status = set_list(&sub.sources);
    } else if (key == "categories") {
      status = set_list(&sub.categories);
    } else if (key == "entity_sentiment_below") {
      status = set_number(&sub.entity_sentiment_below);
    } else if (key == "sentiment_below") {
      status = set_number(&sub.sentiment_below);
    } else if (key == "sentiment_above") {
      status = set_number(&sub.sentiment_above);
    } else if (key == "priority_at_most") {
      int p;
      if (!v.IsScalar() || !absl::SimpleAtoi(v.Scalar(), &p) || p < 1 ||
          p > 9) {
        return Invalid(v, field, "must be an integer from 1 to 9");
      }
      sub.priority_at_most = p;
    } else if (key == "types") {
      auto t = EnumList<v1::EntityType>(v, field, &v1::EntityType_Parse);
      if (!t.ok()) return t.status();
      sub.types = *std::move(t);
    } else if (key == "verdicts") {
      auto t = EnumList<v1::Verdict>(v, field, &v1::Verdict_Parse);
      if (!t.ok()) return t.status();
      sub.verdicts = *std::move(t);
    } else {
      return Invalid(kv.first, field, "unknown field");
    }
    if (!status.ok()) return status;
  }
  if (sub.name.empty()) return Invalid(node, at, "missing field \"name\"");
  if (sub.entity_sentiment_below && sub.entities.empty()) {
    return Invalid(node, at + ".entity_sentiment_below",
                   "needs \"entities\" to say which entity");
  }
  return sub;
}

absl::StatusOr<std::vector<Subscription>> ParseRoot(const YAML::Node& root) {
  std::vector<Subscription> subs;
  if (!root.IsDefined() || root.IsNull()) return subs;  // empty file
  if (!root.IsMap()) return Invalid(root, "(top level)", "must be a mapping");
  for (const auto& kv : root) {
    if (kv.first.Scalar() != "subscriptions") {
      return Invalid(kv.first, kv.first.Scalar(), "unknown field");
    }
  }
  const YAML::Node list = root["subscriptions"];
  if (!list.IsDefined() || list.IsNull()) return subs;
  if (!list.IsSequence()) {
    return Invalid(list, "subscriptions", "must be a list");
  }
  absl::flat_hash_set<std::string> names;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = absl::StrCat("subscriptions[", i, "]");
    auto sub = ParseOne(list[i], at);
    if (!sub.ok()) return sub.status();
    if (!names.insert(sub->name).second) {
      return Invalid(list[i]["name"], at + ".name",
                     absl::StrCat("\"", sub->name, "\" is used twice"));
    }
    subs.push_back(*std::move(sub));
  }
  return subs;
}

}  // namespace

bool IsValidSubscriptionName(absl::string_view name) {
  if (name.empty() || name.size() > 200) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

absl::StatusOr<std::vector<Subscription>> ParseSubscriptions(
    absl::string_view yaml) {
  // yaml-cpp reports errors by throwing; this is the one place they are
  // caught and turned into a Status.
  try {
    return ParseRoot(YAML::Load(std::string(yaml)));
  } catch (const YAML::Exception& e) {
    return InvalidRecord(
        kReason, absl::StrCat("line ", e.mark.line + 1, ": YAML: ", e.msg));
  } catch (const std::exception& e) {
    return InvalidRecord(kReason, absl::StrCat("YAML: ", e.what()));
  }
}

absl::StatusOr<std::vector<Subscription>> LoadSubscriptionsFile(
    const std::string& path) {
  absl::StatusOr<std::string> text = ReadFileToString(path);
  if (!text.ok()) return text.status();
  auto subs = ParseSubscriptions(*text);
  if (!subs.ok()) {
    return WithReason(absl::InvalidArgumentError(
                          absl::StrCat(path, ": ", subs.status().message())),
                      kReason);
  }
  return subs;
}

}  // namespace newswire::route
