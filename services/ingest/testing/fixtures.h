// Test helpers: reading fixture files under services/ingest/testdata.
//
// Example:
//   std::string xml = ReadFixture("good/nitf.xml");
//   for (const std::string& name : ListDir(FixturePath("bad"))) { ... }
//
// Tests run from the repository root (see newswire_cc_test). Errors: a
// missing file fails the calling test with ADD_FAILURE and returns "".
#ifndef NEWSWIRE_SERVICES_INGEST_TESTING_FIXTURES_H_
#define NEWSWIRE_SERVICES_INGEST_TESTING_FIXTURES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace newswire::ingest::testing {

// "services/ingest/testdata/" + relative.
std::string FixturePath(absl::string_view relative);

// The bytes of a file (any path).
std::string ReadFile(const std::string& path);

// The bytes of FixturePath(relative).
std::string ReadFixture(absl::string_view relative);

// The entries of a directory (no "." and ".."), sorted; empty when missing.
std::vector<std::string> ListDir(const std::string& path);

bool IsDirectory(const std::string& path);

}  // namespace newswire::ingest::testing

#endif  // NEWSWIRE_SERVICES_INGEST_TESTING_FIXTURES_H_
