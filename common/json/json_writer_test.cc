// Each scalar writer against protobuf's own printer, through the wrapper
// types (the printer writes a StringValue, DoubleValue or Timestamp as the
// bare JSON value).
#include "common/json/json_writer.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/wrappers.pb.h"
#include "gtest/gtest.h"

namespace newswire::json {
namespace {

std::string Printed(const google::protobuf::Message& m) {
  std::string out;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(m, &out).ok());
  return out;
}

std::string Ours(absl::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

std::string PrintedString(const std::string& s) {
  google::protobuf::StringValue v;
  v.set_value(s);
  return Printed(v);
}

TEST(JsonWriterTest, EscapesAsTheProtobufPrinter) {
  // Invalid UTF-8 makes protobuf log while encoding; the output is what
  // counts here.
  google::protobuf::LogSilencer quiet;
  const std::string cases[] = {
      "",
      "plain ascii",
      "quote \" backslash \\ slash / apostrophe '",
      "<b>&amp;</b>",
      std::string("nul \0 bell \a bs \b tab \t nl \n vt \v ff \f cr \r", 43),
      "esc \x1b us \x1f del \x7f",
      "caf\xc3\xa9 na\xc3\xafve \xe2\x80\x94 \xe2\x82\xac \xf0\x9f\x98\x80",
      "c1 \xc2\x80 \xc2\x9f nbsp \xc2\xa0 shy \xc2\xad",
      "zw \xe2\x80\x8b \xe2\x80\x8f ls \xe2\x80\xa8",
      "ps \xe2\x80\xa9 \xe2\x80\xae",
      "\xe2\x81\xa0 \xe2\x81\xa4 \xe2\x81\xaa \xe2\x81\xaf bom \xef\xbb\xbf",
      "\xef\xbf\xb9 \xef\xbf\xbb \xef\xbf\xbc \xd8\x80 \xdb\x9d \xdc\x8f",
      "\xe1\x9e\xb4 \xe1\x9e\xb5 music \xf0\x9d\x85\xb3 \xf0\x9d\x85\xba",
      "tag \xf3\xa0\x80\x81 \xf3\xa0\x80\xa0 \xf3\xa0\x81\xbf \xf3\xa0\x82\x80",
      // Invalid: lone continuation, bad lead, broken and unfinished
      // sequences, surrogates, above U+10FFFF, overlongs.
      "a\x80z",
      "a\xbf\xbfz",
      "a\xf8\x88\x80\x80z \xff",
      "a\xc3z",
      "a\xe2\x82z",
      "a\xe2\x82\"z",
      "a\xed\xa0\x80z",
      "a\xf4\x90\x80\x80z",
      "a\xf7\xbf\xbf\xbfz",
      "overlong \xc0\x80 \xc0\xa2 \xc0\xbc \xc1\xa1 \xe0\x80\xbe",
      "unfinished at end \xe2\x82",
      "unfinished at end \xf0",
  };
  for (const std::string& s : cases) {
    EXPECT_EQ(Ours(s), PrintedString(s)) << s;
  }
}

TEST(JsonWriterTest, RandomBytesEscapeAsTheProtobufPrinter) {
  google::protobuf::LogSilencer quiet;
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string s(rng() % 12, '\0');
    for (char& c : s) {
      // Mostly bytes that matter: controls, specials, lead and
      // continuation bytes.
      static const unsigned char kPool[] = {
          0x00, 0x09, 0x0a, 0x1f, '"',  '\\', '<',  '>',  'a',  0x7f,
          0x80, 0x9f, 0xa0, 0xad, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0,
          0xe2, 0xed, 0xef, 0xf0, 0xf3, 0xf4, 0xf7, 0xf8, 0xff, 0x80};
      c = static_cast<char>(rng() % 3 == 0 ? rng() % 256
                                           : kPool[rng() % sizeof(kPool)]);
    }
    ASSERT_EQ(Ours(s), PrintedString(s)) << testing::PrintToString(s);
  }
}

TEST(JsonWriterTest, EveryCodePointEscapesAsTheProtobufPrinter) {
  std::string s;
  for (uint32_t cp = 1; cp <= 0x10ffff; ++cp) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    s.clear();
    if (cp < 0x80) {
      s.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      s.push_back(static_cast<char>(0xc0 | (cp >> 6)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      s.push_back(static_cast<char>(0xe0 | (cp >> 12)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      s.push_back(static_cast<char>(0xf0 | (cp >> 18)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
    // Every code point the printer escapes, and a sample of the rest (the
    // whole range through the printer takes minutes).
    std::string ours = Ours(s);
    const bool escaped = ours.find("\\u") != std::string::npos;
    if (escaped || cp < 0x3000 || cp % 97 == 0 ||
        (cp >= 0x1d100 && cp < 0x1d200) || (cp >= 0xe0000 && cp < 0xe0100)) {
      ASSERT_EQ(ours, PrintedString(s)) << std::hex << cp;
    }
  }
}

std::string OursDouble(double v) {
  std::string out;
  AppendJsonDouble(v, &out);
  return out;
}

std::string PrintedDouble(double v) {
  google::protobuf::DoubleValue m;
  m.set_value(v);
  return Printed(m);
}

TEST(JsonWriterTest, DoublesAsTheProtobufPrinter) {
  const double cases[] = {0.5,
                          -0.0,
                          1,
                          -1,
                          0.1,
                          1.0 / 3,
                          2.0 / 3,
                          1e-5,
                          1e-7,
                          123456789012345678.0,
                          1e15,
                          1e16,
                          1e17,
                          1e21,
                          1e22,
                          1e300,
                          5e-324,
                          1e-310,
                          -2.5e-320,
                          std::numeric_limits<double>::denorm_min() * 12345,
                          std::numeric_limits<double>::max(),
                          std::numeric_limits<double>::min(),
                          0.9283746,
                          static_cast<float>(0.1),
                          static_cast<float>(0.3),
                          static_cast<float>(-0.7),
                          static_cast<float>(1e-4),
                          static_cast<float>(9.99e-5),
                          static_cast<float>(123456.7),
                          16777215.0,
                          16777216.0,
                          999999999999999.0,
                          0.0001220703125,
                          0.75,
                          -2.5,
                          std::nan(""),
                          std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity()};
  for (double v : cases) EXPECT_EQ(OursDouble(v), PrintedDouble(v)) << v;
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> unit(-1, 1);
  for (int i = 0; i < 60000; ++i) {
    double v;
    switch (i % 6) {
      case 0:  // scores and probabilities
        v = unit(rng);
        break;
      case 1:  // any bit pattern
      {
        uint64_t bits = rng();
        std::memcpy(&v, &bits, sizeof(v));
        break;
      }
      case 2:  // short decimals
        v = static_cast<double>(static_cast<int64_t>(rng() % 2000001) -
                                1000000) /
            1000;
        break;
      case 3:  // wide exponents
        v = unit(rng) * std::pow(10.0, static_cast<int>(rng() % 80) - 40);
        break;
      case 4:  // float scores widened to double, as our records hold them
        v = static_cast<float>(unit(rng));
        break;
      default:  // floats of every magnitude around the fast path's range
        v = static_cast<float>(
            unit(rng) * std::pow(10.0, static_cast<int>(rng() % 30) - 10));
    }
    ASSERT_EQ(OursDouble(v), PrintedDouble(v)) << v;
  }
}

void ExpectTimestampAsPrinted(int64_t seconds, int32_t nanos) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  t.set_nanos(nanos);
  std::string ours;
  EXPECT_TRUE(AppendJsonTimestamp(seconds, nanos, &ours));
  EXPECT_EQ(ours, Printed(t)) << seconds << " " << nanos;
}

TEST(JsonWriterTest, TimestampsAsTheProtobufPrinter) {
  const int64_t seconds[] = {0,
                             1,
                             -1,
                             1700000000,
                             951782400,
                             -62135596800,
                             253402300799,
                             4102444800,
                             -2208988800};
  const int32_t nanos[] = {0, 1, 120000000, 123000, 123456789, 999999999, 5000};
  for (int64_t s : seconds) {
    for (int32_t n : nanos) ExpectTimestampAsPrinted(s, n);
  }
  std::mt19937_64 rng(3);
  for (int i = 0; i < 5000 && !HasFailure(); ++i) {
    const int64_t s =
        static_cast<int64_t>(rng() % (253402300799 + 62135596800 + 1)) -
        62135596800;
    ExpectTimestampAsPrinted(s, static_cast<int32_t>(rng() % 1000000000));
  }
}

TEST(JsonWriterTest, RefusesTimestampsThePrinterRefuses) {
  google::protobuf::LogSilencer quiet;
  const std::pair<int64_t, int32_t> cases[] = {
      {-62135596801, 0}, {253402300800, 0}, {0, -1}, {0, 1000000000}};
  for (const auto& [s, n] : cases) {
    std::string ours = "x";
    EXPECT_FALSE(AppendJsonTimestamp(s, n, &ours));
    EXPECT_EQ(ours, "x");
    google::protobuf::Timestamp t;
    t.set_seconds(s);
    t.set_nanos(n);
    std::string printed;
    EXPECT_FALSE(google::protobuf::util::MessageToJsonString(t, &printed).ok());
  }
}

TEST(JsonWriterTest, Integers) {
  std::string out;
  AppendJsonInt(0, &out);
  out += ' ';
  AppendJsonInt(-2147483648LL, &out);
  out += ' ';
  AppendJsonInt(4294967295LL, &out);
  EXPECT_EQ(out, "0 -2147483648 4294967295");
}

}  // namespace
}  // namespace newswire::json
