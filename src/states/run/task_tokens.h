// Task tokens for ".waitForTaskToken" integrations: the interpreter issues a
// token, passes it to the task as $$.Task.Token and waits until someone
// reports success or failure for it (send-task-success / send-task-failure)
// or its timeout / heartbeat deadline passes. Heartbeats extend the deadline.
// InMemoryTaskTokens serves one process; the SQLite-backed broker in
// history_store.h serves `ae sfn send-task-*` from another process.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/date.h"
#include "states/parse/json_path.h"

namespace ae::states {

struct TaskTokenOutcome {
  bool succeeded = false;
  Json output;
  std::string error;
  std::string cause;
};

class TaskTokenBroker {
 public:
  virtual ~TaskTokenBroker() = default;
  virtual void issue(const std::string& token, const std::string& execution_id) = 0;
  virtual std::optional<TaskTokenOutcome> outcome(const std::string& token) = 0;
  virtual std::optional<core::Timestamp> last_heartbeat(const std::string& token) = 0;
};

class InMemoryTaskTokens final : public TaskTokenBroker {
 public:
  void issue(const std::string& token, const std::string& execution_id) override;
  std::optional<TaskTokenOutcome> outcome(const std::string& token) override;
  std::optional<core::Timestamp> last_heartbeat(const std::string& token) override;

  // Throw NotFound for an unknown token, InvalidInput if already completed.
  void send_success(const std::string& token, Json output);
  void send_failure(const std::string& token, std::string error, std::string cause);
  void send_heartbeat(const std::string& token, core::Timestamp at);

 private:
  struct Entry {
    std::optional<TaskTokenOutcome> outcome;
    std::optional<core::Timestamp> heartbeat;
  };
  Entry& entry(const std::string& token);
  std::mutex mutex_;
  std::map<std::string, Entry> tokens_;
};

}  // namespace ae::states
