// What an execution reports as it runs: numbered history events (AWS's
// names: ExecutionStarted, PassStateEntered, TaskScheduled, TaskSucceeded,
// MapIterationStarted, ExecutionFailed, ...) and, before every top-level
// state, a checkpoint from which the execution can be resumed after a crash.
// A HistorySink receives both; the durable one (history_store.h) writes them
// to SQLite before the interpreter takes its next step.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "states/parse/json_path.h"

namespace ae::states {

struct HistoryEvent {
  long long id = 0;
  std::string type;
  core::Timestamp timestamp{};
  std::string state;  // empty for execution-level events
  Json details;       // input/output/error/cause/resource..., event specific
};

// The durable point an execution resumes from: about to enter `state` with
// `input` and these top-level variables. `entry_id` is the event id of the
// state's entry; a task in flight at a crash is re-run under the same id, so
// its idempotency key (execution id + ":" + entry id) does not change.
struct Checkpoint {
  std::string state;
  Json input;
  Json variables = Json::object();
  long long event_id = 0;  // last event id written before the entry
  long long entry_id = 0;  // 0 = not entered yet
};

class HistorySink {
 public:
  virtual ~HistorySink() = default;
  virtual void record(HistoryEvent event) = 0;  // by value: sinks keep it without a copy
  // `side_effects` is true before a state that may act on the world (Task,
  // Parallel, Map, and a Wait on a real clock): that checkpoint must be
  // durable before the state runs. Other checkpoints may be batched, since re-running pure states
  // from an earlier checkpoint reproduces them.
  virtual void checkpoint(const Checkpoint& checkpoint, bool side_effects) = 0;
  // Asked before each checkpoint is built (it copies the state's input and
  // the variables): false skips it. A sink that batches answers false for the
  // checkpoints it would not commit.
  virtual bool wants_checkpoint(bool /*side_effects*/) { return true; }
  // Polled between top-level states and while a state waits; true aborts
  // the execution.
  virtual bool stop_requested() { return false; }
  // Called before the execution waits for something outside it (a task
  // token, a Wait on a real clock): a sink that buffers writes what it holds,
  // so that readers see the events up to the wait.
  virtual void flush() {}
};

}  // namespace ae::states
