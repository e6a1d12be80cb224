#include "states/run/task_tokens.h"

#include "core/error.h"

namespace ae::states {

void InMemoryTaskTokens::issue(const std::string& token, const std::string&) {
  std::lock_guard lock(mutex_);
  tokens_[token];
}

std::optional<TaskTokenOutcome> InMemoryTaskTokens::outcome(const std::string& token) {
  std::lock_guard lock(mutex_);
  auto it = tokens_.find(token);
  return it == tokens_.end() ? std::nullopt : it->second.outcome;
}

std::optional<core::Timestamp> InMemoryTaskTokens::last_heartbeat(const std::string& token) {
  std::lock_guard lock(mutex_);
  auto it = tokens_.find(token);
  return it == tokens_.end() ? std::nullopt : it->second.heartbeat;
}

InMemoryTaskTokens::Entry& InMemoryTaskTokens::entry(const std::string& token) {
  auto it = tokens_.find(token);
  if (it == tokens_.end()) throw core::NotFound("unknown task token '" + token + "'");
  if (it->second.outcome) throw core::InvalidInput("task token '" + token + "' already completed");
  return it->second;
}

void InMemoryTaskTokens::send_success(const std::string& token, Json output) {
  std::lock_guard lock(mutex_);
  entry(token).outcome = TaskTokenOutcome{true, std::move(output), "", ""};
}

void InMemoryTaskTokens::send_failure(const std::string& token, std::string error,
                                      std::string cause) {
  std::lock_guard lock(mutex_);
  entry(token).outcome = TaskTokenOutcome{false, nullptr, std::move(error), std::move(cause)};
}

void InMemoryTaskTokens::send_heartbeat(const std::string& token, core::Timestamp at) {
  std::lock_guard lock(mutex_);
  entry(token).heartbeat = at;
}

}  // namespace ae::states
