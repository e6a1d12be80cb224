// Internal to the interpreter: only interpreter.cc and the *.cc files of this
// folder include it. ExecutionRun is one execution in progress: what it
// carries from state to state (the $$ context object, the event counter, the
// random source, the resume point) and the code that runs each state.
// interpreter.cc holds the run loop, history emission, input/output
// processing, Retry/Catch and the Pass, Succeed and Fail states; Task,
// Choice, Wait, Parallel and Map each run in their own <type>_state.cc, and
// iterations.cc runs a Map's iterations or a Parallel's branches.
//
// Each Map iteration and Parallel branch is a child ExecutionRun: its own $$
// State (the execution's members are read from the top run's, not copied),
// random source, clock (a fork of a virtual one) and idempotency-key prefix;
// it shares the execution's event counter, history sink and token broker,
// which a child that may run beside others (`concurrent_`) uses under the
// execution's mutex. The top run never records while its children run.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "states/parse/definition.h"
#include "states/parse/scope.h"
#include "states/resources/resources.h"
#include "states/run/interpreter.h"
#include "states/run/task_tokens.h"
#include "states/store/history.h"

namespace ae::states {

class ExecutionRun {
 public:
  ExecutionRun(const ResourceRegistry& resources, core::Clock& clock, HistorySink* history,
               TaskTokenBroker* tokens, const InterpreterOptions& options,
               const ExecutionInfo& info);

  ExecutionResult execute(const StateMachine& machine, const std::optional<Checkpoint>& resume);

 private:
  struct Aborted {};    // the execution was asked to stop
  struct TimedOut {};   // the execution ran past its TimeoutSeconds
  struct Cancelled {};  // a sibling iteration or branch failed: this one stops

  // What the top run and all its children share.
  struct Shared {
    std::mutex mutex;                   // for concurrent children: the sink and the broker
    std::atomic<long long> events = 0;  // event ids: recorded under `mutex` when there is a sink
  };

  // A run for the Map iterations or Parallel branches of `parent` (see the
  // file comment), one after another: begin_child(i) starts child i, whose
  // tasks' idempotency keys start with `key_prefix` + i; `cancelled` is the
  // group's stop flag. `key_prefix` must outlive the run.
  ExecutionRun(ExecutionRun& parent, core::Clock& clock, const std::string& key_prefix,
               const std::atomic<bool>* cancelled, bool concurrent);
  void begin_child(size_t index) {
    child_index_ = index;
    step_ = 0;
  }

  // What a state hands back to the run loop.
  struct Outcome {
    Json output;
    // A Next / Default / Catch target in the definition (which outlives the
    // run); null or empty: the machine ends here.
    const std::string* next = nullptr;
  };

  // A value as error messages show it: a string as is, anything else as JSON.
  static std::string render_value(const Json& value);

  // The run loop, history and $$, input/output processing and the dispatch
  // to each state type (interpreter.cc).
  Scope scope(const Json& data, const Variables& variables) {
    return Scope{data, context_, variables, &random_, outer_context_};
  }
  // Points state_context_ and its strings into context_["State"].
  void bind_state_context();
  // Holds the execution's mutex when this run may run beside others.
  std::unique_lock<std::mutex> lock_shared() {
    return concurrent_ ? std::unique_lock(shared_->mutex) : std::unique_lock<std::mutex>();
  }
  // The key of the state entered as `entry_id` (or, in a child, the child's
  // current step): execution id + ":" + entry id at the top level, the
  // child's prefix + ":" + its step number inside; the same on a re-run
  // whatever the interleaving of concurrent iterations.
  std::string step_key(long long entry_id) const;
  // Whether this run's group (or an enclosing one) was cancelled.
  bool cancelled() const;
  void emit_final(const char* type, Json details);
  // The next event id. Only a run beside others (concurrent_) shares the
  // counter with other threads at the time; any other run is alone on it
  // (a group's parent waits for its lanes), so it needs no atomic increment.
  inline long long next_event_id();
  // Takes the next event id; a Runtime failure past max_history_events.
  inline long long count_event();
  [[noreturn]] void history_limit_reached() const;
  long long emit(std::string_view type, const std::string& state, Json details = nullptr);
  // Updates $$.State for `state`; nothing for a state that cannot read it.
  void set_state_context(const State& state, core::Timestamp entered, int retry_count);
  Json run_machine(const StateMachine& machine, const std::string& start, Json input,
                   Variables& variables, bool top);
  // `raw` is the caller's copy of the state's input. Pass, Choice, Wait and
  // Succeed are never retried (only Task, Parallel and Map take Retry and
  // Catch), so they may consume it instead of copying it.
  Outcome run_body(const State& state, Json& raw, Variables& variables, long long entry_id,
                   int retry_count);
  // The effective input: `raw` through InputPath. Taken by value, so that a
  // caller done with its input hands it over by move.
  Json input_of(const State& state, Json raw, const Variables& variables);
  // Binds `values`, once they are within the payload limits.
  void assign(const State& state, Variables& variables, const Json& values);
  // `result` is taken by reference to an rvalue, not by value: a moved-from
  // copy per state is measurable on the hot path.
  Outcome finish(const State& state, const Json& raw, Json&& result, Variables& variables,
                 const std::string* next);
  Json output_of(const State& state, Json output, const Variables& variables);
  Json path_value(const JsonPath& path, const Json& data, const Variables& variables);

