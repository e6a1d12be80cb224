// A small RAII layer over SQLite for the ledger, execution history, metrics and
// every other durable table. Contract:
//   - Database opens (creating if needed) a file in WAL mode with a busy
//     timeout, foreign keys on and synchronous=FULL by default (durable against
//     a power loss; NORMAL is durable against a process crash only);
//   - Database(path, kReadOnly) is a reader's: the file is opened as
//     sqlite_read_open.h says (SQLITE_OPEN_READONLY, no PRAGMA, works on a full
//     disk); a file that does not exist reads as an empty database (in
//     memory, the migrations applied there) and is not created; every write
//     fails;
//   - every failure throws IoError naming the database file and SQLite's
//     message; a write refused for lack of space says "disk full" (disk_full.h);
//   - Statement binds by 1-based index, steps, and reads typed columns;
//   - Transaction commits explicitly and rolls back in its destructor otherwise;
//   - migrate() applies numbered schema migrations once each, in order, inside
//     a transaction, tracking the version in PRAGMA user_version. A read-only
//     database of an older version is read from a copy in memory migrated
//     there (the file is not changed; writes still fail). A file from a newer
//     build is refused (IoError naming the file and both versions).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ae::core {

enum class Durability { kFull, kNormal };

struct ReadOnly {};
inline constexpr ReadOnly kReadOnly{};

class Database;

class Statement {
 public:
  Statement(Database& database, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  // Binds `text` without copying it: it must stay alive and unchanged until
  // the statement has run and been reset (a bulk insert's hot path).
  Statement& bind_unowned(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);

  // Advances to the next row; false when done. Throws IoError on failure.
  bool step();
  // Runs to completion (for statements that return no rows).
  void run();
  // Resets for re-execution with new bindings (bindings are cleared).
  void reset();

  bool is_null(int column) const;
  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  std::optional<std::string> column_optional_text(int column) const;

 private:
  Database* database_;
  sqlite3_stmt* statement_ = nullptr;
};

class Database {
 public:
  explicit Database(const std::filesystem::path& path, Durability durability = Durability::kFull);
  Database(const std::filesystem::path& path, ReadOnly);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows.
  void execute(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(*this, sql); }
  std::int64_t last_insert_rowid() const;
  int changes() const;

  // Applies migrations[i] (for i >= current user_version) and sets the version.
  void migrate(const std::vector<std::string>& migrations);
  int schema_version();

  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(std::string_view what) const;

 private:
  // "database 'PATH': " and, for a write refused for lack of space, "disk full (...): ".
  std::string error_prefix() const;
  // Replaces a reader's handle on a file at schema version `current` with a
  // query-only copy in memory, migrated to `migrations`.
  void read_migrated_copy(const std::vector<std::string>& migrations, int current);

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
  bool read_only_ = false;  // a reader's handle on an existing file
};

// BEGIN IMMEDIATE on construction; commit() makes it permanent; otherwise the
// destructor rolls back.
class Transaction {
 public:
  explicit Transaction(Database& database);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& database_;
  bool done_ = false;
};

}  // namespace ae::core
