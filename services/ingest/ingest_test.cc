#include "services/ingest/ingest.h"

#include "common/status/reason.h"
#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

v1::RawWire Raw(absl::string_view payload) {
  v1::RawWire raw;
  raw.set_payload(std::string(payload));
  raw.set_source("test");
  return raw;
}

TEST(IngestTest, PlainTextHeadlineAndParagraphs) {
  auto a = IngestRaw(Raw("Storm hits coast\n\nFirst para\nwraps here.\n\n"
                         "Second para."),
                     IngestOptions());
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->headline(), "Storm hits coast");
  EXPECT_EQ(a->body(), "First para wraps here.\n\nSecond para.");
  EXPECT_EQ(a->source(), "test");
  EXPECT_EQ(a->id().size(), 16u);
}

TEST(IngestTest, SameContentSameId) {
  auto a = IngestRaw(Raw("H\n\nBody."), IngestOptions());
  auto b = IngestRaw(Raw("H\n\nBody."), IngestOptions());
  auto c = IngestRaw(Raw("H\n\nBody!"), IngestOptions());
  EXPECT_EQ(a->id(), b->id());
  EXPECT_NE(a->id(), c->id());
}

TEST(IngestTest, BadInputGetsReasons) {
  EXPECT_EQ(ReasonOf(IngestRaw(Raw(""), IngestOptions()).status()),
            "payload.empty");
  IngestOptions small;
  small.max_record_bytes = 4;
  EXPECT_EQ(ReasonOf(IngestRaw(Raw("too long"), small).status()),
            "payload.too_large");
  EXPECT_EQ(ReasonOf(IngestRaw(Raw("a\xFFz"), IngestOptions()).status()),
            "text.invalid_utf8");
}

}  // namespace
}  // namespace newswire::ingest