  // The steps every state takes in the run loop, Retry/Catch and the Pass
  // state: defined inline in interpreter.cc and called from there only, so
  // that the compiler can fold them into the loop (the hot path).
  inline const std::string& time_text(core::Timestamp instant);
  inline Outcome run_state(const State& state, Json& raw, Variables& variables, long long entry_id);
  inline std::optional<std::chrono::microseconds> retry_delay(const State& state,
                                                              const std::string& error,
                                                              std::vector<int>& attempts);
  inline Json apply_result_path(const ResultPathSpec& spec, const Json& raw, Json result);
  // States.DataLimitExceeded when `value` is over the payload limit or nested
  // deeper than core::kMaxJsonDepth; `what` words it ("returned a result").
  void check_size(const State& state, const Json& value, const char* what);
  // AWS's words for a result over the limit (recorded in the AWS-parity data).
  static constexpr const char* kReturnedResult = "returned a result";
  static inline bool consumes_input(const State& state);
  inline Outcome run_pass(const State& state, Json&& input, Variables& variables);

  // task_state.cc
  Outcome run_task(const State& state, const Json& raw, Variables& variables, long long entry_id,
                   int retry_count);
  Json await_token(const std::string& token, core::Timestamp started,
                   std::optional<long long> timeout, std::optional<long long> heartbeat);
  std::optional<long long> seconds_field(const NumberOrPath& field, const Json& data,
                                         const Variables& variables);

  // wait_state.cc: waits on the clock until `until`; on a real clock it
  // polls the stop flag meanwhile, every InterpreterOptions::poll_interval.
  void wait_until(core::Timestamp until);
  // Aborted when the history sink says the execution is to stop.
  void stop_if_requested();

  // choice_state.cc
  Outcome run_choice(const State& state, Json raw, Variables& variables);

  // wait_state.cc
  Outcome run_wait(const State& state, Json raw, Variables& variables);

  // parallel_state.cc
  Outcome run_parallel(const State& state, const Json& raw, Variables& variables,
                       long long entry_id);

  // map_state.cc
  Outcome run_map(const State& state, const Json& raw, Variables& variables, long long entry_id);
  std::optional<double> map_number(const NumberOrPath& field, const char* name, bool integer,
                                   const Json& data, const Variables& variables);
  std::vector<Json> batch(const State& state, std::vector<Json> inputs, const Json& effective,
                          const Variables& variables);

  // iterations.cc: runs `count` children of the Map or Parallel `state`, at
  // most `lanes` at once, child i running machine(i) on input(i).
  struct Iterations {
    size_t count = 0;
    size_t lanes = 1;
    std::function<const StateMachine&(size_t)> machine;
    std::function<Json(size_t)> input;  // called once per child, before it starts
    // Called with each failed child's failure, one at a time, while none has
    // stopped the group: true cancels the children still running and starts
    // no more.
    std::function<bool(size_t, const StateFailure&)> stops;
  };
  struct IterationResults {
    std::vector<Json> outputs;                // by child; null if it failed or never ran
    std::map<size_t, StateFailure> failures;  // by child
    std::optional<StateFailure> stopped_by;   // the failure that cancelled the group
  };
  // Whether a child running `machine` can wait for anything (a Task, a Wait,
  // a nested Map or Parallel). Children that cannot run in one lane: threads
  // would only add their cost, and no result or timestamp would differ.
  static bool may_wait(const StateMachine& machine);
  // Throws Aborted when the execution was asked to stop meanwhile (after
  // every child has ended), and rethrows anything else a child threw; records
  // the state's <Type>StateAborted / <Type>StateFailed event first (also when
  // a child's failure stopped the group: the caller then throws it).
  IterationResults run_iterations(const State& state, long long entry_id,
                                  const Variables& variables, const Iterations& plan);

  const ResourceRegistry& resources_;
  core::Clock& clock_;
  HistorySink* history_;
  TaskTokenBroker* tokens_;
  const InterpreterOptions& options_;
  const ExecutionInfo& info_;
  Shared own_shared_;  // used by the top run only
  Shared* shared_;     // the top run's
  const ExecutionRun* parent_ = nullptr;
  const std::atomic<bool>* cancelled_ = nullptr;
  bool concurrent_ = false;
  const std::string* key_prefix_ = nullptr;  // children only
  size_t child_index_ = 0;                   // children: which iteration or branch
  long long step_ = 0;                       // children: the states entered so far
  RandomSource random_;
  const Json* outer_context_ = nullptr;  // children: the top run's $$
  Json context_;
  Json* state_context_ = nullptr;  // context_["State"], its Name and EnteredTime strings
  std::string* state_name_ = nullptr;
  const State* context_state_ = nullptr;  // the state $$.State.Name names
  std::string* entered_time_ = nullptr;
  bool has_retry_count_ = false;
  std::optional<core::Timestamp> context_entered_;  // what $$.State.EnteredTime shows
  long long resume_entry_ = 0;
  core::Timestamp last_time_{};
  std::string last_time_text_;
  const StateMachine* top_machine_ = nullptr;
  const std::string* current_top_state_ = nullptr;  // a name in the machine
};

}  // namespace ae::states
