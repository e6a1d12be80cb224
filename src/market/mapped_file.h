// A read-only memory mapping of a whole file (POSIX mmap). The mapping keeps
// the file's bytes alive even if the path is later replaced by an atomic
// rename, so readers holding a MappedFile never see a torn write. A
// FileIdentity (device, inode, size, modification time) tells whether a path
// still names the file a mapping was made of: an atomic replace gives the path
// a new inode, and the mapped inode cannot be reused while it is mapped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

namespace ae::market {

struct FileIdentity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t modified_ns = 0;
  bool operator==(const FileIdentity&) const = default;

  // The identity of what `path` names now; nullopt when it is absent;
  // core::IoError when it cannot be examined.
  static std::optional<FileIdentity> of(const std::filesystem::path& path);
};

class MappedFile {
 public:
  // Throws core::NotFound if the file is absent, core::IoError otherwise.
  explicit MappedFile(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  const std::filesystem::path& path() const { return path_; }
  const FileIdentity& identity() const { return identity_; }  // of the file mapped

 private:
  std::filesystem::path path_;
  FileIdentity identity_;
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace ae::market
