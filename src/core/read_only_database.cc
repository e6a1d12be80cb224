#include "core/read_only_database.h"

#include "core/error.h"
#include "core/sqlite_read_open.h"

namespace ae::core {

std::optional<ReadOnlyDatabase> ReadOnlyDatabase::open(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  return ReadOnlyDatabase(path, open_sqlite_for_reading(path));
}

ReadOnlyDatabase::~ReadOnlyDatabase() {
  if (db_ != nullptr) sqlite3_close(db_);
}

ReadOnlyDatabase::ReadOnlyDatabase(ReadOnlyDatabase&& other) noexcept
    : path_(std::move(other.path_)), db_(other.db_) {
  other.db_ = nullptr;
}

void ReadOnlyDatabase::fail(std::string_view what) const {
  throw IoError(path_.string() + ": " + std::string(what) + ": " + sqlite3_errmsg(db_));
}

nlohmann::json ReadOnlyDatabase::rows(std::string_view sql,
                                      const std::vector<SqlValue>& parameters) const {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) !=
      SQLITE_OK)
    fail("cannot prepare query");
  struct Finalize {
    sqlite3_stmt* s;
    ~Finalize() { sqlite3_finalize(s); }
  } finalize{statement};
  for (size_t i = 0; i < parameters.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    if (const auto* integer = std::get_if<std::int64_t>(&parameters[i]))
      sqlite3_bind_int64(statement, index, *integer);
    else if (const auto* real = std::get_if<double>(&parameters[i]))
      sqlite3_bind_double(statement, index, *real);
    else {
      const auto& text = std::get<std::string>(parameters[i]);
      sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()),
                        SQLITE_TRANSIENT);
    }
  }
  nlohmann::json result = nlohmann::json::array();
  const int columns = sqlite3_column_count(statement);
  for (;;) {
    const int code = sqlite3_step(statement);
    if (code == SQLITE_DONE) break;
    if (code != SQLITE_ROW) fail("query failed");
    nlohmann::json row = nlohmann::json::object();
    for (int c = 0; c < columns; ++c) {
      const char* name = sqlite3_column_name(statement, c);
      switch (sqlite3_column_type(statement, c)) {
        case SQLITE_NULL:
          row[name] = nullptr;
          break;
        case SQLITE_INTEGER:
          row[name] = sqlite3_column_int64(statement, c);
          break;
        case SQLITE_FLOAT:
          row[name] = sqlite3_column_double(statement, c);
          break;
        default:
          row[name] = std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, c)),
                                  static_cast<size_t>(sqlite3_column_bytes(statement, c)));
      }
    }
    result.push_back(std::move(row));
  }
  return result;
}

bool ReadOnlyDatabase::has_table(std::string_view table) const {
  return !rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
               {std::string(table)})
              .empty();
}

}  // namespace ae::core
