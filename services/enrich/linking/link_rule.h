// Why the linker gave a mention its canonical id, and how sure it is.
//
// Every mention the linker sees ends in one LinkRule. Rules that link
// (LinksToEntity) come with a confidence: the share of links made by that
// rule that were right on the development half of the linking test set
// (testdata/links_dev.txt, add-one smoothed), checked for calibration on
// the other half (testdata/links_test.txt; see README.md).
//
// Example:
//   if (LinksToEntity(rule)) entity.set_link_confidence(LinkConfidence(rule));
//
// Threading: pure functions. Errors: none.
#ifndef NEWSWIRE_SERVICES_ENRICH_LINKING_LINK_RULE_H_
#define NEWSWIRE_SERVICES_ENRICH_LINKING_LINK_RULE_H_

namespace newswire::linking {

enum class LinkRule {
  // Links.
  kGazetteerName,    // a name or alias of a gazetteer entry ("U.S.")
  kDemonymOfState,   // "Russian" heading "forces", "government", ...
  kKoreanHalf,       // "the North" / "the South" in a Korea story
  kDefinedAcronym,   // "(IAEA)" right after the name it abbreviates
  kShortFormBefore,  // "Lavrov" after "Sergei Lavrov", one candidate
  kShortFormChoice,  // like the above, several candidates: latest wins
  kShortFormAfter,   // named in full only later in the document
  kInitials,         // an acronym spelling a name met in the document
  // No link: the canonical id is made from the mention's own name.
  kOwnName,       // a multi-word name not in the gazetteer
  kDemonymOther,  // a demonym for a people, language or product
  kUnresolved,    // a single word nothing in the document explains
};

// True for the rules that link the mention to an entity other than its own
// name.
bool LinksToEntity(LinkRule rule);

// The probability that a link made by `rule` names the right entity, in
// (0, 1); 0 for rules that do not link.
double LinkConfidence(LinkRule rule);

// A short name for logs and evaluation tables: "gazetteer", "demonym", ...
const char* LinkRuleName(LinkRule rule);

}  // namespace newswire::linking

#endif  // NEWSWIRE_SERVICES_ENRICH_LINKING_LINK_RULE_H_
