#include "ops/ops_database.h"

#include <string>
#include <vector>

namespace ae::ops {

namespace {

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: metrics
      "CREATE TABLE metric_data ("
      "  id INTEGER PRIMARY KEY,"
      "  namespace TEXT NOT NULL,"
      "  name TEXT NOT NULL,"
      "  dimensions TEXT NOT NULL,"  // canonical JSON object, keys sorted
      "  value REAL NOT NULL,"
      "  unit TEXT NOT NULL,"
      "  timestamp_us INTEGER NOT NULL);"
      "CREATE INDEX metric_data_by_series ON metric_data(namespace, name, dimensions, "
      "timestamp_us);",
      // 2: alarms
      "CREATE TABLE alarm_state ("
      "  alarm_name TEXT PRIMARY KEY,"
      "  state TEXT NOT NULL,"
      "  reason TEXT NOT NULL,"
      "  updated_us INTEGER NOT NULL);"
      "CREATE TABLE alarm_history ("
      "  id INTEGER PRIMARY KEY,"
      "  alarm_name TEXT NOT NULL,"
      "  timestamp_us INTEGER NOT NULL,"
      "  old_state TEXT NOT NULL,"
      "  new_state TEXT NOT NULL,"
      "  reason TEXT NOT NULL,"
      "  actions TEXT NOT NULL);"
      "CREATE INDEX alarm_history_by_alarm ON alarm_history(alarm_name, timestamp_us);",
      // 3: notification dedup ledger
      "CREATE TABLE notification_dedup ("
      "  topic TEXT NOT NULL,"
      "  fingerprint TEXT NOT NULL,"
      "  last_sent_us INTEGER NOT NULL,"
      "  suppressed INTEGER NOT NULL,"
      "  PRIMARY KEY (topic, fingerprint));",
      // 4: deployments
      "CREATE TABLE deployments ("
      "  id INTEGER PRIMARY KEY,"
      "  git_sha TEXT NOT NULL,"
      "  status TEXT NOT NULL,"
      "  started_us INTEGER NOT NULL,"
      "  finished_us INTEGER,"
      "  document TEXT NOT NULL,"  // JSON: definition hashes, stamps, alarms hash
      "  error TEXT);",
      // 5: when each alarm started (its first evaluation); NULL for alarms
      // evaluated before this column existed (started long ago)
      "ALTER TABLE alarm_state ADD COLUMN started_us INTEGER;",
  };
  return kMigrations;
}

}  // namespace

std::unique_ptr<core::Database> open_ops_database(const std::filesystem::path& path) {
  auto database = std::make_unique<core::Database>(path);
  database->migrate(migrations());
  return database;
}

std::unique_ptr<core::Database> open_ops_database(const std::filesystem::path& path,
                                                  core::ReadOnly) {
  auto database = std::make_unique<core::Database>(path, core::kReadOnly);
  database->migrate(migrations());
  return database;
}

void relax_durability_for_heartbeats(core::Database& database) {
  database.execute("PRAGMA synchronous=NORMAL");
}

}  // namespace ae::ops
