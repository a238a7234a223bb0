// A small, fast, non-validating XML reader for wire formats (NITF,
// NewsML-G2).
//
// It builds a compact tree of elements and text nodes from UTF-8 input and
// refuses everything a news feed never needs but an attacker might use:
// DOCTYPE and entity declarations (so no entity expansion, no external
// entities, no network or file access), any entity other than the five
// predefined ones and numeric character references, and nesting deeper than
// a limit. Namespaces are not resolved: callers match elements by their
// local name (the part after the prefix).
//
// Example:
//   ASSIGN_OR_RETURN(XmlDocument doc, XmlDocument::Parse(xml, XmlLimits()));
//   const XmlNode* item = doc.root();
//   const XmlNode* hl = doc.FindDescendant(item, "headline");
//   std::string headline = hl ? doc.Text(hl) : "";
//   absl::string_view guid = doc.Attribute(item, "guid");
//
// Ownership: the document keeps string_views into the input for element and
// attribute names, so REQUIRES: the input outlives the document.
// Errors (InvalidArgument with a reason code): "xml.doctype_forbidden",
// "xml.entity_unknown", "xml.too_deep", "xml.truncated",
// "xml.mismatched_tag", "xml.no_root", "xml.malformed".
// Thread-safety: a parsed document is immutable and safe to share.
#ifndef NEWSWIRE_SERVICES_INGEST_XML_READER_H_
#define NEWSWIRE_SERVICES_INGEST_XML_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace newswire::ingest {

struct XmlLimits {
  // Elements nested deeper than this are rejected as "xml.too_deep".
  int max_depth = 64;
};

struct XmlAttribute {
  absl::string_view local_name;
  std::string value;  // entities decoded
};

struct XmlNode {
  // Element nodes have a name; text nodes (including CDATA) have text.
  bool is_element = false;
  absl::string_view name;        // qualified, as written ("nitf:p")
  absl::string_view local_name;  // without prefix ("p")
  std::string text;              // text nodes only, entities decoded
  int32_t parent = -1;
  int32_t first_child = -1;
  int32_t last_child = -1;
  int32_t next_sibling = -1;
  // One past the index of the last node in this node's subtree: nodes are
  // stored in document order, so descendants are (this, subtree_end).
  int32_t subtree_end = 0;
  uint32_t first_attribute = 0;
  uint32_t attribute_count = 0;
};

class XmlDocument {
 public:
  // Parses `xml` (UTF-8, an optional BOM is skipped).
  static absl::StatusOr<XmlDocument> Parse(absl::string_view xml,
                                           const XmlLimits& limits);

  // The document element. Never null for a parsed document.
  const XmlNode* root() const { return &nodes_[0]; }

  // The node at `index`, or null when index < 0 (the "no node" link).
  const XmlNode* node(int32_t index) const {
    return index < 0 ? nullptr : &nodes_[index];
  }
  const XmlNode* FirstChild(const XmlNode* n) const {
    return node(n->first_child);
  }
  const XmlNode* NextSibling(const XmlNode* n) const {
    return node(n->next_sibling);
  }

  // The first child element of `parent` with this local name, or null.
  const XmlNode* FindChild(const XmlNode* parent,
                           absl::string_view local_name) const;
  // Every child element of `parent` with this local name, in order.
  std::vector<const XmlNode*> FindChildren(const XmlNode* parent,
                                           absl::string_view local_name) const;
  // The first element below `parent` (depth first, document order) with this
  // local name, or null.
  const XmlNode* FindDescendant(const XmlNode* parent,
                                absl::string_view local_name) const;
  // Every element below `parent` with this local name, in document order.
  std::vector<const XmlNode*> FindDescendants(
      const XmlNode* parent, absl::string_view local_name) const;

  // The value of the attribute with this local name ("" when absent).
  absl::string_view Attribute(const XmlNode* element,
                              absl::string_view local_name) const;
  bool HasAttribute(const XmlNode* element, absl::string_view local_name) const;

  // All text below `n`, with runs of whitespace collapsed to one space and
  // trimmed.
  std::string Text(const XmlNode* n) const;

 private:
  friend class XmlParser;
  XmlDocument() = default;

  std::vector<XmlNode> nodes_;
  std::vector<XmlAttribute> attributes_;
};

// Decodes the five predefined entities and numeric character references in
// `in`, appending to `out`. A bare '&' not followed by a reference is kept.
// Errors: "xml.entity_unknown" for any other named entity.
absl::Status AppendXmlDecoded(absl::string_view in, std::string* out);

}  // namespace newswire::ingest

#endif  // NEWSWIRE_SERVICES_INGEST_XML_READER_H_
