#include "services/ingest/normalize.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

TEST(NormalizeTest, FoldsTypographyAndWhitespace) {
  EXPECT_EQ(NormalizeForMatching("\xE2\x80\x9CHi\xE2\x80\x9D\xC2\xA0"
                                 "\xE2\x80\x94 she said\xE2\x80\xA6"),
            "\"Hi\" - she said...");
  EXPECT_EQ(NormalizeForMatching("it\xE2\x80\x99s \xE2\x80\x98ok\xE2\x80\x99"
                                 " \xC2\xAB"
                                 "a\xC2\xBB"),
            "it's 'ok' \"a\"");
  EXPECT_EQ(NormalizeForMatching("  para one.\n\npara\ttwo  "),
            "para one. para two");
  EXPECT_EQ(NormalizeForMatching("soft\xC2\xADhy\xE2\x80\x8Bphen"),
            "softhyphen");
  EXPECT_EQ(NormalizeForMatching("5\xE2\x80\x93"
                                 "6 \xE2\x88\x92"
                                 "3"),
            "5-6 -3");
  EXPECT_EQ(NormalizeForMatching("a\xE3\x80\x80"
                                 "b\xE2\x80\xAF"
                                 "c"),
            "a b c");
}

TEST(NormalizeTest, LeavesOtherTextAlone) {
  const std::string text =
      "Z\xC3\xBCrich caf\xC3\xA9 \xE2\x82\xAC"
      "5 CAPS";
  EXPECT_EQ(NormalizeForMatching(text), text);
  EXPECT_EQ(NormalizeForMatching(""), "");
}

TEST(NormalizeTest, OffsetsMapBackToOriginal) {
  const std::string text = "\xE2\x80\x9CHi\xE2\x80\x9D  there";
  std::vector<uint32_t> offsets;
  std::string m = NormalizeForMatching(text, &offsets);
  ASSERT_EQ(m, "\"Hi\" there");
  ASSERT_EQ(offsets.size(), m.size() + 1);
  // "Hi" starts at byte 3 of the original; "there" at byte 10.
  EXPECT_EQ(offsets[1], 3u);
  size_t there = m.find("there");
  EXPECT_EQ(text.substr(offsets[there], offsets[m.size()] - offsets[there]),
            "there");
}

}  // namespace
}  // namespace newswire::ingest
