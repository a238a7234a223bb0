// Renders a generated story (story_generator.h) as the copy an agency would
// send in each wire format ingest reads: plain text, IPTC 7901, ANPA 1312,
// NITF, NewsML-G2 and ninjs, following the layouts documented in
// services/ingest/*_parser.h.
//
// Every format carries the same headline and paragraph text (ASCII dashes
// and quotes in IPTC 7901 and ANPA 1312, and Latin-1 for an accented letter
// in ANPA 1312, as agencies send it), so the same story in two formats is a
// near or exact duplicate for dedup. The formats with a provider id (NITF
// doc-id, NewsML-G2 guid, ninjs uri) carry `provider_id` and `version`.
//
// Example:
//   StoryParts story = GenerateStoryParts(42, 200);
//   std::string nitf = RenderWire(story, v1::WIRE_FORMAT_NITF, "story-42", 1);
//
// Thread-safety: pure functions.
#ifndef NEWSWIRE_TOOLS_STORYGEN_WIRE_FORMATS_H_
#define NEWSWIRE_TOOLS_STORYGEN_WIRE_FORMATS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "newswire/v1/wire.pb.h"
#include "tools/storygen/story_generator.h"

namespace newswire::storygen {

// The six formats RenderWire knows, in a fixed order.
inline constexpr v1::WireFormat kWireFormats[] = {
    v1::WIRE_FORMAT_PLAIN_TEXT, v1::WIRE_FORMAT_IPTC_7901,
    v1::WIRE_FORMAT_ANPA_1312,  v1::WIRE_FORMAT_NITF,
    v1::WIRE_FORMAT_NEWSML_G2,  v1::WIRE_FORMAT_NINJS};

// Hard-wraps `text` at about 72 columns with CR LF line ends, the first line
// indented by `indent`, as agency copy arrives.
std::string WrapWireText(const std::string& text, const std::string& indent);

// `s` with &, < and > escaped for XML text.
std::string XmlEscape(const std::string& s);

// `s` as the inside of a JSON string: quote, backslash and control
// characters escaped (\n, \t, else \u00XX); other bytes, UTF-8 included,
// are kept.
std::string JsonEscape(absl::string_view s);

// `story` as a payload of `format`; empty for a format it does not know.
// REQUIRES: provider_id is printable ASCII without quotes or markup.
std::string RenderWire(const StoryParts& story, v1::WireFormat format,
                       const std::string& provider_id, int version);

}  // namespace newswire::storygen

#endif  // NEWSWIRE_TOOLS_STORYGEN_WIRE_FORMATS_H_
