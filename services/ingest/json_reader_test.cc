#include "services/ingest/json_reader.h"

#include <string>

#include "common/status/reason.h"
#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

std::string ReasonFor(absl::string_view json,
                      JsonLimits limits = JsonLimits()) {
  return ReasonOf(ParseJson(json, limits).status());
}

TEST(JsonReaderTest, ParsesAllValueTypes) {
  absl::StatusOr<JsonValue> v = ParseJson(
      "\xEF\xBB\xBF {\"s\": \"a\\\"b\\n\\u00e9\\ud83d\\ude00\", \"n\": -1.5e2,"
      " \"t\": true, \"f\": false, \"z\": null, \"a\": [1, \"x\", {}],"
      " \"s\": \"dup\"}",
      JsonLimits());
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_TRUE(v->is_object());
  EXPECT_EQ(v->StringOr("s"), "a\"b\n\xC3\xA9\xF0\x9F\x98\x80");  // first dup
  EXPECT_DOUBLE_EQ(v->Find("n")->number(), -150);
  EXPECT_TRUE(v->Find("t")->boolean());
  EXPECT_EQ(v->Find("f")->type(), JsonValue::Type::kBool);
  EXPECT_FALSE(v->Find("f")->boolean());
  EXPECT_EQ(v->Find("z")->type(), JsonValue::Type::kNull);
  ASSERT_EQ(v->Find("a")->items().size(), 3u);
  EXPECT_TRUE(v->Find("a")->items()[2].is_object());
  EXPECT_EQ(v->Find("missing"), nullptr);
  EXPECT_EQ(v->StringOr("n"), "");
}

TEST(JsonReaderTest, LoneSurrogateIsReplaced) {
  absl::StatusOr<JsonValue> v = ParseJson("\"\\ud800x\"", JsonLimits());
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->str(), "\xEF\xBF\xBDx");
}

TEST(JsonReaderTest, ReportsTruncation) {
  EXPECT_EQ(ReasonFor(""), "json.truncated");
  EXPECT_EQ(ReasonFor("{\"a\": "), "json.truncated");
  EXPECT_EQ(ReasonFor("{\"a\": \"unterminated"), "json.truncated");
  EXPECT_EQ(ReasonFor("[1, 2"), "json.truncated");
  EXPECT_EQ(ReasonFor("tru"), "json.truncated");
  EXPECT_EQ(ReasonFor("\"\\u12"), "json.truncated");
}

TEST(JsonReaderTest, ReportsMalformedInput) {
  EXPECT_EQ(ReasonFor("{\"a\": 1,}"), "json.malformed");
  EXPECT_EQ(ReasonFor("{a: 1}"), "json.malformed");
  EXPECT_EQ(ReasonFor("[1] 2"), "json.malformed");
  EXPECT_EQ(ReasonFor("\"tab\there\""), "json.malformed");
  EXPECT_EQ(ReasonFor("\"\\q\""), "json.malformed");
  EXPECT_EQ(ReasonFor("nul!"), "json.malformed");
  EXPECT_EQ(ReasonFor("-"), "json.truncated");
  EXPECT_EQ(ReasonFor("@"), "json.malformed");
}

TEST(JsonReaderTest, EnforcesDepthLimit) {
  JsonLimits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(ParseJson("[[[1]]]", limits).ok());
  EXPECT_EQ(ReasonFor("[[[[1]]]]", limits), "json.too_deep");
  EXPECT_EQ(ReasonFor(std::string(100000, '['), JsonLimits()), "json.too_deep");
}

}  // namespace
}  // namespace newswire::ingest
