// The notification log: appends without rewriting, rotates at a size and
// keeps N files, under a lock shared by the processes that write it.
#include "ops/notification_log.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/atomic_file.h"
#include "support/test_support.h"

namespace ae::ops {
namespace {

class NotificationLogTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::filesystem::path log = dir.path() / "logs" / "notifications.log";
  core::Timestamp now = core::parse_timestamp("2026-04-20T13:00:00Z");

  Message numbered(int index) {
    return {"alerts", "message " + std::to_string(index), std::string(200, 'x'), now};
  }
  static ino_t inode(const std::filesystem::path& path) {
    struct stat status {};
    ::stat(path.c_str(), &status);
    return status.st_ino;
  }
  // The subjects' numbers in `path`, in file order.
  static std::vector<int> numbers(const std::filesystem::path& path) {
    std::vector<int> result;
    std::istringstream in(core::read_file(path));
    for (std::string line; std::getline(in, line);)
      result.push_back(
          std::stoi(nlohmann::json::parse(line)["subject"].get<std::string>().substr(8)));
    return result;
  }
};

TEST_F(NotificationLogTest, AppendsWithoutRewritingTheFile) {
  LogFileChannel channel(log);
  channel.deliver(numbered(1));
  const auto first = core::read_file(log);
  const auto file = inode(log);
  channel.deliver(numbered(2));
  const auto both = core::read_file(log);
  EXPECT_EQ(inode(log), file);  // the same file, appended to (no temp file + rename)
  EXPECT_EQ(both.substr(0, first.size()), first);
  EXPECT_EQ(numbers(log), (std::vector<int>{1, 2}));
  const auto line = nlohmann::json::parse(first);
  EXPECT_EQ(line["timestamp"], "2026-04-20T13:00:00Z");
  EXPECT_EQ(line["topic"], "alerts");
  EXPECT_EQ(line["message"], std::string(200, 'x'));
}

TEST_F(NotificationLogTest, RotatesAtTheSizeAndKeepsNFiles) {
  LogFileChannel channel(log, {1024, 2});
  for (int index = 1; index <= 20; ++index) channel.deliver(numbered(index));
  const std::filesystem::path one = log.string() + ".1", two = log.string() + ".2";
  ASSERT_TRUE(std::filesystem::exists(one));
  ASSERT_TRUE(std::filesystem::exists(two));
  EXPECT_FALSE(std::filesystem::exists(log.string() + ".3"));
  for (const auto& path : {log, one, two}) EXPECT_LE(std::filesystem::file_size(path), 1024u);
  // Oldest to newest across the files: consecutive, ending with the last message.
  std::vector<int> all;
  for (const auto& path : {two, one, log})
    for (int number : numbers(path)) all.push_back(number);
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.back(), 20);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_EQ(all[i], all[i - 1] + 1);
  EXPECT_GT(all.size(), numbers(log).size());  // rotated files hold the earlier ones
}

TEST_F(NotificationLogTest, ALineLargerThanTheLimitStillGoesWholeIntoAFreshFile) {
  LogFileChannel channel(log, {1024, 1});
  channel.deliver(numbered(1));
  channel.deliver({"alerts", "message 2", std::string(3000, 'y'), now});
  EXPECT_EQ(numbers(log), std::vector<int>{2});
  EXPECT_EQ(numbers(log.string() + ".1"), std::vector<int>{1});
}

TEST_F(NotificationLogTest, OptionsOutOfRangeAreInvalid) {
  EXPECT_THROW(LogFileChannel(log, {100, 5}), core::InvalidInput);
  EXPECT_THROW(LogFileChannel(log, {1 << 20, 0}), core::InvalidInput);
}

}  // namespace
}  // namespace ae::ops
