#include "core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "core/disk_full.h"
#include "core/error.h"

namespace ae::core {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error) {
  if (is_out_of_space(error))
    throw IoError(disk_full_text(error) + ": " + what + " '" + path.string() + "'");
  throw IoError(what + " '" + path.string() + "': " + std::strerror(error));
}

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  const char* data = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", path, errno);
    }
    data += written;
    left -= static_cast<size_t>(written);
  }
}

void fsync_directory(const std::filesystem::path& directory) {
  int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("cannot open directory", directory, errno);
  int rc = ::fsync(fd);
  int error = errno;
  ::close(fd);
  if (rc != 0) fail("cannot fsync directory", directory, error);
}

std::string random_suffix() {
  std::random_device device;
  std::uniform_int_distribution<unsigned> digit(0, 35);
  std::string suffix;
  for (int i = 0; i < 12; ++i) suffix += "0123456789abcdefghijklmnopqrstuvwxyz"[digit(device)];
  return suffix;
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                           WriteDurability durability) {
  const bool synced = durability == WriteDurability::kSynced;
  const std::filesystem::path directory =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) throw IoError("cannot create directory '" + directory.string() + "': " + ec.message());

  const std::filesystem::path temp =
      directory / (std::string(kTempPrefix) + path.filename().string() + "." + random_suffix());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot create", temp, errno);
  try {
    write_all(fd, bytes, path);
    if (synced && ::fsync(fd) != 0) fail("cannot write", path, errno);
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    fail("cannot write", path, error);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    fail("cannot rename into place", path, error);
  }
  if (synced) fsync_directory(directory);
}

std::string read_file(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw NotFound("no such file '" + path.string() + "'");
    fail("cannot open", path, errno);
  }
  std::string content;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      fail("cannot read", path, error);
    }
    if (n == 0) break;
    content.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return content;
}

}  // namespace ae::core
