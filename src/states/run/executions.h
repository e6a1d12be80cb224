// The executions service: starts, resumes, redrives and stops durable
// executions of state machines kept in a HistoryStore. Every execution runs
// to completion in the calling process; its history and checkpoints are
// written as it goes (see history_store.h), so after a crash `resume`
// continues from the last top-level state entered (a task in flight runs
// again under the same idempotency key) and `redrive` restarts a failed
// execution from the state it failed in, as AWS's RedriveExecution does.
// An execution may also be recorded first and run later, by anyone who
// calls `resume` (`ae sfn serve` runs them on its workers): `create` records
// a new one, `reopen` a redriven one. EXPRESS executions get AWS's express
// ARN (arns.h), and a synchronous one (StartSyncExecution) no
// $$.Execution.RedriveCount; only STANDARD executions can be redriven.
// A service parses each definition text once (the parsed machine is
// immutable and shared by the executions that run it; the last few texts are
// kept).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "states/parse/definition.h"
#include "states/resources/resources.h"
#include "states/store/history_store.h"

namespace ae::states {

struct StartRequest {
  std::string definition;  // ASL JSON text
  Json input = Json::object();
  std::string name;           // execution name; generated when empty
  std::string state_machine;  // state machine name; "local" when empty
  std::string clock = "real";
  std::string type = "STANDARD";  // or "EXPRESS"
  bool synchronous = false;       // EXPRESS only: started by StartSyncExecution
  bool background = false;        // see ExecutionRecord::background
};

// An execution's input as StartExecution takes it: at most kMaxPayloadBytes
// of JSON text (AWS's 256 KiB quota, checked before parsing, so a huge input
// costs no memory) nested at most core::kMaxJsonDepth levels. Throws
// InvalidInput naming `what` ("--input") and the limit.
Json parse_execution_input(std::string_view text, std::string_view what);

class ExecutionService {
 public:
  ExecutionService(HistoryStore& store, const ResourceRegistry& resources, core::Clock& clock,
                   InterpreterOptions options = {});

  // Validates the definition (DefinitionError) and the input's size
  // (InvalidInput, as parse_execution_input), records and runs it.
  ExecutionRecord start(const StartRequest& request);
  // The same checks; records it RUNNING without running it (`resume` does).
  ExecutionRecord create(const StartRequest& request);
  // A RUNNING execution whose process died, or one only created or
  // reopened: continue from its checkpoint (or start it).
  ExecutionRecord resume(const std::string& id_or_name);
  // A FAILED / TIMED_OUT / ABORTED STANDARD execution: run again from the
  // state it stopped in, with that state's input (reopen, then resume).
  ExecutionRecord redrive(const std::string& id_or_name);
  // Marks it RUNNING again for a new attempt at that state, durably, with
  // its redrive count increased; InvalidInput when it cannot be redriven.
  ExecutionRecord reopen(const std::string& id_or_name);
  // Asks a running execution to stop at its next state; an execution that is
  // not running in any process is marked ABORTED at once by `resume`.
  void stop(const std::string& id_or_name);

  // Wraps the durable history sink of every execution this service runs
  // from now on (crash injection: crash_at_state.h).
  using HistoryDecorator = std::function<std::unique_ptr<HistorySink>(HistorySink& durable)>;
  void decorate_history(HistoryDecorator decorator) { decorator_ = std::move(decorator); }

 private:
  // Checks the input and the type, records the execution RUNNING.
  ExecutionRecord record_new(const StartRequest& request);
  // `machine` is the parsed record.definition when the caller has it.
  ExecutionRecord run(const ExecutionRecord& record, const std::optional<Checkpoint>& from,
                      std::shared_ptr<const StateMachine> machine = nullptr);
  // The parsed definition (DefinitionError when invalid), parsed on first use.
  std::shared_ptr<const StateMachine> machine_of(const std::string& definition);

  HistoryStore& store_;
  const ResourceRegistry& resources_;
  core::Clock& clock_;
  InterpreterOptions options_;
  HistoryDecorator decorator_;
  std::mutex parsed_mutex_;
  std::map<std::string, std::shared_ptr<const StateMachine>> parsed_;  // by definition text
};

}  // namespace ae::states
