// The always-on notification log: one JSON object per line
// ({"timestamp", "topic", "subject", "message"}) appended to a file. Each
// message costs one append (O(1) in the size of the log), made under an
// advisory lock on "<log>.lock" so that processes sharing the log neither
// interleave lines nor rotate twice. Before an append that would take the
// file past `max_bytes`, the file is rotated: <log>.N-1 -> <log>.N, ...,
// <log> -> <log>.1, and the oldest beyond `keep` is deleted; a line larger
// than `max_bytes` still goes whole into a fresh file. Throws IoError naming
// the file when it cannot be written; InvalidInput for options out of range.
#pragma once

#include <cstdint>
#include <filesystem>

#include "ops/channel.h"

namespace ae::ops {

struct NotificationLogOptions {
  std::uintmax_t max_bytes = 10 * 1024 * 1024;  // rotate before passing this size
  int keep = 5;                                 // rotated files kept (<log>.1 .. <log>.keep)
};

class LogFileChannel final : public Channel {
 public:
  explicit LogFileChannel(std::filesystem::path path, NotificationLogOptions options = {});
  std::string describe() const override { return "log " + path_.string(); }
  void deliver(const Message& message) override;

 private:
  void rotate() const;
  std::filesystem::path path_;
  NotificationLogOptions options_;
};

}  // namespace ae::ops
