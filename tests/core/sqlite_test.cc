#include "core/sqlite.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <iterator>

#include "core/error.h"
#include "support/test_support.h"

namespace ae::core {
namespace {

const std::vector<std::string> kMigrations = {
    "CREATE TABLE trades(id INTEGER PRIMARY KEY, ticker TEXT NOT NULL, shares INTEGER, price REAL)",
    "ALTER TABLE trades ADD COLUMN note TEXT",
};

TEST(Sqlite, OpensInWalModeAndMigratesOnce) {
  test::TempDir dir;
  Database db(dir.path() / "sub" / "ledger.db");
  EXPECT_EQ(db.schema_version(), 0);
  db.migrate(kMigrations);
  EXPECT_EQ(db.schema_version(), 2);
  db.migrate(kMigrations);  // idempotent
  EXPECT_EQ(db.schema_version(), 2);
  auto mode = db.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.column_text(0), "wal");
}

TEST(Sqlite, PreparedStatementsBindAndRead) {
  test::TempDir dir;
  Database db(dir.path() / "ledger.db");
  db.migrate(kMigrations);
  auto insert = db.prepare("INSERT INTO trades(ticker, shares, price, note) VALUES(?, ?, ?, ?)");
  insert.bind(1, "AAPL").bind(2, 10).bind(3, 187.25).bind_null(4).run();
  insert.reset();
  insert.bind(1, std::string("MSFT")).bind(2, std::int64_t{5}).bind(3, 410.5).bind(4, "x").run();
  EXPECT_EQ(db.last_insert_rowid(), 2);

  auto select = db.prepare("SELECT ticker, shares, price, note FROM trades ORDER BY id");
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.column_text(0), "AAPL");
  EXPECT_EQ(select.column_int(1), 10);
  EXPECT_DOUBLE_EQ(select.column_double(2), 187.25);
  EXPECT_TRUE(select.is_null(3));
  EXPECT_EQ(select.column_optional_text(3), std::nullopt);
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.column_optional_text(3), "x");
  EXPECT_FALSE(select.step());
}

// bind_unowned binds without a copy: what the text held when the statement
// ran is what was stored, for each run of a reused statement.
TEST(Sqlite, UnownedTextIsStoredAsItWasWhenTheStatementRan) {
  test::TempDir dir;
  Database db(dir.path() / "ledger.db");
  db.migrate(kMigrations);
  auto insert = db.prepare("INSERT INTO trades(ticker, shares, price, note) VALUES(?, 1, 1.0, ?)");
  std::string ticker;
  const std::string note(300, 'n');  // beyond any small-string buffer
  for (const char* name : {"AAPL", "MSFT", "A"}) {
    ticker = name;
    insert.bind_unowned(1, ticker).bind_unowned(2, note).run();
    insert.reset();
  }
  auto select = db.prepare("SELECT ticker, note FROM trades ORDER BY id");
  for (const char* name : {"AAPL", "MSFT", "A"}) {
    ASSERT_TRUE(select.step());
    EXPECT_EQ(select.column_text(0), name);
    EXPECT_EQ(select.column_text(1), note);
  }
  EXPECT_FALSE(select.step());
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
  test::TempDir dir;
  Database db(dir.path() / "ledger.db");
  db.migrate(kMigrations);
  {
    Transaction t(db);
    db.execute("INSERT INTO trades(ticker) VALUES('A')");
  }
  {
    Transaction t(db);
    db.execute("INSERT INTO trades(ticker) VALUES('B')");
    t.commit();
  }
  auto count = db.prepare("SELECT group_concat(ticker) FROM trades");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.column_text(0), "B");
}

TEST(Sqlite, FailuresNameTheDatabaseAndTheProblem) {
  test::TempDir dir;
  Database db(dir.path() / "ledger.db");
  db.migrate(kMigrations);
  try {
    db.prepare("SELECT nope FROM trades");
    FAIL();
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("ledger.db"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos);
  }
  EXPECT_THROW(db.execute("INSERT INTO trades(shares) VALUES(1)"), IoError);  // NOT NULL
  EXPECT_THROW(Database(dir.path() / "ledger.db" / "inside-a-file.db"), IoError);
}

// On a full disk (a file size limit of 0 bytes, in a child process) the
// open fails at its first write, and leaves no file open however often it
// is tried.
TEST(Sqlite, AnOpenThatFailsOnAFullDiskLeavesNoFileOpen) {
  test::TempDir dir;
  const auto open_files = [] {
    return std::distance(std::filesystem::directory_iterator("/proc/self/fd"),
                         std::filesystem::directory_iterator());
  };
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const rlimit none{0, 0};
    ::setrlimit(RLIMIT_FSIZE, &none);
    ::signal(SIGXFSZ, SIG_IGN);
    const auto before = open_files();
    int refused = 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
      try {
        Database db(dir.path() / "full.db");
      } catch (const IoError&) {
        ++refused;
      }
    }
    ::_exit(refused == 5 && open_files() == before ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "every open refused, and no file left open";
}

TEST(Sqlite, RefusesADatabaseFromANewerBuild) {
  test::TempDir dir;
  Database db(dir.path() / "ledger.db");
  db.migrate(kMigrations);
  EXPECT_THROW(db.migrate({kMigrations[0]}), IoError);
}

// A reader of a file an older build wrote sees this build's schema, from a
// copy migrated in memory: the file keeps its version, and writes still fail.
TEST(Sqlite, AReaderOfAnOlderFileReadsItMigratedAndLeavesItAsItWas) {
  test::TempDir dir;
  const auto path = dir.path() / "ledger.db";
  {
    Database old_build(path);
    old_build.migrate({kMigrations[0]});
    old_build.execute("INSERT INTO trades(ticker) VALUES('OLD')");
  }
  Database reader(path, kReadOnly);
  reader.migrate(kMigrations);
  EXPECT_EQ(reader.schema_version(), 2);
  auto select = reader.prepare("SELECT ticker, note FROM trades");
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.column_text(0), "OLD");
  EXPECT_FALSE(select.column_optional_text(1).has_value());
  EXPECT_THROW(reader.execute("INSERT INTO trades(ticker) VALUES('NEW')"), IoError);
  Database file_again(path, kReadOnly);
  EXPECT_EQ(file_again.schema_version(), 1);
  Database newer(path);
  newer.migrate(kMigrations);
  Database reader_of_newer(path, kReadOnly);
  EXPECT_THROW(reader_of_newer.migrate({kMigrations[0]}), IoError);
}

TEST(Sqlite, CommittedDataSurvivesReopen) {
  test::TempDir dir;
  {
    Database db(dir.path() / "ledger.db");
    db.migrate(kMigrations);
    db.execute("INSERT INTO trades(ticker) VALUES('KEEP')");
  }
  Database db(dir.path() / "ledger.db");
  auto select = db.prepare("SELECT ticker FROM trades");
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.column_text(0), "KEEP");
}

}  // namespace
}  // namespace ae::core
