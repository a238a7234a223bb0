// AppendRecordJson against protobuf's printer on random records: every field
// of every message type (found through the descriptors, so a field added to
// wire.proto is exercised at once) randomly set or left at its default, with
// random strings (invalid UTF-8 included), numbers, enum values (undefined
// ones included) and Timestamps. The sample feed through the whole pipeline
// is compared in services/cli/json_test.cc.
#include "common/json/record_json.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace newswire::json {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// The options `newswire process` prints with (services/cli/json.cc).
std::string Printed(const Message& m, bool* ok) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  options.preserve_proto_field_names = false;
  std::string out;
  *ok = google::protobuf::util::MessageToJsonString(m, &out, options).ok();
  return out;
}

class RandomRecords {
 public:
  explicit RandomRecords(uint64_t seed) : rng_(seed) {}

  void Fill(Message* m, int depth) {
    const auto* d = m->GetDescriptor();
    const auto* r = m->GetReflection();
    if (d->full_name() == "google.protobuf.Timestamp") {
      auto* t = static_cast<google::protobuf::Timestamp*>(m);
      // 1 in 50 out of range (the printer then fails the record).
      if (Chance(50)) {
        t->set_seconds(Chance(2) ? 253402300800 : -62135596801);
      } else if (Chance(50)) {
        t->set_nanos(Chance(2) ? -1 : 1000000000);
      } else {
        t->set_seconds(static_cast<int64_t>(rng_() % 5000000000) - 1000000000);
        t->set_nanos(Nanos());
      }
      return;
    }
    for (int i = 0; i < d->field_count(); ++i) {
      const FieldDescriptor* f = d->field(i);
      if (Chance(3)) continue;  // left at its default
      const int n = f->is_repeated() ? static_cast<int>(rng_() % 4) : 1;
      for (int k = 0; k < n; ++k) SetOne(m, r, f, depth);
    }
  }

 private:
  bool Chance(int one_in) { return rng_() % one_in == 0; }

  int32_t Nanos() {
    switch (rng_() % 4) {
      case 0:
        return 0;
      case 1:
        return static_cast<int32_t>(rng_() % 1000) * 1000000;
      case 2:
        return static_cast<int32_t>(rng_() % 1000000) * 1000;
      default:
        return static_cast<int32_t>(rng_() % 1000000000);
    }
  }

  std::string String() {
    static const char* const kPieces[] = {"Reuters",
                                          " ",
                                          "\n\n",
                                          "\"",
                                          "\\",
                                          "<p>",
                                          "\t",
                                          "\x01",
                                          "\x7f",
                                          "caf\xc3\xa9",
                                          "\xe2\x80\x94",
                                          "\xe2\x80\xa8",
                                          "\xc2\xad",
                                          "\xf0\x9f\x98\x80",
                                          "\xef\xbb\xbf",
                                          "\x80",
                                          "\xc3",
                                          "\xed\xa0\x80",
                                          "\xc0\xaf",
                                          "\xf4\x90\x80\x80",
                                          "0",
                                          "Geneva",
                                          "\xc2\x85",
                                          "'"};
    std::string s;
    const int pieces = static_cast<int>(rng_() % 8);
    for (int i = 0; i < pieces; ++i) {
      if (Chance(10)) {
        s.push_back(static_cast<char>(rng_() % 256));
      } else {
        s += kPieces[rng_() % (sizeof(kPieces) / sizeof(kPieces[0]))];
      }
    }
    return s;
  }

  double Double() {
    switch (rng_() % 6) {
      case 0:
        return std::uniform_real_distribution<double>(-1, 1)(rng_);
      case 1:
        return static_cast<double>(rng_() % 1000) / 1000;
      case 2: {
        uint64_t bits = rng_();
        double v;
        std::memcpy(&v, &bits, sizeof(v));
        return v;
      }
      case 3:
        return -0.0;
      case 4: {
        const double special[] = {std::nan(""),
                                  std::numeric_limits<double>::infinity(),
                                  -std::numeric_limits<double>::infinity(),
                                  1e-7,
                                  1e21,
                                  0.0};
        return special[rng_() % 6];
      }
      default:
        return static_cast<double>(rng_() % 100);
    }
  }

