#include "services/ingest/format_detect.h"

#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

TEST(FormatDetectTest, DetectsEachFormat) {
  EXPECT_EQ(DetectFormat("Headline\n\nBody."), v1::WIRE_FORMAT_PLAIN_TEXT);
  EXPECT_EQ(DetectFormat("\x16\x16\x01"
                         "a0001 r a slug"),
            v1::WIRE_FORMAT_ANPA_1312);
  EXPECT_EQ(DetectFormat("\x01"
                         "a0001 r a slug\x02..."),
            v1::WIRE_FORMAT_ANPA_1312);
  EXPECT_EQ(DetectFormat("\x01X 1\x02  ^Headline<\r\n"),
            v1::WIRE_FORMAT_ANPA_1312);
  EXPECT_EQ(DetectFormat("\x01NWT0042 3 pol 0120\r\n\x02Head"),
            v1::WIRE_FORMAT_IPTC_7901);
  EXPECT_EQ(DetectFormat("\xEF\xBB\xBF  {\"uri\": \"x\"}"),
            v1::WIRE_FORMAT_NINJS);
  EXPECT_EQ(DetectFormat("<?xml version=\"1.0\"?>\n<!-- x --><nitf>"),
            v1::WIRE_FORMAT_NITF);
  EXPECT_EQ(DetectFormat("<!DOCTYPE nitf [<!ENTITY a \"b\">]><nitf/>"),
            v1::WIRE_FORMAT_NITF);
  EXPECT_EQ(DetectFormat("<g2:newsItem xmlns:g2=\"x\">"),
            v1::WIRE_FORMAT_NEWSML_G2);
  EXPECT_EQ(DetectFormat("<newsMessage>"), v1::WIRE_FORMAT_NEWSML_G2);
}

TEST(FormatDetectTest, ManyDeclarationsScanLinearly) {
  std::string many;
  while (many.size() < (size_t{4} << 20)) many += "<!x>";
  many += "<nitf/>";
  EXPECT_EQ(DetectFormat(many), v1::WIRE_FORMAT_NITF);  // quadratic: minutes
}

TEST(FormatDetectTest, UnknownAndBinary) {
  EXPECT_EQ(DetectFormat("<rss/>"), v1::WIRE_FORMAT_UNSPECIFIED);
  EXPECT_EQ(DetectFormat("<?xml never closed"), v1::WIRE_FORMAT_UNSPECIFIED);
  EXPECT_EQ(DetectFormat("   \n"), v1::WIRE_FORMAT_UNSPECIFIED);
  EXPECT_EQ(DetectFormat(absl::string_view("a\0b", 3)),
            v1::WIRE_FORMAT_UNSPECIFIED);
  EXPECT_TRUE(LooksBinary("\x05\x06\x07\x08\x0E\x0F"));
  EXPECT_FALSE(
      LooksBinary("\x16\x16\x01"
                  "a0001\x1f"
                  "b\x02text\x03"));
}

TEST(FormatDetectTest, HintWins) {
  v1::RawWire raw;
  raw.set_payload("{\"looks\": \"like json\"}");
  EXPECT_EQ(ResolveFormat(raw), v1::WIRE_FORMAT_NINJS);
  raw.set_format_hint(v1::WIRE_FORMAT_PLAIN_TEXT);
  EXPECT_EQ(ResolveFormat(raw), v1::WIRE_FORMAT_PLAIN_TEXT);
  EXPECT_EQ(FormatLabel(v1::WIRE_FORMAT_NEWSML_G2), "newsml_g2");
  EXPECT_EQ(FormatLabel(v1::WIRE_FORMAT_UNSPECIFIED), "unknown");
}

}  // namespace
}  // namespace newswire::ingest
