#include "core/file_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/error.h"

namespace ae::core {

FileLock::FileLock(const std::filesystem::path& path, Mode mode) : FileLock(path, mode, true) {}

FileLock::FileLock(const std::filesystem::path& path, Mode mode, bool wait) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw IoError("cannot open lock file " + path.string());
  const int operation = (mode == Mode::kExclusive ? LOCK_EX : LOCK_SH) | (wait ? 0 : LOCK_NB);
  if (::flock(fd_, operation) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (!wait && error == EWOULDBLOCK) return;
    throw IoError("cannot lock " + path.string());
  }
}

std::unique_ptr<FileLock> FileLock::try_acquire(const std::filesystem::path& path, Mode mode) {
  std::unique_ptr<FileLock> lock(new FileLock(path, mode, false));
  if (lock->fd_ < 0) return nullptr;
  return lock;
}

FileLock::~FileLock() {
  if (fd_ < 0) return;
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace ae::core
