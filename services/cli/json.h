// Protobuf messages as one-line JSON (proto3 JSON mapping, lowerCamelCase).
#ifndef NEWSWIRE_SERVICES_CLI_JSON_H_
#define NEWSWIRE_SERVICES_CLI_JSON_H_

#include <string>

#include "google/protobuf/message.h"

namespace newswire::cli {

// Returns `message` as a single line of JSON; enum values by name; fields at
// their default value are omitted; "{}" when the message cannot be printed
// (a Timestamp out of range). An EnrichedArticle or Article goes through
// common/json/record_json.h (the same bytes, several times faster), any
// other message through protobuf's printer.
std::string ToJsonLine(const google::protobuf::Message& message);

}  // namespace newswire::cli

#endif  // NEWSWIRE_SERVICES_CLI_JSON_H_
