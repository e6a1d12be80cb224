#include "core/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/error.h"

namespace ae::core {

FileLock::FileLock(const std::filesystem::path& path, Mode mode) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw IoError("cannot open lock file " + path.string());
  if (::flock(fd_, mode == Mode::kExclusive ? LOCK_EX : LOCK_SH) != 0) {
    ::close(fd_);
    throw IoError("cannot lock " + path.string());
  }
}

FileLock::~FileLock() {
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace ae::core
