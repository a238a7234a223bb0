#include "services/ingest/ninjs_parser.h"

#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "services/ingest/testing/fixtures.h"

namespace newswire::ingest {
namespace {

TEST(NinjsParserTest, Version1Fixture) {
  absl::StatusOr<v1::Article> a =
      ParseNinjs(testing::ReadFixture("good/ninjs.json"), JsonLimits());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->provider_id(),
            "http://newswire.test/ninjs/2026/11/24/library-fire");
  EXPECT_EQ(a->version(), 2);
  EXPECT_EQ(a->priority(), 3);
  EXPECT_EQ(a->published_time().seconds(), 1795518000);  // +01:00 applied
  EXPECT_EQ(a->body().find('<'), std::string::npos);
}

TEST(NinjsParserTest, Version2Fixture) {
  absl::StatusOr<v1::Article> a =
      ParseNinjs(testing::ReadFixture("good/ninjs_v2.json"), JsonLimits());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->headline(), "Zoo in Talstadt bekommt zwei neue Pandas");
  EXPECT_EQ(a->byline(), "Von Klara Hoffmann");
  EXPECT_EQ(a->version(), 1);
  EXPECT_EQ(a->located(), "Talstadt");
  EXPECT_TRUE(a->language().empty());  // identified later by IngestRaw
}

TEST(NinjsParserTest, BodyTextBeatsHtmlAndCanceled) {
  absl::StatusOr<v1::Article> a = ParseNinjs(
      "{\"uri\":\"u\",\"pubstatus\":\"canceled\",\"body_text\":\"Plain.\","
      "\"body_html\":\"<p>Html</p>\",\"bodies\":[{\"value\":\"<p>x</p>\"}]}",
      JsonLimits());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->body(), "Plain.");
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_CANCELED);
  a = ParseNinjs(
      "{\"bodies\":[{\"role\":\"summary\",\"value\":\"S\"},"
      "{\"role\":\"main\",\"value\":\"<p>M</p>\"}],"
      "\"urgency\": 1e300}",
      JsonLimits());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->body(), "M");
  EXPECT_EQ(a->priority(), 0);
}

TEST(NinjsParserTest, Errors) {
  EXPECT_EQ(ReasonOf(ParseNinjs("[1]", JsonLimits()).status()),
            "ninjs.not_object");
  EXPECT_EQ(ReasonOf(ParseNinjs("{\"uri\": ", JsonLimits()).status()),
            "json.truncated");
}

}  // namespace
}  // namespace newswire::ingest
