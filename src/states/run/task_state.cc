#include <random>

#include "states/parse/limits.h"
#include "states/run/failure.h"
#include "states/run/internal/execution_run.h"

namespace ae::states {

std::optional<long long> ExecutionRun::seconds_field(const NumberOrPath& field, const Json& data,
                                                     const Variables& variables) {
  if (field.value) return static_cast<long long>(*field.value);
  if (!field.path) return std::nullopt;
  Json value = path_value(*field.path, data, variables);
  if (!value.is_number_integer() || value.get<double>() < 1 || value.get<double>() > kMaxSeconds) {
    throw runtime_failure("The value at '" + field.path->text() + "' is not an integer from 1 to " +
                          std::to_string(kMaxSeconds) + ": " + value.dump());
  }
  return value.get<long long>();
}

ExecutionRun::Outcome ExecutionRun::run_task(const State& state, const Json& raw,
                                             Variables& variables, long long entry_id,
                                             int retry_count) {
  Json effective = input_of(state, raw, variables);
  auto timeout = seconds_field(state.timeout_seconds, effective, variables);
  auto heartbeat = seconds_field(state.heartbeat_seconds, effective, variables);
  auto [resource, pattern] = split_integration_pattern(state.resource);
  std::optional<std::string> token;
  if (pattern == "waitForTaskToken") {
    std::uniform_int_distribution<std::uint64_t> any;
    token = info_.id + ":" + std::to_string(entry_id) + ":" + std::to_string(retry_count) + ":" +
            std::to_string(any(random_.engine()) % 1000000007ULL);
    context_["Task"] = {{"Token", *token}};
  }
  Json parameters;
  try {
    parameters = state.parameters ? state.parameters->evaluate(scope(effective, variables))
                                  : std::move(effective);
  } catch (...) {
    context_.erase("Task");
    throw;
  }
  context_.erase("Task");
  check_size(state, parameters, "was given parameters");
  TaskRequest request{
      resource,
      state.name,
      std::move(parameters),
      step_key(entry_id),
      token,
      &clock_,
      timeout ? std::optional(std::chrono::seconds(*timeout)) : options_.default_task_timeout};
  emit("TaskScheduled", state.name,
       history_ != nullptr ? Json{{"resource", state.resource},
                                  {"parameters", request.input},
                                  {"idempotencyKey", request.idempotency_key}}
                           : Json());
  const core::Timestamp started = clock_.now();
  emit("TaskStarted", state.name,
       history_ != nullptr ? Json{{"resource", state.resource}} : Json());
  Json result;
  try {
    if (token) {
      if (tokens_ == nullptr)
        throw StateFailure(errors::kRuntime, "no task token service for '" + state.resource + "'");
      {
        auto lock = lock_shared();
        tokens_->issue(*token, info_.id);
      }
      resources_.invoke(request);
      if (history_ != nullptr) {
        auto lock = lock_shared();
        history_->flush();
      }
      result = await_token(*token, started, timeout, heartbeat);
    } else {
      result = resources_.invoke(request);
      if (timeout && clock_.now() - started > std::chrono::seconds(*timeout))
        throw StateFailure(errors::kTimeout, "");
    }
    check_size(state, result, kReturnedResult);  // before the history records it
  } catch (const StateFailure& failure) {
    bool timed_out =
        failure.error() == errors::kTimeout || failure.error() == errors::kHeartbeatTimeout;
    emit(timed_out ? "TaskTimedOut" : "TaskFailed", state.name,
         history_ != nullptr ? Json{{"resource", state.resource},
                                    {"error", failure.error()},
                                    {"cause", failure.cause()}}
                             : Json());
    throw;
  }
  emit("TaskSucceeded", state.name,
       history_ != nullptr ? Json{{"resource", state.resource}, {"output", result}} : Json());
  return finish(state, raw, std::move(result), variables, &state.next);
}

Json ExecutionRun::await_token(const std::string& token, core::Timestamp started,
                               std::optional<long long> timeout,
                               std::optional<long long> heartbeat) {
  while (true) {
    stop_if_requested();
    {
      auto lock = lock_shared();  // the broker may share the history's database
      if (auto outcome = tokens_->outcome(token)) {
        if (outcome->succeeded) return outcome->output;
        throw StateFailure(outcome->error, outcome->cause);
      }
      const core::Timestamp now = clock_.now();
      if (timeout && now - started >= std::chrono::seconds(*timeout))
        throw StateFailure(errors::kTimeout, "");
      if (heartbeat) {
        core::Timestamp last = tokens_->last_heartbeat(token).value_or(started);
        if (now - std::max(last, started) >= std::chrono::seconds(*heartbeat))
          throw StateFailure(errors::kHeartbeatTimeout, "");
      }
    }
    clock_.sleep_for(options_.poll_interval);
  }
}

}  // namespace ae::states
