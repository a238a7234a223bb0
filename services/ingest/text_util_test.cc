#include "services/ingest/text_util.h"

#include <string>

#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

std::string Collapsed(absl::string_view text, std::string out = "") {
  AppendCollapsed(text, &out);
  return out;
}

TEST(TextUtilTest, AppendCollapsed) {
  EXPECT_EQ(Collapsed("two words"), "two words");
  EXPECT_EQ(Collapsed("  lead\tand \n\r trail  "), "lead and trail ");
  EXPECT_EQ(Collapsed(" x", "a"), "a x");
  EXPECT_EQ(Collapsed(" x", "a "), "a x");
  EXPECT_EQ(Collapsed("", "a"), "a");
  EXPECT_EQ(Collapsed("a b  c d\v\fe"), "a b c d e");
  EXPECT_EQ(Collapsed("   "), "");
}

TEST(TextUtilTest, AppendCodePoint) {
  std::string out;
  for (uint32_t cp :
       {0x41u, 0xE9u, 0x2014u, 0x1F600u, 0u, 0xD800u, 0x110000u}) {
    AppendCodePoint(cp, &out);
  }
  EXPECT_EQ(out,
            "A\xC3\xA9\xE2\x80\x94\xF0\x9F\x98\x80\xEF\xBF\xBD\xEF\xBF\xBD"
            "\xEF\xBF\xBD");
}

TEST(TextUtilTest, Windows1252) {
  EXPECT_EQ(Windows1252ToUtf8("caf\xE9 \x93q\x94 \x97 \x81"),
            "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xE2\x80\x94 "
            "\xEF\xBF\xBD");
}

bool OnlyAmp(absl::string_view name, uint32_t* cp) {
  if (name != "amp") return false;
  *cp = '&';
  return true;
}

TEST(TextUtilTest, AppendDecodedReferences) {
  std::string out;
  absl::string_view unknown;
  EXPECT_TRUE(AppendDecodedReferences("a&amp;b &#65;&#x42; & &;&#xZZ; &a b;",
                                      OnlyAmp, false, &out, &unknown));
  EXPECT_EQ(out, "a&b AB & &;&#xZZ; &a b;");
  out.clear();
  EXPECT_FALSE(
      AppendDecodedReferences("x &nbsp; y", OnlyAmp, false, &out, &unknown));
  EXPECT_EQ(unknown, "nbsp");
  out.clear();
  EXPECT_TRUE(
      AppendDecodedReferences("x &nbsp; y", OnlyAmp, true, &out, nullptr));
  EXPECT_EQ(out, "x &nbsp; y");
}

}  // namespace
}  // namespace newswire::ingest
