// A small JSON reader (RFC 8259) for ninjs documents.
//
// Builds a tree of JsonValue from UTF-8 input with a nesting limit. Numbers
// are kept as doubles; "\u" escapes are decoded (a lone surrogate becomes
// U+FFFD). Duplicate object keys are kept in order; Find() returns the first.
//
// Example:
//   ASSIGN_OR_RETURN(JsonValue doc, ParseJson(text, JsonLimits()));
//   const JsonValue* headline = doc.Find("headline");
//   if (headline != nullptr && headline->is_string()) use(headline->str());
//
// Errors (InvalidArgument with a reason code): "json.truncated",
// "json.too_deep", "json.malformed" (with the byte offset in the message).
// Thread-safety: a parsed value is immutable and safe to share.
#ifndef NEWSWIRE_SERVICES_INGEST_JSON_READER_H_
#define NEWSWIRE_SERVICES_INGEST_JSON_READER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newswire::ingest {

struct JsonLimits {
  // Arrays/objects nested deeper than this are rejected as "json.too_deep".
  int max_depth = 64;
};

class JsonValue {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  JsonValue() = default;

  Type type() const { return type_; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_object() const { return type_ == Type::kObject; }
  bool is_array() const { return type_ == Type::kArray; }

  bool boolean() const { return bool_; }
  double number() const { return number_; }
  const std::string& str() const { return string_; }
  const std::vector<JsonValue>& items() const { return items_; }
  const std::vector<std::pair<std::string, JsonValue>>& members() const {
    return members_;
  }

  // The first member named `key` of an object, or null (also for
  // non-objects).
  const JsonValue* Find(absl::string_view key) const;
  // The member's string value, or "" when it is absent or not a string.
  absl::string_view StringOr(absl::string_view key) const;

 private:
  friend class JsonParser;

  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> items_;
  std::vector<std::pair<std::string, JsonValue>> members_;
};

// Parses one JSON value (surrounding whitespace allowed, an optional BOM
// skipped).
absl::StatusOr<JsonValue> ParseJson(absl::string_view text,
                                    const JsonLimits& limits);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_JSON_READER_H_
