// Runs one pipeline definition (weekday | saturday | eod) on the durable
// engine with the task functions and the built-in resources, and summarises
// its history: one line per top-level state entered (name, duration from the
// history's timestamps, a short result) in order.
// The input is the reference's shape plus run_date (the definitions merge it
// over their defaults). Child commands (ssm sendCommand) inherit this
// process's environment: the caller puts the right `ae` first on PATH and sets
// AE_HOME (see `ae run`).
#pragma once

#include <string>
#include <vector>

#include "app/task_context.h"
#include "states/resources/builtin_resources.h"
#include "states/store/history_store.h"

namespace ae::app {

struct PipelineRunRequest {
  std::string pipeline;                         // weekday | saturday | eod
  states::Json input = states::Json::object();  // run_date etc., in the engine's order
  std::string execution_name;                   // generated when empty
  std::string clock_kind = "virtual";           // recorded with the execution
  // Crash injection: "STATE[#N]" kills this process at that state's entry
  // (states/crash_at_state.h); empty: none.
  std::string crash_at;
};

struct StateLine {
  std::string state;
  std::string type;     // Task, Choice, Wait, ...
  double seconds = 0;   // exit - entry on the run's clock
  std::string result;   // "ok", "error: cause", "command failed: <its last stderr line>", ...
  bool failed = false;  // the task failed, or its command ran and failed
};

struct PipelineRun {
  states::ExecutionRecord record;
  std::vector<StateLine> states;
  // The named execution had already finished before this call: nothing ran.
  bool already_finished = false;
  // The named execution was RUNNING (its process died): it was resumed.
  bool resumed = false;
  bool succeeded() const { return record.status == states::ExecutionStatus::kSucceeded; }
  // Why a failed execution failed, beside the pipeline's generic error: its
  // first failed step ("first failed step STATE: result", a task that failed
  // or a command that ran and failed), else the last Choice before its Fail
  // state (a decision such as a deploy drift gate); empty when neither.
  std::string failure_reason() const;
  // "ERROR: cause (failure_reason)" for a failed execution; empty otherwise.
  std::string error_summary() const;
};

// Command steps run on services.commands, else on the durable runner under
// the context's state directory. Idempotent by name: when request.execution_name names an execution
// that has finished, it is returned as is (already_finished); one still RUNNING (its process died)
// is resumed from its last checkpoint.
PipelineRun run_pipeline(const TaskContext& context, const PipelineRunRequest& request,
                         const states::BuiltinServices& services = {});

// Summarises the history of one execution (as run_pipeline does).
std::vector<StateLine> state_lines(const std::vector<states::HistoryEvent>& events);

}  // namespace ae::app
