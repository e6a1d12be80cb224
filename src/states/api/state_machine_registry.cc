#include "states/api/state_machine_registry.h"

#include <set>

namespace ae::states::api {
namespace {

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> list = {R"sql(
CREATE TABLE state_machines(
  arn TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  definition TEXT NOT NULL,
  role_arn TEXT NOT NULL,
  logging TEXT NOT NULL,
  tracing TEXT NOT NULL,
  creation_date TEXT NOT NULL,
  update_date TEXT NOT NULL);
CREATE TABLE tags(
  resource_arn TEXT NOT NULL REFERENCES state_machines(arn) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(resource_arn, key));
)sql"};
  return list;
}

constexpr const char* kStateMachineColumns =
    "rowid, arn, name, type, definition, role_arn, logging, tracing, creation_date, update_date";

StateMachineRecord read_record(core::Statement& row) {
  return StateMachineRecord{row.column_int(0),
                            row.column_text(1),
                            row.column_text(2),
                            row.column_text(3),
                            row.column_text(4),
                            row.column_text(5),
                            Json::parse(row.column_text(6)),
                            Json::parse(row.column_text(7)),
                            row.column_text(8),
                            row.column_text(9)};
}

}  // namespace

StateMachineRegistry::StateMachineRegistry(const std::filesystem::path& database)
    : database_(database, core::Durability::kNormal) {
  database_.migrate(migrations());
}

std::optional<StateMachineRecord> StateMachineRegistry::find(const std::string& arn) {
  const std::lock_guard lock(mutex_);
  auto query = database_.prepare(std::string("SELECT ") + kStateMachineColumns +
                                 " FROM state_machines WHERE arn = ?");
  query.bind(1, arn);
  if (!query.step()) return std::nullopt;
  return read_record(query);
}

bool StateMachineRegistry::create(const StateMachineRecord& record, const Tags& tags) {
  const std::lock_guard lock(mutex_);
  core::Transaction transaction(database_);
  auto exists = database_.prepare("SELECT 1 FROM state_machines WHERE name = ?");
  exists.bind(1, record.name);
  if (exists.step()) return false;
  database_
      .prepare(
          "INSERT INTO state_machines(arn, name, type, definition, role_arn, logging, tracing, "
          "creation_date, update_date) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, record.arn)
      .bind(2, record.name)
      .bind(3, record.type)
      .bind(4, record.definition)
      .bind(5, record.role_arn)
      .bind(6, record.logging.dump())
      .bind(7, record.tracing.dump())
      .bind(8, record.creation_date)
      .bind(9, record.update_date)
      .run();
  for (const auto& [key, value] : tags) {
    database_.prepare("INSERT OR REPLACE INTO tags(resource_arn, key, value) VALUES(?, ?, ?)")
        .bind(1, record.arn)
        .bind(2, key)
        .bind(3, value)
        .run();
  }
  transaction.commit();
  return true;
}

void StateMachineRegistry::update(const StateMachineRecord& record) {
  const std::lock_guard lock(mutex_);
  database_
      .prepare(
          "UPDATE state_machines SET definition = ?, role_arn = ?, logging = ?, tracing = ?, "
          "update_date = ? WHERE arn = ?")
      .bind(1, record.definition)
      .bind(2, record.role_arn)
      .bind(3, record.logging.dump())
      .bind(4, record.tracing.dump())
      .bind(5, record.update_date)
      .bind(6, record.arn)
      .run();
}

void StateMachineRegistry::remove(const std::string& arn) {
  const std::lock_guard lock(mutex_);
  database_.prepare("DELETE FROM state_machines WHERE arn = ?").bind(1, arn).run();
}

std::vector<StateMachineRecord> StateMachineRegistry::list(std::optional<long long> after,
                                                           size_t limit) {
  const std::lock_guard lock(mutex_);
  auto query = database_.prepare(std::string("SELECT ") + kStateMachineColumns +
                                 " FROM state_machines WHERE rowid > ? ORDER BY rowid LIMIT ?");
  query.bind(1, static_cast<std::int64_t>(after.value_or(0)))
      .bind(2, static_cast<std::int64_t>(limit));
  std::vector<StateMachineRecord> out;
  while (query.step()) out.push_back(read_record(query));
  return out;
}

Tags StateMachineRegistry::tags(const std::string& arn) {
  const std::lock_guard lock(mutex_);
  auto query = database_.prepare("SELECT key, value FROM tags WHERE resource_arn = ? ORDER BY key");
  query.bind(1, arn);
  Tags out;
  while (query.step()) out.emplace_back(query.column_text(0), query.column_text(1));
  return out;
}

size_t StateMachineRegistry::tag_count_after(const std::string& arn, const Tags& tags) {
  std::set<std::string> keys;
  for (const auto& [key, value] : this->tags(arn)) keys.insert(key);
  for (const auto& [key, value] : tags) keys.insert(key);
  return keys.size();
}

void StateMachineRegistry::tag(const std::string& arn, const Tags& tags) {
  const std::lock_guard lock(mutex_);
  core::Transaction transaction(database_);
  for (const auto& [key, value] : tags) {
    database_.prepare("INSERT OR REPLACE INTO tags(resource_arn, key, value) VALUES(?, ?, ?)")
        .bind(1, arn)
        .bind(2, key)
        .bind(3, value)
        .run();
  }
  transaction.commit();
}

void StateMachineRegistry::untag(const std::string& arn, const std::vector<std::string>& keys) {
  const std::lock_guard lock(mutex_);
  core::Transaction transaction(database_);
  for (const auto& key : keys)
    database_.prepare("DELETE FROM tags WHERE resource_arn = ? AND key = ?")
        .bind(1, arn)
        .bind(2, key)
        .run();
  transaction.commit();
}

}  // namespace ae::states::api
