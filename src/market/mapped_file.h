// A read-only memory mapping of a whole file (POSIX mmap). The mapping keeps
// the file's bytes alive even if the path is later replaced by an atomic
// rename, so readers holding a MappedFile never see a torn write.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace ae::market {

class MappedFile {
 public:
  // Throws core::NotFound if the file is absent, core::IoError otherwise.
  explicit MappedFile(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace ae::market
