#include "services/ingest/xml_reader.h"

#include <string>

#include "common/status/reason.h"
#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

std::string ReasonFor(absl::string_view xml, XmlLimits limits = XmlLimits()) {
  return ReasonOf(XmlDocument::Parse(xml, limits).status());
}

TEST(XmlReaderTest, BuildsTreeWithAttributesTextAndNamespaces) {
  const std::string xml =
      "<?xml version=\"1.0\"?>\n<!-- c --><g2:item xmlns:g2=\"urn:x\" "
      "guid='a&amp;b' version=\"2\"><head>Hi &lt;there&gt; &#233;&#x2014;"
      "</head><![CDATA[<raw> & text]]><empty/></g2:item>";
  absl::StatusOr<XmlDocument> doc = XmlDocument::Parse(xml, XmlLimits());
  ASSERT_TRUE(doc.ok()) << doc.status();
  const XmlNode* root = doc->root();
  EXPECT_EQ(root->name, "g2:item");
  EXPECT_EQ(root->local_name, "item");
  EXPECT_EQ(doc->Attribute(root, "guid"), "a&b");
  EXPECT_EQ(doc->Attribute(root, "version"), "2");
  EXPECT_TRUE(doc->HasAttribute(root, "guid"));
  EXPECT_FALSE(doc->HasAttribute(root, "missing"));
  const XmlNode* head = doc->FindChild(root, "head");
  ASSERT_NE(head, nullptr);
  EXPECT_EQ(doc->Text(head), "Hi <there> \xC3\xA9\xE2\x80\x94");
  EXPECT_NE(doc->FindChild(root, "empty"), nullptr);
  EXPECT_EQ(doc->Text(root), "Hi <there> \xC3\xA9\xE2\x80\x94<raw> & text");
}

TEST(XmlReaderTest, FindsDescendantsInDocumentOrderWithinSubtree) {
  absl::StatusOr<XmlDocument> doc = XmlDocument::Parse(
      "<r><a><p>1</p><b><p>2</p></b></a><p>3</p></r>", XmlLimits());
  ASSERT_TRUE(doc.ok());
  const XmlNode* a = doc->FindChild(doc->root(), "a");
  std::vector<const XmlNode*> ps = doc->FindDescendants(a, "p");
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(doc->Text(ps[0]), "1");
  EXPECT_EQ(doc->Text(ps[1]), "2");
  EXPECT_EQ(doc->FindDescendants(doc->root(), "p").size(), 3u);
  EXPECT_EQ(doc->FindChildren(doc->root(), "p").size(), 1u);
  EXPECT_EQ(doc->FindDescendant(a, "missing"), nullptr);
}

TEST(XmlReaderTest, RejectsDoctypeAndEntityDeclarations) {
  EXPECT_EQ(ReasonFor("<!DOCTYPE r SYSTEM \"http://x/r.dtd\"><r/>"),
            "xml.doctype_forbidden");
  EXPECT_EQ(ReasonFor("<?xml version=\"1.0\"?><!doctype r [<!ENTITY e "
                      "\"x\">]><r>&e;</r>"),
            "xml.doctype_forbidden");
  EXPECT_EQ(ReasonFor("<r><!ENTITY e \"x\"></r>"), "xml.doctype_forbidden");
}

TEST(XmlReaderTest, OnlyPredefinedAndNumericEntities) {
  EXPECT_EQ(ReasonFor("<r>&nbsp;</r>"), "xml.entity_unknown");
  EXPECT_EQ(ReasonFor("<r a=\"&foo;\"/>"), "xml.entity_unknown");
  // A bare ampersand is kept rather than rejected.
  absl::StatusOr<XmlDocument> doc =
      XmlDocument::Parse("<r>Tom & Jerry</r>", XmlLimits());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->Text(doc->root()), "Tom & Jerry");
  // Out-of-range numeric references become U+FFFD, never a crash.
  doc = XmlDocument::Parse("<r>&#0;&#xD800;&#x110000;</r>", XmlLimits());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->Text(doc->root()), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(XmlReaderTest, EnforcesDepthLimit) {
  XmlLimits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(XmlDocument::Parse("<a><b><c/></b></a>", limits).ok());
  EXPECT_TRUE(XmlDocument::Parse("<a><b><c></c></b></a>", limits).ok());
  EXPECT_EQ(ReasonFor("<a><b><c><d/></c></b></a>", limits), "xml.too_deep");
}

TEST(XmlReaderTest, ReportsTruncationAndMalformedInput) {
  EXPECT_EQ(ReasonFor("<r><p>text"), "xml.truncated");
  EXPECT_EQ(ReasonFor("<r a=\"x"), "xml.truncated");
  EXPECT_EQ(ReasonFor("<r><!-- never closed"), "xml.truncated");
  EXPECT_EQ(ReasonFor("<r><![CDATA[open"), "xml.truncated");
  EXPECT_EQ(ReasonFor("<r"), "xml.truncated");
  EXPECT_EQ(ReasonFor("<r></s>"), "xml.mismatched_tag");
  EXPECT_EQ(ReasonFor("</r>"), "xml.mismatched_tag");
  EXPECT_EQ(ReasonFor(""), "xml.no_root");
  EXPECT_EQ(ReasonFor("  <!-- only a comment -->"), "xml.no_root");
  EXPECT_EQ(ReasonFor("text<r/>"), "xml.malformed");
  EXPECT_EQ(ReasonFor("<r/><s/>"), "xml.malformed");
  EXPECT_EQ(ReasonFor("<r a=b/>"), "xml.malformed");
  EXPECT_EQ(ReasonFor("<r a=\"1\"b=\"2\"/>"), "xml.malformed");
  EXPECT_EQ(ReasonFor("<r a=\"<\"/>"), "xml.malformed");
  EXPECT_EQ(ReasonFor("< r/>"), "xml.malformed");
}

}  // namespace
}  // namespace newswire::ingest
