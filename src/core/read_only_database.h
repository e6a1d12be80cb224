// Read-only access to a SQLite database, for readers that must never write
// (the dashboard's queries of the ledger, the execution history and ops.db).
// A database is opened as sqlite_read_open.h says (SQLITE_OPEN_READONLY,
// never created, no PRAGMA: it reads on a full disk) and a query returns
// its rows as JSON objects keyed by column name (NULL -> null,
// integers, reals, text). open() returns nullopt when the file does not exist
// (a fresh home); every other failure throws core::IoError naming the file.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ae::core {

using SqlValue = std::variant<std::int64_t, double, std::string>;

class ReadOnlyDatabase {
 public:
  static std::optional<ReadOnlyDatabase> open(const std::filesystem::path& path);
  ~ReadOnlyDatabase();
  ReadOnlyDatabase(ReadOnlyDatabase&& other) noexcept;
  ReadOnlyDatabase& operator=(ReadOnlyDatabase&&) = delete;
  ReadOnlyDatabase(const ReadOnlyDatabase&) = delete;
  ReadOnlyDatabase& operator=(const ReadOnlyDatabase&) = delete;

  // The rows of `sql` with `parameters` bound in order (1-based), as an array.
  nlohmann::json rows(std::string_view sql, const std::vector<SqlValue>& parameters = {}) const;
  // True when the table exists (an older or partial home may lack it).
  bool has_table(std::string_view table) const;

 private:
  ReadOnlyDatabase(std::filesystem::path path, sqlite3* handle)
      : path_(std::move(path)), db_(handle) {}
  [[noreturn]] void fail(std::string_view what) const;

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

}  // namespace ae::core
