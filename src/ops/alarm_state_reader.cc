#include "ops/alarm_state_reader.h"

namespace ae::ops {

std::optional<AlarmStateReader> AlarmStateReader::open(const std::filesystem::path& ops_database) {
  auto database = core::ReadOnlyDatabase::open(ops_database);
  if (!database) return std::nullopt;
  return AlarmStateReader(std::move(*database));
}

bool AlarmStateReader::has_alarms() const { return database_.has_table("alarm_state"); }

nlohmann::json AlarmStateReader::states() const {
  if (!has_alarms()) return nlohmann::json::array();
  return database_.rows(
      "SELECT alarm_name, state, reason, updated_us FROM alarm_state ORDER BY "
      "CASE state WHEN 'ALARM' THEN 0 WHEN 'INSUFFICIENT_DATA' THEN 1 ELSE 2 END, alarm_name");
}

nlohmann::json AlarmStateReader::firing() const {
  if (!has_alarms()) return nlohmann::json::array();
  return database_.rows(
      "SELECT alarm_name, reason, updated_us FROM alarm_state WHERE state = 'ALARM' "
      "ORDER BY alarm_name");
}

nlohmann::json AlarmStateReader::state(const std::string& alarm_name) const {
  if (!has_alarms()) return nullptr;
  const auto rows = database_.rows(
      "SELECT alarm_name, state, reason, updated_us FROM alarm_state WHERE alarm_name = ?",
      {alarm_name});
  return rows.empty() ? nlohmann::json() : rows[0];
}

nlohmann::json AlarmStateReader::history(int limit) const {
  if (!has_alarms()) return nlohmann::json::array();
  return database_.rows(
      "SELECT alarm_name, timestamp_us, old_state, new_state, reason FROM alarm_history "
      "ORDER BY timestamp_us DESC, id DESC LIMIT ?",
      {static_cast<std::int64_t>(limit)});
}

nlohmann::json AlarmStateReader::history(const std::string& alarm_name, int limit) const {
  if (!has_alarms()) return nlohmann::json::array();
  return database_.rows(
      "SELECT timestamp_us, old_state, new_state, reason FROM alarm_history WHERE "
      "alarm_name = ? ORDER BY timestamp_us DESC LIMIT ?",
      {alarm_name, static_cast<std::int64_t>(limit)});
}

}  // namespace ae::ops
