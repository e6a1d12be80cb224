#include "ops/notification_log.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/file_lock.h"

namespace ae::ops {

namespace {

constexpr std::uintmax_t kMinimumMaxBytes = 1024;

std::filesystem::path numbered(const std::filesystem::path& path, int index) {
  return path.string() + "." + std::to_string(index);
}

// The open log file, closed on every path.
class AppendFile {
 public:
  explicit AppendFile(const std::filesystem::path& path)
      : path_(path), fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) {
    if (fd_ < 0) fail("cannot open");
  }
  ~AppendFile() { ::close(fd_); }
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;

  std::uintmax_t size() const {
    struct stat status {};
    if (::fstat(fd_, &status) != 0) fail("cannot stat");
    return static_cast<std::uintmax_t>(status.st_size);
  }
  void append(const std::string& bytes) const {
    std::size_t written = 0;
    while (written < bytes.size()) {
      const auto n = ::write(fd_, bytes.data() + written, bytes.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail("cannot append to");
      written += static_cast<std::size_t>(n);
    }
    if (::fdatasync(fd_) != 0) fail("cannot sync");
  }

 private:
  [[noreturn]] void fail(const char* what) const {
    throw core::IoError(
        fmt::format("notification log: {} {}: {}", what, path_.string(), std::strerror(errno)));
  }
  std::filesystem::path path_;
  int fd_;
};

}  // namespace

LogFileChannel::LogFileChannel(std::filesystem::path path, NotificationLogOptions options)
    : path_(std::move(path)), options_(options) {
  if (options_.max_bytes < kMinimumMaxBytes)
    throw core::InvalidInput(fmt::format("notification log: max_bytes {} is below {}",
                                         options_.max_bytes, kMinimumMaxBytes));
  if (options_.keep < 1)
    throw core::InvalidInput(
        fmt::format("notification log: keep {} must be at least 1", options_.keep));
}

void LogFileChannel::rotate() const {
  std::error_code ignored;
  std::filesystem::remove(numbered(path_, options_.keep), ignored);
  for (int index = options_.keep - 1; index >= 1; --index)
    if (std::filesystem::exists(numbered(path_, index)))
      std::filesystem::rename(numbered(path_, index), numbered(path_, index + 1));
  std::filesystem::rename(path_, numbered(path_, 1));
}

void LogFileChannel::deliver(const Message& message) {
  const auto line = nlohmann::json{{"timestamp", core::format_timestamp(message.timestamp)},
                                   {"topic", message.topic},
                                   {"subject", message.subject},
                                   {"message", message.body}}
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
                    "\n";
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path());
  core::FileLock lock(path_.string() + ".lock");
  {
    AppendFile file(path_);
    const auto size = file.size();
    if (size == 0 || size + line.size() <= options_.max_bytes) {
      file.append(line);
      return;
    }
  }
  try {
    rotate();
  } catch (const std::filesystem::filesystem_error& e) {
    throw core::IoError(
        fmt::format("notification log: cannot rotate {}: {}", path_.string(), e.code().message()));
  }
  AppendFile(path_).append(line);
}

}  // namespace ae::ops
