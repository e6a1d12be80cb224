#include "core/sqlite.h"

#include <cerrno>

#include "core/disk_full.h"
#include "core/error.h"
#include "core/sqlite_read_open.h"

namespace ae::core {

Database::Database(const std::filesystem::path& path, Durability durability) : path_(path) {
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec)
      throw IoError("cannot create directory for database '" + path.string() +
                    "': " + ec.message());
  }
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw IoError("cannot open database '" + path.string() + "': " + message);
  }
  sqlite3_busy_timeout(db_, 10000);
  sqlite3_extended_result_codes(db_, 1);
  try {
    execute("PRAGMA journal_mode=WAL");
    execute(durability == Durability::kFull ? "PRAGMA synchronous=FULL"
                                            : "PRAGMA synchronous=NORMAL");
    execute("PRAGMA foreign_keys=ON");
  } catch (...) {
    // A constructor that throws runs no destructor: close the connection
    // (and its file) here, or a full disk would leak one per attempt.
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

Database::Database(const std::filesystem::path& path, ReadOnly) : path_(path) {
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    db_ = open_sqlite_for_reading(path);
    read_only_ = true;
    return;
  }
  if (sqlite3_open_v2(":memory:", &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw IoError("cannot open an empty stand-in for database '" + path.string() + "'");
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() { sqlite3_close_v2(db_); }

std::string Database::error_prefix() const {
  const int system_error = sqlite3_system_errno(db_);
  const bool full = (sqlite3_errcode(db_) & 0xff) == SQLITE_FULL || is_out_of_space(system_error);
  return "database '" + path_.string() + "': " +
         (full ? disk_full_text(is_out_of_space(system_error) ? system_error : ENOSPC) + ": "
               : std::string());
}

void Database::fail(std::string_view what) const {
  throw IoError(error_prefix() + std::string(what) + ": " + sqlite3_errmsg(db_));
}

void Database::execute(std::string_view sql) {
  char* error = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw IoError(error_prefix() + message + " (in: " + text.substr(0, 120) + ")");
  }
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

int Database::schema_version() {
  Statement statement(*this, "PRAGMA user_version");
  statement.step();
  return static_cast<int>(statement.column_int(0));
}

void Database::migrate(const std::vector<std::string>& migrations) {
  const int known = static_cast<int>(migrations.size());
  auto refuse_newer = [&](int current) {
    if (current > known)
      throw IoError("database '" + path_.string() + "' has schema version " +
                    std::to_string(current) + ", newer than this build knows (" +
                    std::to_string(known) + ")");
  };
  if (read_only_) {
    const int current = schema_version();
    refuse_newer(current);
    if (current < known) read_migrated_copy(migrations, current);
    return;
  }
  Transaction transaction(*this);
  const int current = schema_version();
  refuse_newer(current);
  for (size_t i = static_cast<size_t>(current); i < migrations.size(); ++i) execute(migrations[i]);
  execute("PRAGMA user_version=" + std::to_string(known));
  transaction.commit();
}

// A reader of a file from an older build: the file is copied into memory
// (SQLite's online backup) and migrated there, then made query-only, so the
// reader sees this build's schema and the file stays as it was.
void Database::read_migrated_copy(const std::vector<std::string>& migrations, int current) {
  sqlite3* memory = nullptr;
  if (sqlite3_open_v2(":memory:", &memory, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(memory);
    fail("cannot open memory to read a copy migrated from schema version " +
         std::to_string(current));
  }
  sqlite3_backup* backup = sqlite3_backup_init(memory, "main", db_, "main");
  const int rc = backup != nullptr ? sqlite3_backup_step(backup, -1) : sqlite3_errcode(memory);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    const std::string message = sqlite3_errmsg(memory);
    sqlite3_close(memory);
    throw IoError(error_prefix() + "cannot copy it to read it migrated from schema version " +
                  std::to_string(current) + ": " + message);
  }
  sqlite3_close_v2(db_);
  db_ = memory;
  sqlite3_extended_result_codes(db_, 1);
  for (size_t i = static_cast<size_t>(current); i < migrations.size(); ++i) execute(migrations[i]);
  execute("PRAGMA user_version=" + std::to_string(migrations.size()));
  execute("PRAGMA query_only=1");
}

Statement::Statement(Database& database, std::string_view sql) : database_(&database) {
  if (sqlite3_prepare_v3(database.handle(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) != SQLITE_OK) {
    database.fail("cannot prepare '" + std::string(sql.substr(0, 120)) + "'");
  }
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement::Statement(Statement&& other) noexcept
    : database_(other.database_), statement_(other.statement_) {
  other.statement_ = nullptr;
}

namespace {
void check_bind(Database& database, int rc, int index) {
  if (rc != SQLITE_OK) database.fail("cannot bind parameter " + std::to_string(index));
}
}  // namespace

Statement& Statement::bind(int index, std::int64_t value) {
  check_bind(*database_, sqlite3_bind_int64(statement_, index, value), index);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  check_bind(*database_, sqlite3_bind_double(statement_, index, value), index);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  check_bind(*database_,
             sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8),
             index);
  return *this;
}

Statement& Statement::bind_unowned(int index, std::string_view text) {
  check_bind(
      *database_,
      sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8),
      index);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  check_bind(*database_,
             sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT),
             index);
  return *this;
}

Statement& Statement::bind_null(int index) {
  check_bind(*database_, sqlite3_bind_null(statement_, index), index);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  database_->fail("cannot execute '" + std::string(sqlite3_sql(statement_)).substr(0, 120) + "'");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}
std::int64_t Statement::column_int(int column) const {
  return sqlite3_column_int64(statement_, column);
}
double Statement::column_double(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string Statement::column_text(int column) const {
  const auto* text = sqlite3_column_blob(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  return text ? std::string(static_cast<const char*>(text), static_cast<size_t>(size))
              : std::string();
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_text(column);
}

Transaction::Transaction(Database& database) : database_(database) {
  database_.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      database_.execute("ROLLBACK");
    } catch (...) {
      // A failed rollback leaves SQLite to roll back on close; nothing to add.
    }
  }
}

void Transaction::commit() {
  database_.execute("COMMIT");
  done_ = true;
}

}  // namespace ae::core
