#include "services/enrich/linking/link_rule.h"

namespace newswire::linking {

bool LinksToEntity(LinkRule rule) { return LinkConfidence(rule) > 0; }

// Calibration on testdata/links_dev.txt: per rule, (right + 4 p) / (links
// + 4), where p = (all right + 1) / (all links + 2) is the pooled accuracy:
// a rule's own record, shrunk towards the pooled one by the weight of four
// links. `linking_eval_test` prints these as the "links_dev.txt rule ...
// calibrated" lines; copy them here after changing a rule.
double LinkConfidence(LinkRule rule) {
  switch (rule) {
    case LinkRule::kGazetteerName:
      return 0.998;
    case LinkRule::kDemonymOfState:
      return 0.994;
    case LinkRule::kKoreanHalf:
      return 0.988;
    case LinkRule::kDefinedAcronym:
      return 0.991;
    case LinkRule::kShortFormBefore:
      return 0.991;
    case LinkRule::kShortFormChoice:
      return 0.988;
    case LinkRule::kShortFormAfter:
      return 0.986;
    case LinkRule::kInitials:
      return 0.986;
    case LinkRule::kOwnName:
    case LinkRule::kDemonymOther:
    case LinkRule::kUnresolved:
      return 0;
  }
  return 0;
}

const char* LinkRuleName(LinkRule rule) {
  switch (rule) {
    case LinkRule::kGazetteerName:
      return "gazetteer";
    case LinkRule::kDemonymOfState:
      return "demonym-of-state";
    case LinkRule::kKoreanHalf:
      return "korean-half";
    case LinkRule::kDefinedAcronym:
      return "defined-acronym";
    case LinkRule::kShortFormBefore:
      return "short-form";
    case LinkRule::kShortFormChoice:
      return "short-form-choice";
    case LinkRule::kShortFormAfter:
      return "short-form-after";
    case LinkRule::kInitials:
      return "initials";
    case LinkRule::kOwnName:
      return "own-name";
    case LinkRule::kDemonymOther:
      return "demonym-other";
    case LinkRule::kUnresolved:
      return "unresolved";
  }
  return "?";
}

}  // namespace newswire::linking
