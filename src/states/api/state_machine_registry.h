// The state machines of the Step Functions API and their tags, durable in
// one SQLite file (core::Home::state_machines_database(): tables
// state_machines and tags; WAL). Safe to share between threads (one
// connection behind a mutex). Dates are kept as AWS prints them
// ("2026-04-20T13:30:00.123Z").
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/sqlite.h"
#include "states/parse/json_path.h"

namespace ae::states::api {

struct StateMachineRecord {
  long long sequence = 0;  // creation order: the listing's cursor
  std::string arn;
  std::string name;
  std::string type;  // STANDARD | EXPRESS
  std::string definition;
  std::string role_arn;
  Json logging;  // loggingConfiguration as given (an object)
  Json tracing;  // tracingConfiguration as given (an object)
  std::string creation_date;
  std::string update_date;
};

using Tags = std::vector<std::pair<std::string, std::string>>;  // key, value

class StateMachineRegistry {
 public:
  explicit StateMachineRegistry(const std::filesystem::path& database);

  std::optional<StateMachineRecord> find(const std::string& arn);
  // False (nothing written) when a state machine of that name exists.
  bool create(const StateMachineRecord& record, const Tags& tags);
  // Definition, role, logging, tracing and update date of record.arn.
  void update(const StateMachineRecord& record);
  void remove(const std::string& arn);
  // In creation order, after the one of sequence `after`; at most `limit`.
  std::vector<StateMachineRecord> list(std::optional<long long> after, size_t limit);

  Tags tags(const std::string& arn);
  // Sets each key (replacing its value); the count it would reach after.
  size_t tag_count_after(const std::string& arn, const Tags& tags);
  void tag(const std::string& arn, const Tags& tags);
  void untag(const std::string& arn, const std::vector<std::string>& keys);

 private:
  std::mutex mutex_;
  core::Database database_;
};

}  // namespace ae::states::api
