#include "common/io/file.h"

#include <cstdio>
#include <fstream>

#include "gtest/gtest.h"

namespace newswire {
namespace {

TEST(FileTest, ReadsBinaryBytesWhole) {
  const std::string path = ::testing::TempDir() + "/file_test.bin";
  const std::string bytes("a\0b\r\n\xff", 6);
  std::ofstream(path, std::ios::binary) << bytes;
  auto read = ReadFileToString(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, bytes);
  std::remove(path.c_str());
}

TEST(FileTest, MissingFileIsNotFoundNamingThePath) {
  auto read = ReadFileToString("/nonexistent/newswire/x");
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(read.status().message().find("/nonexistent/newswire/x"),
            absl::string_view::npos);
}

}  // namespace
}  // namespace newswire
