#include "services/enrich/enrich_flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, ner_model, "",
          "NER model file (empty: models/ner/ner.model from the install's "
          "share directory or above the binary; a missing file is an error)");
ABSL_FLAG(std::string, gazetteer, "",
          "gazetteer TSV file (empty: the gazetteer compiled into the binary)");
ABSL_FLAG(std::string, sentiment_model, "",
          "sentiment model file (empty: models/sentiment/newsmtsc.nwsm from "
          "the install's share directory or above the binary; a missing file "
          "is an error)");

namespace newswire::enrich {

EnricherOptions EnricherOptionsFromFlags() {
  EnricherOptions options;
  options.ner_model = absl::GetFlag(FLAGS_ner_model);
  options.gazetteer = absl::GetFlag(FLAGS_gazetteer);
  options.sentiment_model = absl::GetFlag(FLAGS_sentiment_model);
  return options;
}

}  // namespace newswire::enrich
