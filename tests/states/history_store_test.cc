// HistoryStore's schema: a store written by an older build (schema version
// 2: events and checkpoints in rowid tables) is migrated in place on open,
// its executions, events and checkpoints kept, into tables stored in their
// key's order (WITHOUT ROWID).
#include "states/store/history_store.h"

#include <gtest/gtest.h>

#include "core/sqlite.h"
#include "support/test_support.h"

namespace ae::states {
namespace {

// The tables as schema version 2 wrote them.
void write_version_2_store(const std::filesystem::path& path) {
  core::Database db(path);
  db.execute(R"sql(
CREATE TABLE executions(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,
  state_machine TEXT NOT NULL, definition TEXT NOT NULL, input TEXT NOT NULL,
  status TEXT NOT NULL, output TEXT, error TEXT, cause TEXT,
  failed_state TEXT NOT NULL DEFAULT '', start_time TEXT NOT NULL,
  stop_time TEXT NOT NULL DEFAULT '', redrive_count INTEGER NOT NULL DEFAULT 0,
  stop_requested INTEGER NOT NULL DEFAULT 0, clock TEXT NOT NULL DEFAULT 'real',
  type TEXT NOT NULL DEFAULT 'STANDARD', synchronous INTEGER NOT NULL DEFAULT 0,
  background INTEGER NOT NULL DEFAULT 0);
CREATE INDEX executions_by_machine ON executions(state_machine);
CREATE TABLE events(execution_id TEXT NOT NULL, id INTEGER NOT NULL, type TEXT NOT NULL,
  timestamp TEXT NOT NULL, state TEXT NOT NULL, details TEXT NOT NULL,
  PRIMARY KEY(execution_id, id));
CREATE TABLE checkpoints(execution_id TEXT PRIMARY KEY, state TEXT NOT NULL,
  input TEXT NOT NULL, variables TEXT NOT NULL, event_id INTEGER NOT NULL,
  entry_id INTEGER NOT NULL);
CREATE TABLE task_tokens(token TEXT PRIMARY KEY, execution_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'WAITING', output TEXT, error TEXT, cause TEXT, heartbeat TEXT);
INSERT INTO executions(id, name, state_machine, definition, input, status, start_time, clock)
  VALUES('exec-1', 'old-run', 'loop', '{}', '{"n": 1}', 'RUNNING',
         '2026-03-02T14:30:00.000Z', 'virtual');
INSERT INTO events VALUES('exec-1', 1, 'ExecutionStarted', '2026-03-02T14:30:00.000Z', '',
                          '{"input": {"n": 1}}');
INSERT INTO events VALUES('exec-1', 2, 'PassStateEntered', '2026-03-02T14:31:00.000Z', 'Poll',
                          '{"input": {"n": 1}}');
INSERT INTO checkpoints VALUES('exec-1', 'Poll', '{"n": 1}', '{"x": 2}', 1, 2);
PRAGMA user_version=2;
)sql");
}

std::string table_sql(core::Database& db, const std::string& table) {
  auto query = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
  query.bind(1, table);
  return query.step() ? query.column_text(0) : "";
}

TEST(HistoryStoreSchema, AVersion2StoreIsMigratedWithEverythingItHeld) {
  test::TempDir dir;
  const auto path = dir.path() / "executions.sqlite";
  write_version_2_store(path);
  {
    HistoryStore store(path);
    const auto record = store.get("old-run");
    EXPECT_EQ(record.input, Json({{"n", 1}}));
    const auto events = store.events("exec-1");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[1].type, "PassStateEntered");
    EXPECT_EQ(events[1].state, "Poll");
    EXPECT_EQ(events[1].details, Json({{"input", {{"n", 1}}}}));
    const auto checkpoint = store.checkpoint("exec-1");
    ASSERT_TRUE(checkpoint);
    EXPECT_EQ(checkpoint->state, "Poll");
    EXPECT_EQ(checkpoint->variables, Json({{"x", 2}}));
    EXPECT_EQ(checkpoint->entry_id, 2);
    store.write("exec-1", {HistoryEvent{3, "PassStateExited", {}, "Poll", Json::object()}},
                std::nullopt);
    EXPECT_EQ(store.last_event_id("exec-1"), 3);
  }
  core::Database db(path);
  EXPECT_EQ(db.schema_version(), 3);
  EXPECT_NE(table_sql(db, "events").find("WITHOUT ROWID"), std::string::npos);
  EXPECT_NE(table_sql(db, "checkpoints").find("WITHOUT ROWID"), std::string::npos);
}

}  // namespace
}  // namespace ae::states
