// Read-only queries on the execution history (executions.sqlite: executions,
// events) for readers that never write (the dashboard). The database is
// opened read-only and never created: open() returns nullopt when the file
// does not exist, and a database without the tables reads as no executions.
// Rows are nlohmann::json objects (the readers' type, not the engine's
// insertion-ordered nlohmann::json) keyed by the columns named below, text as stored
// (input, definition and details are JSON text, in the engine's order),
// NULL -> null.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/read_only_database.h"

namespace ae::states {

class HistoryReader {
 public:
  static std::optional<HistoryReader> open(const std::filesystem::path& executions_database);

  // Every execution, newest first (by start_time, then name): id, name,
  // state_machine, status, input, error, cause, failed_state, start_time,
  // stop_time, redrive_count, clock.
  nlohmann::json executions() const;
  // The execution named or identified `id_or_name`: the columns above and its
  // definition; null when there is none.
  nlohmann::json execution(const std::string& id_or_name) const;
  // {id, status} of that execution; null when there is none.
  nlohmann::json execution_status(const std::string& id_or_name) const;
  // The first `limit` events of an execution, in order: id, type, timestamp,
  // state, details.
  nlohmann::json events(const std::string& execution_id, int limit) const;
  // The states an execution entered (its *StateEntered events), in order, at
  // most `limit`.
  std::vector<std::string> entered_states(const std::string& execution_id, int limit) const;
  // The details of the first event of `type` in `state` of an execution,
  // parsed; null when there is none or they are not JSON.
  nlohmann::json first_event_details(const std::string& execution_id, const std::string& state,
                                     const std::string& type) const;

 private:
  explicit HistoryReader(core::ReadOnlyDatabase database) : database_(std::move(database)) {}
  bool has_history() const;

  core::ReadOnlyDatabase database_;
};

}  // namespace ae::states
