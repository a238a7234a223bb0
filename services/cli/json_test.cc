// ToJsonLine on every record of the sample feed, run through the pipeline
// as `newswire process testdata/sample_feed` runs it, against protobuf's
// printer with the same options: byte for byte.
#include "services/cli/json.h"

#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "common/io/file.h"
#include "common/time/proto_time.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/cli/inputs.h"
#include "services/pipeline/pipeline.h"

namespace newswire::cli {
namespace {

std::string Printed(const google::protobuf::Message& m) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  options.preserve_proto_field_names = false;
  std::string out;
  EXPECT_TRUE(
      google::protobuf::util::MessageToJsonString(m, &out, options).ok());
  return out;
}

TEST(CliJsonTest, SampleFeedRecordsPrintAsTheProtobufPrinter) {
  auto pipeline = pipeline::Pipeline::Create(pipeline::PipelineOptions());
  ASSERT_TRUE(pipeline.ok()) << pipeline.status();
  auto files = ExpandInputs({"testdata/sample_feed"});
  ASSERT_TRUE(files.ok()) << files.status();
  int records = 0, with_entities = 0;
  for (const std::string& path : *files) {
    v1::RawWire raw;
    auto bytes = ReadFileToString(path);
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    raw.set_payload(*std::move(bytes));
    raw.set_source("cli");
    raw.set_filename(path);
    ToProtoTime(absl::Now(), raw.mutable_received_time());
    auto out = (*pipeline)->ProcessAll(raw);
    if (!out.ok()) continue;  // the feed holds one malformed file on purpose
    for (const v1::EnrichedArticle& record : *out) {
      ++records;
      if (record.entities_size() > 0) ++with_entities;
      EXPECT_EQ(ToJsonLine(record), Printed(record)) << path;
      EXPECT_EQ(ToJsonLine(record.article()), Printed(record.article()));
    }
  }
  EXPECT_GE(records, 10);
  EXPECT_GE(with_entities, 5);
}

TEST(CliJsonTest, OtherMessagesStillGoThroughTheProtobufPrinter) {
  v1::DeadLetter dead;
  dead.set_stage("ingest");
  dead.set_source_offset(1234567890123);
  dead.set_original("\x01\x02");
  EXPECT_EQ(ToJsonLine(dead), Printed(dead));
  EXPECT_NE(ToJsonLine(dead).find("\"sourceOffset\":\"1234567890123\""),
            std::string::npos);
}

TEST(CliJsonTest, UnprintableRecordIsAnEmptyObject) {
  v1::EnrichedArticle record;
  record.mutable_article()->set_id("a");
  record.mutable_enriched_time()->set_nanos(-1);
  EXPECT_EQ(ToJsonLine(record), "{}");
}

}  // namespace
}  // namespace newswire::cli
