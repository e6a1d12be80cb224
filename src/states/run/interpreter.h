// The interpreter: runs a parsed state machine to completion, one state at a
// time, on an injected clock (a virtual clock makes Wait states and retry
// back-off instantaneous). Input/output processing follows the ASL order
// (InputPath, Parameters, task, ResultSelector, ResultPath, OutputPath; Assign
// takes effect after the state). Retry and Catch wrap Task, Parallel and Map.
// Parallel branches all run at once, Map iterations up to MaxConcurrency at
// once (0 or none: 40), each on a thread of its own; results keep the input's
// order. The first failure that is not tolerated cancels the siblings still
// running (MapIterationAborted; a task already invoked finishes first) and
// starts no more. On a virtual clock each concurrent lane has its own fork of
// the timeline from the state's start, and the state ends at the latest lane's
// end. A task's idempotency key is its execution id and entry event id at the
// top level, and inside a Map or Parallel the enclosing key, "/", the
// iteration or branch index, ":" and the step number within it - the same on
// a re-run whatever the interleaving. Resource handlers must therefore be
// safe to call from several threads at once.
// A stop request (HistorySink::stop_requested) aborts the execution between
// states and while a state waits (a Wait on a real clock, a task waiting for
// its token).
// Limits (states/parse/limits.h): a task's parameters or result, a state's
// result or output, or an Assign over 256 KiB or nested deeper than
// core::kMaxJsonDepth fails with States.DataLimitExceeded, checked before the
// value is recorded in the history; more than 25,000 history events fails
// the execution.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "states/parse/definition.h"
#include "states/parse/limits.h"
#include "states/resources/resources.h"
#include "states/run/task_tokens.h"
#include "states/store/history.h"

namespace ae::states {

struct ExecutionInfo {
  std::string id;    // execution ARN
  std::string name;  // execution name
  std::string state_machine_id;
  std::string state_machine_name;
  Json input;
  core::Timestamp start_time{};
  int redrive_count = 0;
  bool synchronous_express = false;  // StartSyncExecution: no RedriveCount
};

enum class ExecutionStatus { kRunning, kSucceeded, kFailed, kAborted, kTimedOut };
const char* status_name(ExecutionStatus status);

struct ExecutionResult {
  ExecutionStatus status = ExecutionStatus::kRunning;
  Json output;                       // when succeeded
  std::optional<std::string> error;  // when failed (absent: the Fail state named none)
  std::optional<std::string> cause;
  std::string failed_state;  // top-level state where the failure surfaced
};

inline constexpr std::chrono::seconds kDefaultTaskTimeout{24 * 60 * 60};

struct InterpreterOptions {
  size_t max_payload_bytes = kMaxPayloadBytes;
  long long max_history_events = 25000;
  // How often a waiting state polls: a task waiting for its token polls the
  // token and the stop flag, a Wait on a real clock the stop flag.
  std::chrono::milliseconds poll_interval{200};
  // The timeout handed to a task's resource when the state has no
  // TimeoutSeconds[Path] (AWS's default is 99999999 s): a command task
  // function that never exits is stopped here (States.Timeout) instead of
  // hanging the engine. nullopt: no local cap. `ae sfn run
  // --default-task-timeout` sets it.
  std::optional<std::chrono::seconds> default_task_timeout = kDefaultTaskTimeout;
};

class Interpreter {
 public:
  // `history` and `tokens` may be null (no history kept; .waitForTaskToken
  // then fails with States.Runtime).
  Interpreter(std::shared_ptr<const StateMachine> machine, const ResourceRegistry& resources,
              core::Clock& clock, HistorySink* history = nullptr, TaskTokenBroker* tokens = nullptr,
              InterpreterOptions options = {});

  // Runs from StartAt, or from `resume` (a checkpoint of this execution).
  ExecutionResult run(const ExecutionInfo& info, const std::optional<Checkpoint>& resume = {});

 private:
  std::shared_ptr<const StateMachine> machine_;
  const ResourceRegistry& resources_;
  core::Clock& clock_;
  HistorySink* history_;
  TaskTokenBroker* tokens_;
  InterpreterOptions options_;
};

// Millisecond ISO-8601 UTC ("2026-04-20T13:30:00.123Z"), as AWS prints times.
std::string format_aws_time(core::Timestamp instant);

}  // namespace ae::states
