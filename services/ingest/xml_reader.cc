#include "services/ingest/xml_reader.h"

#include <cstring>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/reason.h"
#include "common/status/status_macros.h"
#include "services/ingest/text_util.h"

namespace newswire::ingest {
namespace {

bool IsNameStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == ':' || c >= 0x80;
}

bool IsNameChar(unsigned char c) {
  return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

absl::string_view LocalName(absl::string_view qname) {
  size_t colon = qname.rfind(':');
  return colon == absl::string_view::npos ? qname : qname.substr(colon + 1);
}

// The five entities XML predefines.
bool XmlEntity(absl::string_view name, uint32_t* cp) {
  static constexpr struct {
    absl::string_view name;
    char c;
  } kPredefined[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
  for (const auto& e : kPredefined) {
    if (e.name == name) {
      *cp = static_cast<unsigned char>(e.c);
      return true;
    }
  }
  return false;
}

}  // namespace

absl::Status AppendXmlDecoded(absl::string_view in, std::string* out) {
  absl::string_view unknown;
  if (!AppendDecodedReferences(in, XmlEntity, /*keep_unknown=*/false, out,
                               &unknown)) {
    return InvalidRecord(
        "xml.entity_unknown",
        absl::StrCat("undefined entity &", unknown,
                     "; (only the five XML entities and numeric references "
                     "are allowed)"));
  }
  return absl::OkStatus();
}

// Builds an XmlDocument in one left-to-right pass without recursion, so the
// nesting limit is the only bound on the open-element stack.
class XmlParser {
 public:
  XmlParser(absl::string_view in, const XmlLimits& limits)
      : in_(in), limits_(limits) {}

  absl::StatusOr<XmlDocument> Run() {
    if (absl::StartsWith(in_, "\xEF\xBB\xBF")) pos_ = 3;
    while (pos_ < in_.size()) {
      if (in_[pos_] == '<') {
        RETURN_IF_ERROR(Markup());
      } else {
        RETURN_IF_ERROR(CharData());
      }
    }
    if (!open_.empty()) {
      return Error("xml.truncated",
                   absl::StrCat("input ends inside <",
                                doc_.nodes_[open_.back()].name, ">"));
    }
    if (doc_.nodes_.empty()) {
      return Error("xml.no_root", "no root element");
    }
    return std::move(doc_);
  }

 private:
  absl::Status Error(absl::string_view code, absl::string_view what) const {
    return InvalidRecord(code, absl::StrCat(what, " at byte ", pos_));
  }

  // Finds `terminator` from pos_, or returns "xml.truncated".
  absl::StatusOr<size_t> Find(absl::string_view terminator,
                              absl::string_view what) {
    size_t at = in_.find(terminator, pos_);
    if (at == absl::string_view::npos) {
      return Error("xml.truncated", absl::StrCat("unterminated ", what));
    }
    return at;
  }

  absl::Status Markup() {
    absl::string_view rest = in_.substr(pos_);
    if (absl::StartsWith(rest, "<?")) {
      ASSIGN_OR_RETURN(size_t end, Find("?>", "processing instruction"));
      pos_ = end + 2;
      return absl::OkStatus();
    }
    if (absl::StartsWith(rest, "<!--")) {
      pos_ += 4;
      ASSIGN_OR_RETURN(size_t end, Find("-->", "comment"));
      pos_ = end + 3;
      return absl::OkStatus();
    }
    if (absl::StartsWith(rest, "<![CDATA[")) {
      if (open_.empty()) return Error("xml.malformed", "CDATA outside root");
      pos_ += 9;
      ASSIGN_OR_RETURN(size_t end, Find("]]>", "CDATA section"));
      AddText(std::string(in_.substr(pos_, end - pos_)));
      pos_ = end + 3;
      return absl::OkStatus();
    }
    if (absl::StartsWith(rest, "<!")) {
      if (absl::StartsWithIgnoreCase(rest, "<!DOCTYPE") ||
          absl::StartsWithIgnoreCase(rest, "<!ENTITY")) {
        return Error("xml.doctype_forbidden",
                     "DOCTYPE and entity declarations are not accepted");
      }
      if (rest.size() < 9) return Error("xml.truncated", "input ends in '<!'");
      return Error("xml.malformed", "unknown markup declaration");
    }
    if (absl::StartsWith(rest, "</")) return EndTag();
    return StartTag();
  }

  // Reads a name at pos_; empty when there is none.
  absl::string_view Name() {
    size_t start = pos_;
    if (pos_ < in_.size() && IsNameStart(in_[pos_])) {
      ++pos_;
      while (pos_ < in_.size() && IsNameChar(in_[pos_])) ++pos_;
    }
    return in_.substr(start, pos_ - start);
  }

  void SkipSpace() {
    while (pos_ < in_.size() && IsAsciiSpace(in_[pos_])) ++pos_;
  }

  absl::Status NeedMore(absl::string_view what) {
    if (pos_ >= in_.size()) {
      return Error("xml.truncated", absl::StrCat("input ends in ", what));
    }
    return absl::OkStatus();
  }

  absl::Status EndTag() {
    pos_ += 2;
    absl::string_view name = Name();
    SkipSpace();
    RETURN_IF_ERROR(NeedMore("an end tag"));
    if (in_[pos_] != '>' || name.empty()) {
      return Error("xml.malformed", "bad end tag");
    }
    if (open_.empty() || doc_.nodes_[open_.back()].name != name) {
      return Error("xml.mismatched_tag",
                   absl::StrCat("</", name,
                                "> does not close the open "
                                "element"));
    }
    doc_.nodes_[open_.back()].subtree_end =
        static_cast<int32_t>(doc_.nodes_.size());
    open_.pop_back();
    ++pos_;
    return absl::OkStatus();
  }

  absl::Status StartTag() {
    ++pos_;
    absl::string_view name = Name();
    RETURN_IF_ERROR(NeedMore("a start tag"));
    if (name.empty()) return Error("xml.malformed", "'<' not starting a tag");
    if (open_.empty() && !doc_.nodes_.empty()) {
      return Error("xml.malformed", "second root element");
    }
    if (static_cast<int>(open_.size()) >= limits_.max_depth) {
      return Error("xml.too_deep", absl::StrCat("elements nested deeper than ",
                                                limits_.max_depth));
    }
    int32_t index = NewNode();
    XmlNode& node = doc_.nodes_[index];
    node.is_element = true;
    node.name = name;
    node.local_name = LocalName(name);
    node.first_attribute = static_cast<uint32_t>(doc_.attributes_.size());
    while (true) {
      size_t before = pos_;
      SkipSpace();
      RETURN_IF_ERROR(NeedMore("a start tag"));
      char c = in_[pos_];
      if (c == '>') {
        ++pos_;
        open_.push_back(index);
        return absl::OkStatus();
      }
      if (c == '/') {
        ++pos_;
        RETURN_IF_ERROR(NeedMore("a start tag"));
        if (in_[pos_] != '>') return Error("xml.malformed", "stray '/'");
        ++pos_;
        doc_.nodes_[index].subtree_end = index + 1;
        return absl::OkStatus();
      }
      if (pos_ == before) {
        return Error("xml.malformed", "attributes need whitespace between");
      }
      RETURN_IF_ERROR(Attribute(index));
    }
  }

  absl::Status Attribute(int32_t element) {
    absl::string_view name = Name();
    if (name.empty()) return Error("xml.malformed", "bad attribute name");
    SkipSpace();
    RETURN_IF_ERROR(NeedMore("an attribute"));
    if (in_[pos_] != '=') return Error("xml.malformed", "attribute needs '='");
    ++pos_;
    SkipSpace();
    RETURN_IF_ERROR(NeedMore("an attribute"));
    char quote = in_[pos_];
    if (quote != '"' && quote != '\'') {
      return Error("xml.malformed", "attribute value needs quotes");
    }
    ++pos_;
    size_t end = in_.find(quote, pos_);
    if (end == absl::string_view::npos) {
      return Error("xml.truncated", "unterminated attribute value");
    }
    absl::string_view raw = in_.substr(pos_, end - pos_);
    if (raw.find('<') != absl::string_view::npos) {
      return Error("xml.malformed", "'<' in attribute value");
    }
    XmlAttribute attr;
    attr.local_name = LocalName(name);
    RETURN_IF_ERROR(AppendXmlDecoded(raw, &attr.value));
    doc_.attributes_.push_back(std::move(attr));
    ++doc_.nodes_[element].attribute_count;
    pos_ = end + 1;
    return absl::OkStatus();
  }

  absl::Status CharData() {
    size_t end = in_.find('<', pos_);
    if (end == absl::string_view::npos) end = in_.size();
    absl::string_view raw = in_.substr(pos_, end - pos_);
    if (open_.empty()) {
      for (char c : raw) {
        if (!IsAsciiSpace(c)) {
          return Error("xml.malformed", "text outside the root element");
        }
      }
    } else {
      std::string text;
      RETURN_IF_ERROR(AppendXmlDecoded(raw, &text));
      AddText(std::move(text));
    }
    pos_ = end;
    return absl::OkStatus();
  }

  void AddText(std::string text) {
    int32_t index = NewNode();
    doc_.nodes_[index].text = std::move(text);
  }

  // Appends a node as the last child of the open element.
  int32_t NewNode() {
    int32_t index = static_cast<int32_t>(doc_.nodes_.size());
    doc_.nodes_.emplace_back();
    doc_.nodes_[index].subtree_end = index + 1;
    if (!open_.empty()) {
      int32_t parent = open_.back();
      doc_.nodes_[index].parent = parent;
      XmlNode& p = doc_.nodes_[parent];
      if (p.last_child < 0) {
        p.first_child = index;
      } else {
        doc_.nodes_[p.last_child].next_sibling = index;
      }
      p.last_child = index;
    }
    return index;
  }

  absl::string_view in_;
  const XmlLimits limits_;
  size_t pos_ = 0;
  std::vector<int32_t> open_;
  XmlDocument doc_;
};

absl::StatusOr<XmlDocument> XmlDocument::Parse(absl::string_view xml,
                                               const XmlLimits& limits) {
  return XmlParser(xml, limits).Run();
}

const XmlNode* XmlDocument::FindChild(const XmlNode* parent,
                                      absl::string_view local_name) const {
  for (const XmlNode* c = FirstChild(parent); c != nullptr;
       c = NextSibling(c)) {
    if (c->is_element && c->local_name == local_name) return c;
  }
  return nullptr;
}

std::vector<const XmlNode*> XmlDocument::FindChildren(
    const XmlNode* parent, absl::string_view local_name) const {
  std::vector<const XmlNode*> found;
  for (const XmlNode* c = FirstChild(parent); c != nullptr;
       c = NextSibling(c)) {
    if (c->is_element && c->local_name == local_name) found.push_back(c);
  }
  return found;
}

const XmlNode* XmlDocument::FindDescendant(const XmlNode* parent,
                                           absl::string_view local_name) const {
  const int32_t begin = static_cast<int32_t>(parent - nodes_.data());
  for (int32_t i = begin + 1; i < parent->subtree_end; ++i) {
    if (nodes_[i].is_element && nodes_[i].local_name == local_name) {
      return &nodes_[i];
    }
  }
  return nullptr;
}

std::vector<const XmlNode*> XmlDocument::FindDescendants(
    const XmlNode* parent, absl::string_view local_name) const {
  std::vector<const XmlNode*> found;
  const int32_t begin = static_cast<int32_t>(parent - nodes_.data());
  for (int32_t i = begin + 1; i < parent->subtree_end; ++i) {
    if (nodes_[i].is_element && nodes_[i].local_name == local_name) {
      found.push_back(&nodes_[i]);
    }
  }
  return found;
}

absl::string_view XmlDocument::Attribute(const XmlNode* element,
                                         absl::string_view local_name) const {
  for (uint32_t i = 0; i < element->attribute_count; ++i) {
    const XmlAttribute& a = attributes_[element->first_attribute + i];
    if (a.local_name == local_name) return a.value;
  }
  return absl::string_view();
}

bool XmlDocument::HasAttribute(const XmlNode* element,
                               absl::string_view local_name) const {
  for (uint32_t i = 0; i < element->attribute_count; ++i) {
    if (attributes_[element->first_attribute + i].local_name == local_name) {
      return true;
    }
  }
  return false;
}

std::string XmlDocument::Text(const XmlNode* n) const {
  std::string out;
  if (!n->is_element) {
    AppendCollapsed(n->text, &out);
  } else {
    const int32_t begin = static_cast<int32_t>(n - nodes_.data());
    for (int32_t i = begin + 1; i < n->subtree_end; ++i) {
      if (!nodes_[i].is_element) AppendCollapsed(nodes_[i].text, &out);
    }
  }
  TrimTrailingSpace(&out);
  return out;
}

}  // namespace newswire::ingest
