#include "states/store/history_reader.h"

namespace ae::states {
namespace {

using nlohmann::json;

constexpr const char* kSummaryColumns =
    "id, name, state_machine, status, input, error, cause, failed_state, start_time, stop_time, "
    "redrive_count, clock";

}  // namespace

std::optional<HistoryReader> HistoryReader::open(const std::filesystem::path& executions_database) {
  auto database = core::ReadOnlyDatabase::open(executions_database);
  if (!database) return std::nullopt;
  return HistoryReader(std::move(*database));
}

bool HistoryReader::has_history() const { return database_.has_table("executions"); }

json HistoryReader::executions() const {
  if (!has_history()) return json::array();
  return database_.rows(std::string("SELECT ") + kSummaryColumns +
                        " FROM executions ORDER BY start_time DESC, name DESC");
}

json HistoryReader::execution(const std::string& id_or_name) const {
  if (!has_history()) return nullptr;
  const auto rows = database_.rows(std::string("SELECT ") + kSummaryColumns +
                                       ", definition FROM executions WHERE name = ? OR id = ?",
                                   {id_or_name, id_or_name});
  return rows.empty() ? json() : rows[0];
}

json HistoryReader::execution_status(const std::string& id_or_name) const {
  if (!has_history()) return nullptr;
  const auto rows = database_.rows("SELECT id, status FROM executions WHERE name = ? OR id = ?",
                                   {id_or_name, id_or_name});
  return rows.empty() ? json() : rows[0];
}

json HistoryReader::events(const std::string& execution_id, int limit) const {
  if (!has_history()) return json::array();
  return database_.rows(
      "SELECT id, type, timestamp, state, details FROM events WHERE execution_id = ? "
      "ORDER BY id LIMIT ?",
      {execution_id, static_cast<std::int64_t>(limit)});
}

std::vector<std::string> HistoryReader::entered_states(const std::string& execution_id,
                                                       int limit) const {
  std::vector<std::string> states;
  if (!has_history()) return states;
  for (const auto& event : database_.rows(
           "SELECT state FROM events WHERE execution_id = ? AND type LIKE '%StateEntered' "
           "ORDER BY id LIMIT ?",
           {execution_id, static_cast<std::int64_t>(limit)}))
    states.push_back(event["state"].get<std::string>());
  return states;
}

json HistoryReader::first_event_details(const std::string& execution_id, const std::string& state,
                                        const std::string& type) const {
  if (!has_history()) return nullptr;
  const auto rows = database_.rows(
      "SELECT details FROM events WHERE execution_id = ? AND state = ? AND type = ? "
      "ORDER BY id LIMIT 1",
      {execution_id, state, type});
  if (rows.empty()) return nullptr;
  json details = json::parse(rows[0]["details"].get<std::string>(), nullptr, false);
  return details.is_discarded() ? json() : details;
}

}  // namespace ae::states
