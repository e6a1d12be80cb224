#include "web/home_changes.h"

#include <spdlog/spdlog.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace ae::web {
namespace {

// What changes content. Not IN_CLOSE_WRITE or IN_ATTRIB: a SQLite reader
// opens its database's files for writing and closes them without writing.
constexpr std::uint32_t kEvents =
    IN_CREATE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF;

// Events a SQLite reader causes without any data changing: its database's
// shared-memory index (-shm), which readers write too, and the creation or
// removal of an empty write-ahead log (-wal) as connections open and close.
// A writer's changes show as writes to the -wal file or the database.
bool is_reader_noise(const inotify_event& event) {
  if (event.len == 0) return false;
  const std::string_view name(event.name);
  if (name.ends_with("-shm")) return true;
  return name.ends_with("-wal") && (event.mask & (IN_CREATE | IN_DELETE)) != 0;
}

}  // namespace

HomeChanges::HomeChanges(const std::filesystem::path& root) {
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) {
    give_up("inotify is unavailable");
    return;
  }
  std::error_code error;
  if (!std::filesystem::is_directory(root, error)) {
    give_up("the home does not exist yet");
    return;
  }
  watching_ = true;
  watch_tree(root);
}

HomeChanges::~HomeChanges() {
  if (fd_ >= 0) ::close(fd_);
}

void HomeChanges::give_up(const char* why) {
  if (!gave_up_)
    spdlog::warn("dashboard: not caching pages ({}): every request reads the home", why);
  gave_up_ = true;
  watching_ = false;
}

void HomeChanges::watch_tree(const std::filesystem::path& directory) {
  std::error_code error;
  std::filesystem::recursive_directory_iterator walk(
      directory, std::filesystem::directory_options::skip_permission_denied, error);
  auto add = [&](const std::filesystem::path& path) {
    const int wd = ::inotify_add_watch(fd_, path.c_str(), kEvents | IN_ONLYDIR);
    if (wd >= 0) {
      directories_[wd] = path;
    } else if (errno == ENOSPC) {
      give_up("the kernel's inotify watch limit is reached");
    }  // a directory gone meanwhile was removed: its event says so
  };
  add(directory);
  for (; !error && walk != std::filesystem::recursive_directory_iterator(); walk.increment(error)) {
    if (!watching_) return;
    if (walk->is_directory(error) && !walk->is_symlink(error)) add(walk->path());
  }
}

std::uint64_t HomeChanges::generation() {
  const std::lock_guard lock(mutex_);
  if (!watching_) return ++generation_;
  alignas(inotify_event) std::array<char, 64 * 1024> buffer;
  for (;;) {
    const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
    if (n <= 0) break;  // EAGAIN: nothing pending
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if (is_reader_noise(*event)) continue;
      ++generation_;
      if (event->len > 0)
        spdlog::debug("dashboard: the home changed: {} (inotify mask {:#x})", event->name,
                      event->mask);
      if (event->mask & IN_Q_OVERFLOW) {
        give_up("inotify's event queue overflowed");
        return ++generation_;
      }
      if (event->mask & IN_IGNORED) {
        directories_.erase(event->wd);
        continue;
      }
      const bool new_directory =
          (event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO));
      if (new_directory && event->len > 0) {
        const auto parent = directories_.find(event->wd);
        if (parent != directories_.end()) watch_tree(parent->second / event->name);
        if (!watching_) return ++generation_;
      }
    }
  }
  return generation_;
}

bool HomeChanges::watching() const {
  const std::lock_guard lock(mutex_);
  return watching_;
}

}  // namespace ae::web
