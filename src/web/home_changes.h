// Whether anything under a home changed: an inotify watch on every directory
// below the root (directories created later are watched as they appear).
// generation() drains the pending events and returns a number that grows
// whenever a file or directory under the home was created, written, moved or
// removed since the previous call; it never repeats a value across a change.
// Writers replace files atomically and SQLite writes its -wal file, so every
// artifact, database row and health record a page reads shows up here.
// When the home cannot be watched (it does not exist yet, the kernel's watch
// limit is reached, or the event queue overflowed) generation() returns a new
// value on every call, so a cache keyed by it never serves stale content.
// Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>

namespace ae::web {

class HomeChanges {
 public:
  explicit HomeChanges(const std::filesystem::path& root);
  ~HomeChanges();
  HomeChanges(const HomeChanges&) = delete;
  HomeChanges& operator=(const HomeChanges&) = delete;

  std::uint64_t generation();
  // False when changes cannot be seen (see above).
  bool watching() const;

 private:
  void watch_tree(const std::filesystem::path& directory);
  void give_up(const char* why);

  mutable std::mutex mutex_;
  int fd_ = -1;
  bool watching_ = false;
  bool gave_up_ = false;
  std::uint64_t generation_ = 0;
  std::map<int, std::filesystem::path> directories_;  // watch descriptor -> directory
};

}  // namespace ae::web
