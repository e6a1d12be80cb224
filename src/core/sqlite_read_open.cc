#include "core/sqlite_read_open.h"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <string>

#include "core/disk_full.h"
#include "core/error.h"

namespace ae::core {
namespace {

constexpr int kBusyTimeoutMs = 5000;

// "file:" and the absolute path, percent-encoded (a URI filename).
std::string uri_of(const std::filesystem::path& path) {
  std::string uri = "file:";
  for (const unsigned char c : std::filesystem::absolute(path).string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~')
      uri += static_cast<char>(c);
    else
      uri += fmt::format("%{:02X}", c);
  }
  return uri;
}

sqlite3* open_handle(const std::string& name, int flags, const std::filesystem::path& path) {
  sqlite3* handle = nullptr;
  const int code = sqlite3_open_v2(name.c_str(), &handle, flags, nullptr);
  if (code != SQLITE_OK) {
    const std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(code);
    sqlite3_close(handle);
    throw IoError("cannot open database '" + path.string() + "' read-only: " + message);
  }
  sqlite3_busy_timeout(handle, kBusyTimeoutMs);
  sqlite3_extended_result_codes(handle, 1);
  return handle;
}

// The first read: it opens the write-ahead log (and its -shm index) if any.
int first_read(sqlite3* handle) {
  return sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
}

}  // namespace

sqlite3* open_sqlite_for_reading(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw NotFound("no database '" + path.string() + "'");
  sqlite3* handle = open_handle(path.string(), SQLITE_OPEN_READONLY, path);
  const int code = first_read(handle);
  if (code == SQLITE_OK) return handle;
  const int system_error = sqlite3_system_errno(handle);
  const std::string message = sqlite3_errmsg(handle);
  sqlite3_close(handle);
  const int primary = code & 0xff;
  if (primary != SQLITE_IOERR && primary != SQLITE_FULL && primary != SQLITE_CANTOPEN)
    throw IoError("cannot read database '" + path.string() + "': " + message);
  const std::string why =
      primary == SQLITE_FULL || is_out_of_space(system_error)
          ? disk_full_text(is_out_of_space(system_error) ? system_error : ENOSPC)
          : message;
  const auto wal_size = std::filesystem::file_size(path.string() + "-wal", error);
  if (!error && wal_size > 0)
    throw IoError(why + ": cannot read database '" + path.string() +
                  "': its write-ahead log is not checkpointed");
  handle = open_handle(uri_of(path) + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, path);
  if (first_read(handle) != SQLITE_OK) {
    const std::string again = sqlite3_errmsg(handle);
    sqlite3_close(handle);
    throw IoError(why + ": cannot read database '" + path.string() + "': " + again);
  }
  return handle;
}

}  // namespace ae::core
