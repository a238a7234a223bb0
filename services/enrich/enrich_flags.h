// The enrich stage's model and gazetteer flags, defined once here and read by
// newswire-enrich, `newswire process`, `newswire tag` and `newswire
// sentiment` alike, so every front door has the same names, defaults and
// help text.
//   --ner_model --sentiment_model   empty: the committed model, found by
//                                   FindDataFile (common/io/data_path.h)
//   --gazetteer                     empty: the gazetteer compiled into the
//                                   binary (services/enrich/linking)
//
// Example:
//   newswire::ParseFlagsWithEnv(argc, argv, usage);
//   ASSIGN_OR_RETURN(auto enricher,
//   Enricher::Create(EnricherOptionsFromFlags()));
#ifndef NEWSWIRE_SERVICES_ENRICH_ENRICH_FLAGS_H_
#define NEWSWIRE_SERVICES_ENRICH_ENRICH_FLAGS_H_

#include <string>

#include "absl/flags/declare.h"
#include "services/enrich/enricher.h"

ABSL_DECLARE_FLAG(std::string, ner_model);
ABSL_DECLARE_FLAG(std::string, gazetteer);
ABSL_DECLARE_FLAG(std::string, sentiment_model);

namespace newswire::enrich {

// EnricherOptions from the flags.
EnricherOptions EnricherOptionsFromFlags();

}  // namespace newswire::enrich

#endif  // NEWSWIRE_SERVICES_ENRICH_ENRICH_FLAGS_H_
