#include "core/artifact_store.h"

#include <algorithm>
#include <system_error>

#include "core/atomic_file.h"
#include "core/error.h"

namespace ae::core {
namespace {

std::string printable(std::string_view key) {
  std::string out;
  for (unsigned char c : key) {
    if (c < 0x20 || c == 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

[[noreturn]] void reject(std::string_view key, std::string_view why) {
  throw InvalidInput("invalid store key '" + printable(key) + "': " + std::string(why));
}

}  // namespace

void validate_key(std::string_view key) {
  if (key.empty()) reject(key, "empty");
  if (key.size() > 1024) reject(key, "longer than 1024 bytes");
  if (key.front() == '/') reject(key, "absolute (starts with '/')");
  if (key.back() == '/') reject(key, "ends with '/'");
  for (unsigned char c : key) {
    if (c == '\\') reject(key, "contains a backslash");
    if (c == 0) reject(key, "contains a NUL character");
    if (c < 0x20 || c == 0x7f) reject(key, "contains a control character");
  }
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find('/', start);
    if (end == std::string_view::npos) end = key.size();
    std::string_view segment = key.substr(start, end - start);
    if (segment.empty()) reject(key, "contains an empty segment ('//')");
    if (segment == "." || segment == "..") reject(key, "contains a '.' or '..' segment");
    if (segment.starts_with(kTempPrefix)) reject(key, "uses the reserved temporary prefix");
    start = end + 1;
  }
}

std::optional<std::string> ArtifactStore::try_get(std::string_view key) const {
  try {
    return get(key);
  } catch (const NotFound&) {
    return std::nullopt;
  }
}

FileSystemStore::FileSystemStore(std::filesystem::path root, WriteDurability durability)
    : root_(std::move(root)), durability_(durability) {
  std::error_code ec;
  std::filesystem::create_directories(root_, ec);
  if (ec) throw IoError("cannot create store root '" + root_.string() + "': " + ec.message());
}

std::filesystem::path FileSystemStore::path_of(std::string_view key) const {
  validate_key(key);
  return root_ / std::filesystem::path(key);
}

std::string FileSystemStore::get(std::string_view key) const {
  const auto path = path_of(key);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw NotFound("no object '" + std::string(key) + "' in the store (it is a prefix)");
  }
  try {
    return read_file(path);
  } catch (const NotFound&) {
    throw NotFound("no object '" + std::string(key) + "' in the store");
  }
}

void FileSystemStore::put(std::string_view key, std::string_view bytes) {
  write_file_atomically(path_of(key), bytes, durability_);
}

bool FileSystemStore::exists(std::string_view key) const {
  std::error_code ec;
  auto status = std::filesystem::status(path_of(key), ec);
  if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
    throw IoError("cannot stat '" + std::string(key) + "': " + ec.message());
  }
  return std::filesystem::is_regular_file(status);
}

std::vector<std::string> FileSystemStore::list(std::string_view prefix) const {
  std::vector<std::string> keys;
  // Walk only below the deepest directory the prefix names.
  std::filesystem::path start = root_;
  if (size_t slash = prefix.rfind('/'); slash != std::string_view::npos) {
    validate_key(prefix.substr(0, slash));
    start = root_ / std::filesystem::path(prefix.substr(0, slash));
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(start, ec)) return keys;
  auto it = std::filesystem::recursive_directory_iterator(start, ec);
  if (ec) throw IoError("cannot list store '" + start.string() + "': " + ec.message());
  for (auto end = std::filesystem::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) throw IoError("cannot list store '" + root_.string() + "': " + ec.message());
    if (it->path().filename().string().starts_with(kTempPrefix)) continue;
    if (!it->is_regular_file()) continue;
    std::string key = it->path().lexically_relative(root_).generic_string();
    if (key.starts_with(prefix)) keys.push_back(std::move(key));
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

bool FileSystemStore::remove(std::string_view key) {
  std::error_code ec;
  bool removed = std::filesystem::remove(path_of(key), ec);
  if (ec) throw IoError("cannot remove '" + std::string(key) + "': " + ec.message());
  return removed;
}

}  // namespace ae::core
