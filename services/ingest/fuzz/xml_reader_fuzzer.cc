// Fuzzes XmlDocument::Parse and the tree walks the parsers use.
#include "services/ingest/fuzz/fuzz_checks.h"
#include "services/ingest/markup_text.h"
#include "services/ingest/xml_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newswire::ingest;
  XmlLimits limits;
  limits.max_depth = 32;
  absl::StatusOr<XmlDocument> doc =
      XmlDocument::Parse(AsView(data, size), limits);
  if (!doc.ok()) return 0;
  const XmlNode* root = doc->root();
  Require(root->is_element);
  std::string text = doc->Text(root);
  Require(text.empty() || !IsAsciiSpace(text.back()));
  CheckParagraphs(XmlToParagraphs(*doc, root));
  for (const XmlNode* p : doc->FindDescendants(root, "p")) {
    Require(p->is_element && p->local_name == "p");
    doc->Text(p);
  }
  doc->FindDescendant(root, "body");
  doc->Attribute(root, "guid");
  return 0;
}
