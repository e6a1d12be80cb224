// Read-only queries on the alarm tables of ops.db (alarm_state,
// alarm_history) for readers that never write (the dashboard). The database
// is opened read-only and never created: open() returns nullopt when the file
// does not exist, and a database without the alarm tables reads as no alarms.
// Rows are JSON objects with the fields named below; updated_us and
// timestamp_us are microseconds since the Unix epoch.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/read_only_database.h"

namespace ae::ops {

class AlarmStateReader {
 public:
  static std::optional<AlarmStateReader> open(const std::filesystem::path& ops_database);

  // Every alarm {alarm_name, state, reason, updated_us}: ALARM first, then
  // INSUFFICIENT_DATA, then OK, by name within each.
  nlohmann::json states() const;
  // The alarms in ALARM {alarm_name, reason, updated_us}, by name.
  nlohmann::json firing() const;
  // One alarm {alarm_name, state, reason, updated_us}; null when it has no state.
  nlohmann::json state(const std::string& alarm_name) const;
  // The newest `limit` transitions of every alarm
  // {alarm_name, timestamp_us, old_state, new_state, reason}, newest first.
  nlohmann::json history(int limit) const;
  // The newest `limit` transitions of one alarm
  // {timestamp_us, old_state, new_state, reason}, newest first.
  nlohmann::json history(const std::string& alarm_name, int limit) const;

 private:
  explicit AlarmStateReader(core::ReadOnlyDatabase database) : database_(std::move(database)) {}
  bool has_alarms() const;

  core::ReadOnlyDatabase database_;
};

}  // namespace ae::ops
