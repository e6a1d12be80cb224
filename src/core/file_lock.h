// An advisory lock on a file (flock) held for the object's lifetime:
// exclusive for writers, shared for readers. The lock file (and its
// directory) is created if missing. The constructor blocks until the lock is
// granted; try_acquire returns null at once when another open file holds it.
// Both throw IoError naming the file if it cannot be opened or locked. The
// descriptor is close-on-exec: child processes never inherit the lock.
#pragma once

#include <filesystem>
#include <memory>

namespace ae::core {

class FileLock {
 public:
  enum class Mode { kShared, kExclusive };
  explicit FileLock(const std::filesystem::path& path, Mode mode = Mode::kExclusive);
  static std::unique_ptr<FileLock> try_acquire(const std::filesystem::path& path,
                                               Mode mode = Mode::kExclusive);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  FileLock(const std::filesystem::path& path, Mode mode, bool wait);
  int fd_ = -1;
};

}  // namespace ae::core
