#include "services/ingest/iptc7901_parser.h"

#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "services/ingest/testing/fixtures.h"

namespace newswire::ingest {
namespace {

TEST(Iptc7901ParserTest, HeaderSluglineHeadlineBody) {
  absl::StatusOr<v1::Article> a =
      ParseIptc7901(testing::ReadFixture("good/iptc7901.txt"));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->priority(), 3);
  ASSERT_EQ(a->categories_size(), 1);
  EXPECT_EQ(a->categories(0), "pol");
  EXPECT_EQ(a->slugline(), "ELECTION-RECOUNT 2nd Ld-Writethru");
  EXPECT_EQ(a->provider_id(), "ELECTION-RECOUNT");
  EXPECT_EQ(a->version(), 3);
  EXPECT_EQ(a->headline(), "Recount confirms narrow win for Lakeshore mayor");
  EXPECT_EQ(a->editor_note(), "desk contact Lina on extension 4410.");
  EXPECT_EQ(a->published_time().seconds(), 1795275000);  // 2026-11-21 15:30Z
  EXPECT_EQ(a->body().find("not for publication"), std::string::npos);
}

TEST(Iptc7901ParserTest, KillAndCorrection) {
  absl::StatusOr<v1::Article> a = ParseIptc7901(
      "\x01XYZ0001 1 a 0010\nSTORM Kill\n\x02KILL STORM\nWithdraw the "
      "story.\n\x03");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(a->priority(), 1);
  a = ParseIptc7901(
      "\x01XYZ0002 4 a 0010\nSTORM Correction\n\x02Head\n"
      "Body.\n\x03");
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->signals_size(), 1);
  EXPECT_EQ(a->signals(0), "correction");
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_UNSPECIFIED);
}

TEST(Iptc7901ParserTest, TrailingSourceLineMovesToCredits) {
  absl::StatusOr<v1::Article> a = ParseIptc7901(
      "\x01XYZ0003 4 a 0010\nPORT\n\x02Port reopens\n"
      "   The port reopened on Monday.\n"
      "   (Reporting by Ana Lim; Editing by Tom Oduya)\n\x03");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->body(), "The port reopened on Monday.");
  ASSERT_EQ(a->credits_size(), 1);
  EXPECT_EQ(a->credits(0), "(Reporting by Ana Lim; Editing by Tom Oduya)");
}

TEST(Iptc7901ParserTest, BadFramingAndHeader) {
  EXPECT_EQ(ReasonOf(ParseIptc7901("no control chars").status()),
            "framing.no_soh");
  EXPECT_EQ(ReasonOf(ParseIptc7901("\x02text\x01").status()), "framing.no_soh");
  EXPECT_EQ(ReasonOf(ParseIptc7901("\x01XYZ0001 1 a\n").status()),
            "framing.no_stx");
  EXPECT_EQ(ReasonOf(ParseIptc7901("\x01XYZ0001 1 a\n\x02text").status()),
            "framing.truncated");
  EXPECT_EQ(ReasonOf(ParseIptc7901("\x01XYZ 1 a\n\x02t\x03").status()),
            "iptc7901.bad_header");
  EXPECT_EQ(ReasonOf(ParseIptc7901("\x01XYZ0001 x a\n\x02t\x03").status()),
            "iptc7901.bad_header");
  EXPECT_EQ(ReasonOf(ParseIptc7901("\x01XYZ0001 1 abcd\n\x02t\x03").status()),
            "iptc7901.bad_header");
}

}  // namespace
}  // namespace newswire::ingest
