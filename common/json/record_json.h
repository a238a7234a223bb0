// newswire.v1 records as one line of JSON, byte for byte what
// google::protobuf::util::MessageToJsonString writes for them with the
// options `newswire process` uses (no whitespace, lowerCamelCase names):
// fields in field-number order, fields at their default value left out
// (a message field is written when present, `{}` when empty), enum values by
// name (a value the enum does not define as its number), 32-bit integers as
// numbers, doubles and strings as json_writer.h writes them, Timestamps in
// RFC 3339. Unknown fields are left out, as the printer leaves them out.
//
// About 4.6 times fewer instructions than the printer on real text (which
// encodes the message to binary and renders that through a type resolver;
// docs/BENCHMARKS.md, "newswire process under callgrind").
// record_json_test.cc compares both on random records (every field, so a
// field added to wire.proto and not here fails it), and
// services/cli/json_test.cc on every record of the sample feed.
//
// Example:
//   std::string line;
//   if (!AppendRecordJson(record, &line)) line = "{}";
//   std::cout << line << '\n';
//
// Thread-safe (no shared state).
#ifndef NEWSWIRE_COMMON_JSON_RECORD_JSON_H_
#define NEWSWIRE_COMMON_JSON_RECORD_JSON_H_

#include <string>

#include "newswire/v1/wire.pb.h"

namespace newswire::json {

// Appends `record` as one JSON object (no newline) and returns true.
// Returns false, with `out` unchanged, where the printer fails the whole
// message: a Timestamp out of its range (see AppendJsonTimestamp).
[[nodiscard]] bool AppendRecordJson(const v1::EnrichedArticle& record,
                                    std::string* out);
[[nodiscard]] bool AppendRecordJson(const v1::Article& article,
                                    std::string* out);

}  // namespace newswire::json

#endif  // NEWSWIRE_COMMON_JSON_RECORD_JSON_H_
