#include "services/ingest/framed_text.h"

#include "common/status/reason.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

using ::testing::ElementsAre;

TEST(FramedTextTest, SplitFrame) {
  absl::StatusOr<Frame> f =
      SplitFrame("\x16\x16\x01head\x02text\x03  201107 NOV 26\r\n\x04junk");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->header, "head");
  EXPECT_EQ(f->text, "text");
  EXPECT_EQ(f->trailer, "201107 NOV 26");
  EXPECT_EQ(ReasonOf(SplitFrame("\x02\x01").status()), "framing.no_soh");
}

TEST(FramedTextTest, HeaderTokensSkipSeparatorsAndFormatBytes) {
  EXPECT_THAT(HeaderTokens("a0217\x1fu\x1fi\x1f\x13"
                           "bc-Slug  1st\r\nLd"),
              ElementsAre("a0217", "u", "i", "bc-Slug", "1st", "Ld"));
}

TEST(FramedTextTest, TakeKeys) {
  v1::Article a;
  ApplyTakeKey("3rd Ld-Writethru", &a);
  EXPECT_EQ(a.version(), 4);
  EXPECT_THAT(a.signals(), ElementsAre("update"));
  v1::Article b;
  ApplyTakeKey("Corrects spelling of name", &b);
  EXPECT_THAT(b.signals(), ElementsAre("correction"));
  EXPECT_EQ(b.version(), 0);
  v1::Article c;
  ApplyTakeKey("Kill", &c);
  EXPECT_EQ(c.pub_status(), v1::PUB_STATUS_CANCELED);
  v1::Article d;
  ApplyTakeKey("1st add", &d);  // an ordinal without "Ld" is no version
  EXPECT_EQ(d.version(), 0);
}

TEST(FramedTextTest, PriorityCodes) {
  EXPECT_EQ(PriorityFromCode("f"), 1);
  EXPECT_EQ(PriorityFromCode("B"), 2);
  EXPECT_EQ(PriorityFromCode("u"), 3);
  EXPECT_EQ(PriorityFromCode("r"), 5);
  EXPECT_EQ(PriorityFromCode("4"), 4);
  EXPECT_EQ(PriorityFromCode("x"), 0);
  EXPECT_EQ(PriorityFromCode("12"), 0);
}

TEST(FramedTextTest, NoteParagraph) {
  std::vector<std::string> p = {"Body.", "EDITOR'S NOTE _ Embargoed.", "End."};
  EXPECT_EQ(TakeNoteParagraph(&p, {"EDITOR'S NOTE"}), "Embargoed.");
  EXPECT_THAT(p, ElementsAre("Body.", "End."));
  EXPECT_EQ(TakeNoteParagraph(&p, {"EDITOR'S NOTE"}), "");
}

}  // namespace
}  // namespace newswire::ingest
