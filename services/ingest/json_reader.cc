#include "services/ingest/json_reader.h"

#include <cstdlib>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/reason.h"
#include "common/status/status_macros.h"
#include "services/ingest/text_util.h"

namespace newswire::ingest {

const JsonValue* JsonValue::Find(absl::string_view key) const {
  for (const auto& [name, value] : members_) {
    if (name == key) return &value;
  }
  return nullptr;
}

absl::string_view JsonValue::StringOr(absl::string_view key) const {
  const JsonValue* v = Find(key);
  return v != nullptr && v->is_string() ? absl::string_view(v->str())
                                        : absl::string_view();
}

// Recursive descent; recursion depth is bounded by JsonLimits::max_depth.
class JsonParser {
 public:
  JsonParser(absl::string_view in, const JsonLimits& limits)
      : in_(in), limits_(limits) {}

  absl::StatusOr<JsonValue> Run() {
    if (absl::StartsWith(in_, "\xEF\xBB\xBF")) pos_ = 3;
    JsonValue root;
    RETURN_IF_ERROR(Value(&root, 0));
    SkipSpace();
    if (pos_ != in_.size()) return Error("json.malformed", "trailing data");
    return root;
  }

 private:
  absl::Status Error(absl::string_view code, absl::string_view what) const {
    return InvalidRecord(code, absl::StrCat(what, " at byte ", pos_));
  }
  absl::Status Truncated() const {
    return Error("json.truncated", "input ends inside a value");
  }

  void SkipSpace() {
    while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\n' ||
                                 in_[pos_] == '\r' || in_[pos_] == '\t')) {
      ++pos_;
    }
  }

  absl::Status Value(JsonValue* out, int depth) {
    SkipSpace();
    if (pos_ >= in_.size()) return Truncated();
    char c = in_[pos_];
    switch (c) {
      case '{':
      case '[':
        if (depth >= limits_.max_depth) {
          return Error("json.too_deep",
                       absl::StrCat("nested deeper than ", limits_.max_depth));
        }
        return c == '{' ? Object(out, depth + 1) : Array(out, depth + 1);
      case '"':
        out->type_ = JsonValue::Type::kString;
        return String(&out->string_);
      case 't':
        out->type_ = JsonValue::Type::kBool;
        out->bool_ = true;
        return Literal("true");
      case 'f':
        out->type_ = JsonValue::Type::kBool;
        return Literal("false");
      case 'n':
        return Literal("null");
      default:
        return Number(out);
    }
  }

  absl::Status Literal(absl::string_view word) {
    absl::string_view rest = in_.substr(pos_);
    if (absl::StartsWith(rest, word)) {
      pos_ += word.size();
      return absl::OkStatus();
    }
    if (absl::StartsWith(word, rest)) return Truncated();
    return Error("json.malformed", "unexpected character");
  }

  absl::Status Number(JsonValue* out) {
    size_t start = pos_;
    if (pos_ < in_.size() && in_[pos_] == '-') ++pos_;
    while (pos_ < in_.size() &&
           (absl::ascii_isdigit(in_[pos_]) || in_[pos_] == '.' ||
            in_[pos_] == 'e' || in_[pos_] == 'E' || in_[pos_] == '+' ||
            in_[pos_] == '-')) {
      ++pos_;
    }
    absl::string_view text = in_.substr(start, pos_ - start);
    if (text.empty() || !absl::ascii_isdigit(text.back()) ||
        !absl::SimpleAtod(text, &out->number_)) {
      if (pos_ >= in_.size()) return Truncated();
      pos_ = start;
      return Error("json.malformed", "unexpected character");
    }
    out->type_ = JsonValue::Type::kNumber;
    return absl::OkStatus();
  }

  // Reads four hex digits after "\u".
  absl::StatusOr<uint32_t> Hex4() {
    if (pos_ + 4 > in_.size()) return Truncated();
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = in_[pos_++];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return Error("json.malformed", "bad \\u escape");
      }
      v = v * 16 + d;
    }
    return v;
  }

  absl::Status String(std::string* out) {
    ++pos_;  // opening quote
    while (true) {
      size_t run = pos_;
      while (pos_ < in_.size() && in_[pos_] != '"' && in_[pos_] != '\\' &&
             static_cast<unsigned char>(in_[pos_]) >= 0x20) {
        ++pos_;
      }
      out->append(in_.data() + run, pos_ - run);
      if (pos_ >= in_.size()) return Truncated();
      char c = in_[pos_++];
      if (c == '"') return absl::OkStatus();
      if (c != '\\') {
        --pos_;
        return Error("json.malformed", "control character in string");
      }
      if (pos_ >= in_.size()) return Truncated();
      char e = in_[pos_++];
      switch (e) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case '/':
          out->push_back('/');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          ASSIGN_OR_RETURN(uint32_t cp, Hex4());
          if (cp >= 0xD800 && cp <= 0xDBFF &&
              absl::StartsWith(in_.substr(pos_), "\\u")) {
            size_t save = pos_;
            pos_ += 2;
            ASSIGN_OR_RETURN(uint32_t lo, Hex4());
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              pos_ = save;  // lone high surrogate; AppendCodePoint repairs
            }
          }
          AppendCodePoint(cp, out);
          break;
        }
        default:
          --pos_;
          return Error("json.malformed", "bad escape");
      }
    }
  }

  absl::Status Array(JsonValue* out, int depth) {
    out->type_ = JsonValue::Type::kArray;
    ++pos_;
    SkipSpace();
    if (pos_ < in_.size() && in_[pos_] == ']') {
      ++pos_;
      return absl::OkStatus();
    }
    while (true) {
      out->items_.emplace_back();
      RETURN_IF_ERROR(Value(&out->items_.back(), depth));
      SkipSpace();
      if (pos_ >= in_.size()) return Truncated();
      char c = in_[pos_++];
      if (c == ']') return absl::OkStatus();
      if (c != ',') {
        --pos_;
        return Error("json.malformed", "expected ',' or ']'");
      }
    }
  }

  absl::Status Object(JsonValue* out, int depth) {
    out->type_ = JsonValue::Type::kObject;
    ++pos_;
    SkipSpace();
    if (pos_ < in_.size() && in_[pos_] == '}') {
      ++pos_;
      return absl::OkStatus();
    }
    while (true) {
      SkipSpace();
      if (pos_ >= in_.size()) return Truncated();
      if (in_[pos_] != '"') return Error("json.malformed", "expected a key");
      out->members_.emplace_back();
      auto& member = out->members_.back();
      RETURN_IF_ERROR(String(&member.first));
      SkipSpace();
      if (pos_ >= in_.size()) return Truncated();
      if (in_[pos_] != ':') return Error("json.malformed", "expected ':'");
      ++pos_;
      RETURN_IF_ERROR(Value(&member.second, depth));
      SkipSpace();
      if (pos_ >= in_.size()) return Truncated();
      char c = in_[pos_++];
      if (c == '}') return absl::OkStatus();
      if (c != ',') {
        --pos_;
        return Error("json.malformed", "expected ',' or '}'");
      }
    }
  }

  absl::string_view in_;
  const JsonLimits limits_;
  size_t pos_ = 0;
};

absl::StatusOr<JsonValue> ParseJson(absl::string_view text,
                                    const JsonLimits& limits) {
  return JsonParser(text, limits).Run();
}

}  // namespace newswire::ingest