  void SetOne(Message* m, const google::protobuf::Reflection* r,
              const FieldDescriptor* f, int depth) {
    const bool rep = f->is_repeated();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string s = String();
        rep ? r->AddString(m, f, s) : r->SetString(m, f, s);
        break;
      }
      case FieldDescriptor::CPPTYPE_INT32: {
        auto v = static_cast<int32_t>(Chance(2) ? rng_() % 10 : rng_());
        rep ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        auto v = static_cast<uint32_t>(Chance(2) ? rng_() % 10 : rng_());
        rep ? r->AddUInt32(m, f, v) : r->SetUInt32(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        auto v = static_cast<int64_t>(rng_());
        rep ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        double v = Double();
        rep ? r->AddDouble(m, f, v) : r->SetDouble(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        // Mostly defined values; sometimes one the enum does not define.
        const int count = f->enum_type()->value_count();
        int v = Chance(8) ? static_cast<int>(rng_() % 40) - 10
                          : static_cast<int>(rng_() % count);
        rep ? r->AddEnumValue(m, f, v) : r->SetEnumValue(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE: {
        Message* child = rep ? r->AddMessage(m, f) : r->MutableMessage(m, f);
        if (depth < 4) Fill(child, depth + 1);
        break;
      }
      default:
        ADD_FAILURE() << "field type not generated: " << f->full_name();
    }
  }

  std::mt19937_64 rng_;
};

template <typename Record>
void CompareRandom(uint64_t seed, int count) {
  google::protobuf::LogSilencer quiet;  // invalid UTF-8 while encoding
  RandomRecords gen(seed);
  int printed_ok = 0;
  for (int i = 0; i < count; ++i) {
    Record record;
    gen.Fill(&record, 0);
    bool ok = false;
    const std::string expected = Printed(record, &ok);
    std::string ours = "prefix";
    const bool ours_ok = AppendRecordJson(record, &ours);
    ASSERT_EQ(ours_ok, ok) << record.DebugString();
    if (!ok) {
      EXPECT_EQ(ours, "prefix");
      continue;
    }
    ++printed_ok;
    ASSERT_EQ(ours, "prefix" + expected) << record.DebugString();
  }
  // Most records must be comparable, not refused.
  EXPECT_GT(printed_ok, count / 2);
}

TEST(RecordJsonTest, RandomEnrichedArticlesMatchTheProtobufPrinter) {
  CompareRandom<v1::EnrichedArticle>(1, 3000);
}

TEST(RecordJsonTest, RandomArticlesMatchTheProtobufPrinter) {
  CompareRandom<v1::Article>(2, 3000);
}

TEST(RecordJsonTest, EmptyAndPresentButEmptyMessages) {
  v1::EnrichedArticle record;
  std::string out;
  ASSERT_TRUE(AppendRecordJson(record, &out));
  EXPECT_EQ(out, "{}");
  record.mutable_sentiment();
  record.add_entities();
  record.mutable_enriched_time();
  out.clear();
  ASSERT_TRUE(AppendRecordJson(record, &out));
  EXPECT_EQ(out,
            "{\"entities\":[{}],\"sentiment\":{},"
            "\"enrichedTime\":\"1970-01-01T00:00:00Z\"}");
  bool ok = false;
  EXPECT_EQ(out, Printed(record, &ok));
}

TEST(RecordJsonTest, UnknownFieldsAreLeftOutAsByThePrinter) {
  v1::EnrichedArticle record;
  record.mutable_article()->set_id("a");
  // Field 100 (tag 800 = varint a0 06), varint 7: unknown to this schema.
  const std::string bytes = record.SerializeAsString() + "\xa0\x06\x07";
  v1::EnrichedArticle parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  ASSERT_EQ(parsed.GetReflection()->GetUnknownFields(parsed).field_count(), 1);
  std::string ours;
  ASSERT_TRUE(AppendRecordJson(parsed, &ours));
  bool ok = false;
  EXPECT_EQ(ours, Printed(parsed, &ok));
  EXPECT_TRUE(ok);
  EXPECT_EQ(ours, "{\"article\":{\"id\":\"a\"}}");
}

}  // namespace
}  // namespace newswire::json
