#include "common/io/file.h"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "gtest/gtest.h"

namespace newswire {
namespace {

// Writes `bytes` to a regular file, reads it back and removes the file.
absl::StatusOr<std::string> RoundTrip(const std::string& bytes) {
  const std::string path = ::testing::TempDir() + "/file_test.bin";
  std::ofstream(path, std::ios::binary) << bytes;
  absl::StatusOr<std::string> read = ReadFileToString(path);
  std::remove(path.c_str());
  return read;
}

TEST(FileTest, ReadsBinaryBytesWhole) {
  const std::string bytes("a\0b\r\n\xff", 6);
  EXPECT_EQ(RoundTrip(bytes).value_or("?"), bytes);
}

TEST(FileTest, ReadsEmptyAndLargeFiles) {
  EXPECT_EQ(RoundTrip("").value_or("?"), "");
  std::string big(3 << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 31);
  EXPECT_EQ(RoundTrip(big).value_or("?"), big);
}

TEST(FileTest, ReadsAStreamThatCannotSeek) {
  const std::string path = ::testing::TempDir() + "/file_test.fifo";
  std::remove(path.c_str());
  ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);
  std::thread writer([&] { std::ofstream(path, std::ios::binary) << "piped"; });
  auto read = ReadFileToString(path);
  writer.join();
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, "piped");
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
