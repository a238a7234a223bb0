#include "services/ingest/dateline.h"

#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

TEST(DatelineTest, AgencyStyles) {
  EXPECT_EQ(DetectDateline("MOSCOW, Nov. 20 (Agency) \xE2\x80\x94 Talks"),
            "MOSCOW, Nov. 20 (Agency)");
  EXPECT_EQ(DetectDateline("NEW YORK (Reuters) - Stocks rose."),
            "NEW YORK (Reuters)");
  EXPECT_EQ(DetectDateline("SPRINGFIELD, Ill., Nov. 20 -- The state"),
            "SPRINGFIELD, Ill., Nov. 20");
  EXPECT_EQ(DetectDateline("PARIS \xE2\x80\x93 Le"), "PARIS");
  EXPECT_EQ(DetectDateline("PARIS\xE2\x80\x94Le"), "");  // needs a space after
  EXPECT_EQ(DetectDateline("ZURICH, Switzerland (AP) _ The"),
            "ZURICH, Switzerland (AP)");
  EXPECT_EQ(DetectDateline("S\xC3\x83O PAULO, Nov. 2 \xE2\x80\x94 x"),
            "S\xC3\x83O PAULO, Nov. 2");
}

TEST(DatelineTest, NotADateline) {
  EXPECT_EQ(DetectDateline("The mayor - who spoke - said"), "");
  EXPECT_EQ(DetectDateline("Moscow, Nov. 20 \xE2\x80\x94 lower case place"),
            "");
  EXPECT_EQ(DetectDateline("MOSCOW said on Friday that"), "");
  EXPECT_EQ(DetectDateline("A - b"), "");
  EXPECT_EQ(DetectDateline("UN, a very long second part that goes on and "
                           "on \xE2\x80\x94 x"),
            "");
  EXPECT_EQ(DetectDateline(""), "");
}

}  // namespace
}  // namespace newswire::ingest
