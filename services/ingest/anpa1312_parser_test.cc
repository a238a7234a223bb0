#include "services/ingest/anpa1312_parser.h"

#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "services/ingest/testing/fixtures.h"
#include "services/ingest/text_util.h"

namespace newswire::ingest {
namespace {

TEST(Anpa1312ParserTest, FixtureFieldsAndLatin1) {
  absl::StatusOr<v1::Article> a = ParseAnpa1312(
      Windows1252ToUtf8(testing::ReadFixture("good/anpa1312.txt")));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->priority(), 3);
  EXPECT_EQ(a->slugline(), "bc-Museum-Reopens");
  EXPECT_EQ(a->provider_id(), "Museum-Reopens");
  EXPECT_EQ(a->version(), 2);
  EXPECT_EQ(a->headline(),
            "Glass museum reopens in Z\xC3\xBCrich after fire repairs");
  EXPECT_EQ(a->byline(), "By Henrike Ma\xC3\x9F, Newswire Test Agency Writer");
  EXPECT_EQ(a->editor_note(), "Photos will move separately.");
  EXPECT_EQ(a->published_time().seconds(), 1795192920);  // 2026-11-20 16:42Z
  EXPECT_NE(a->body().find("caf\xC3\xA9"), std::string::npos);
  EXPECT_EQ(a->body().find("GMT"), std::string::npos);
  EXPECT_EQ(a->body().find('^'), std::string::npos);
}

TEST(Anpa1312ParserTest, PrioritiesAndKill) {
  absl::StatusOr<v1::Article> a = ParseAnpa1312(
      "\x16\x16\x01"
      "b0001 f a am-Quake Kill 11-20 0010\n\x02^KILL "
      "Quake<\n   Kill the story.\n\x03");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->priority(), 1);
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(a->provider_id(), "Quake");
  a = ParseAnpa1312(
      "\x01"
      "0002 r s pm-Match 11-20 0010\n\x02^Match "
      "report<\n   Body.\n\x03");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->priority(), 5);
  EXPECT_EQ(a->version(), 0);  // IngestRaw fills the default
}

TEST(Anpa1312ParserTest, BadHeader) {
  EXPECT_EQ(ReasonOf(ParseAnpa1312("\x01"
                                   "a0001\n\x02x\x03")
                         .status()),
            "anpa1312.bad_header");
  EXPECT_EQ(ReasonOf(ParseAnpa1312("\x01"
                                   "a0001 r a 11-20\n\x02x\x03")
                         .status()),
            "anpa1312.bad_header");
  EXPECT_EQ(ReasonOf(ParseAnpa1312("\x01"
                                   "abc r a slug\n\x02x\x03")
                         .status()),
            "anpa1312.bad_header");
  EXPECT_EQ(ReasonOf(ParseAnpa1312("\x16\x16\x01"
                                   "a0001 r a slug\n\x02x")
                         .status()),
            "framing.truncated");
}

}  // namespace
}  // namespace newswire::ingest
