// An advisory lock on a file (flock) held for the object's lifetime:
// exclusive for writers, shared for readers. The lock file (and its
// directory) is created if missing. Blocks until the lock is granted; throws
// IoError naming the file if it cannot be opened or locked.
#pragma once

#include <filesystem>

namespace ae::core {

class FileLock {
 public:
  enum class Mode { kShared, kExclusive };
  explicit FileLock(const std::filesystem::path& path, Mode mode = Mode::kExclusive);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace ae::core
