#include "services/cli/json.h"

#include "common/json/record_json.h"
#include "google/protobuf/util/json_util.h"
#include "newswire/v1/wire.pb.h"

namespace newswire::cli {

std::string ToJsonLine(const google::protobuf::Message& message) {
  std::string out;
  bool ok;
  if (const auto* record = dynamic_cast<const v1::EnrichedArticle*>(&message)) {
    ok = json::AppendRecordJson(*record, &out);
  } else if (const auto* article = dynamic_cast<const v1::Article*>(&message)) {
    ok = json::AppendRecordJson(*article, &out);
  } else {
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = false;
    options.preserve_proto_field_names = false;
    ok = google::protobuf::util::MessageToJsonString(message, &out, options)
             .ok();
  }
  return ok ? out : "{}";
}

}  // namespace newswire::cli
