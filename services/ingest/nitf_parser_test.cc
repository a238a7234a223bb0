#include "services/ingest/nitf_parser.h"

#include "common/status/reason.h"
#include "gtest/gtest.h"
#include "services/ingest/testing/fixtures.h"

namespace newswire::ingest {
namespace {

TEST(NitfParserTest, FixtureFields) {
  absl::StatusOr<v1::Article> a =
      ParseNitf(testing::ReadFixture("good/nitf.xml"), XmlLimits());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->provider_id(), "nta-2026-11-22-rail-0007");
  EXPECT_EQ(a->priority(), 4);
  EXPECT_EQ(a->headline(), "Rail workers strike over \"unsafe\" night shifts");
  EXPECT_EQ(a->byline(), "By Oskar Lind");
  EXPECT_EQ(a->dateline(), "NORRBY, Nov. 22");
  EXPECT_EQ(a->language(), "en");
  EXPECT_EQ(a->body().find("Not body text"), std::string::npos);
  EXPECT_EQ(a->keywords_size(), 2);
}

TEST(NitfParserTest, CanceledAndTitleFallback) {
  absl::StatusOr<v1::Article> a = ParseNitf(
      "<nitf><head><title>Only a title</title><docdata "
      "management-status=\"canceled\"><doc-id id-string=\"d1\"/>"
      "<urgency ed-urg=\"12\"/></docdata></head></nitf>",
      XmlLimits());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->pub_status(), v1::PUB_STATUS_CANCELED);
  EXPECT_EQ(a->headline(), "Only a title");
  EXPECT_EQ(a->priority(), 0);  // 12 is out of range; IngestRaw defaults it
}

TEST(NitfParserTest, Errors) {
  EXPECT_EQ(ReasonOf(ParseNitf("<html/>", XmlLimits()).status()),
            "nitf.bad_root");
  EXPECT_EQ(ReasonOf(ParseNitf(testing::ReadFixture(
                                   "bad/xml.doctype_forbidden/xxe.xml"),
                               XmlLimits())
                         .status()),
            "xml.doctype_forbidden");
}

}  // namespace
}  // namespace newswire::ingest
