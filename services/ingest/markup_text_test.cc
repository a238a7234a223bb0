#include "services/ingest/markup_text.h"

#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

TEST(MarkupTextTest, HtmlBlocksBecomeParagraphsInlineMarkupVanishes) {
  EXPECT_EQ(HtmlToParagraphs("<p>One <b>bold</b>\n  word</p><p>Two<br/>"
                             "Three</p><ul><li>Four</li></ul>"),
            "One bold word\n\nTwo\n\nThree\n\nFour");
}

TEST(MarkupTextTest, HtmlEntitiesDecoded) {
  EXPECT_EQ(HtmlToParagraphs("<p>Caf&eacute; &amp; bar&nbsp;&mdash; "
                             "&#8220;hi&#x201D; &bogus; &</p>"),
            "Caf\xC3\xA9 & bar\xC2\xA0\xE2\x80\x94 \xE2\x80\x9Chi"
            "\xE2\x80\x9D &bogus; &");
}

TEST(MarkupTextTest, ScriptStyleAndCommentsDropped) {
  EXPECT_EQ(HtmlToParagraphs("<p>a<!-- hidden --></p><SCRIPT>var x = '<p>';"
                             "</script><style>p{}</style><p>b</p>"),
            "a\n\nb");
  // An unterminated script drops the rest rather than leaking code.
  EXPECT_EQ(HtmlToParagraphs("<p>a</p><script>x"), "a");
}

TEST(MarkupTextTest, QuotedGreaterThanInsideTagAndLoneLessThan) {
  EXPECT_EQ(HtmlToParagraphs("<a title=\"x > y\">link</a> 3 < 4"),
            "link 3 < 4");
}

TEST(MarkupTextTest, XmlSubtreeToParagraphs) {
  absl::StatusOr<XmlDocument> doc = XmlDocument::Parse(
      "<body.content><p>First <em>para</em>\n graph.</p><media><caption>"
      "skip</caption></media><block><p>Second.</p></block>tail</body.content>",
      XmlLimits());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(XmlToParagraphs(*doc, doc->root()),
            "First para graph.\n\nSecond.\n\ntail");
}

TEST(MarkupTextTest, ParagraphBuilderDropsEmptyParagraphs) {
  ParagraphBuilder b;
  b.Break();
  b.Append("  a  ");
  b.Append(" b ");
  b.Break();
  b.Append("   ");
  b.Break();
  b.Append("c");
  EXPECT_EQ(b.Join(), "a b\n\nc");
}

}  // namespace
}  // namespace newswire::ingest
