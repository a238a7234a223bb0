#include "common/kafka/publisher.h"

#include "common/text/hash.h"
#include "gtest/gtest.h"

namespace newswire::kafka {
namespace {

TEST(RawWireKeyTest, IsThePayloadFingerprintWhateverTheFileOrSource) {
  v1::RawWire a;
  a.set_payload("LONDON (Reuters) - Markets rose.");
  a.set_filename("a.txt");
  a.set_source("cli");
  v1::RawWire b = a;
  b.set_filename("incoming/b.txt");
  b.set_source("dropfolder:incoming");
  EXPECT_EQ(RawWireKey(a), FingerprintHex(Fingerprint64(a.payload())));
  EXPECT_EQ(RawWireKey(a), RawWireKey(b));
  EXPECT_EQ(RawWireKey(a).size(), 16u);
  b.set_payload("LONDON (Reuters) - Markets fell.");
  EXPECT_NE(RawWireKey(a), RawWireKey(b));
}

}  // namespace
}  // namespace newswire::kafka
