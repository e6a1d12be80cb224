// Internal to the interpreter: only interpreter.cc and the *_state.cc files
// of this folder include it. ExecutionRun is one execution in progress: what
// it carries from state to state (the $$ context object, the event counter,
// the random source, the resume point) and the code that runs each state.
// interpreter.cc holds the run loop, history emission, input/output
// processing, Retry/Catch and the Pass, Succeed and Fail states; Task,
// Choice, Wait, Parallel and Map each run in their own <type>_state.cc.
#pragma once

#include <chrono>
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
  struct Aborted {};
  struct TimedOut {};

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
    return Scope{data, context_, variables, &random_};
  }
  void emit_final(const char* type, Json details);
  long long emit(std::string_view type, const std::string& state, Json details = nullptr);
  void set_state_context(const State& state, core::Timestamp entered, int retry_count);
  Json run_machine(const StateMachine& machine, const std::string& start, Json input,
                   Variables& variables, bool top);
  Outcome run_body(const State& state, const Json& raw, Variables& variables, long long entry_id,
                   int retry_count);
  Json input_of(const State& state, const Json& raw, const Variables& variables);
  // Binds `values`, once they are within the payload limits.
  void assign(const State& state, Variables& variables, const Json& values);
  Outcome finish(const State& state, const Json& raw, Json result, Variables& variables,
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
  inline Outcome run_pass(const State& state, Json input, Variables& variables);

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
  Outcome run_choice(const State& state, const Json& raw, Variables& variables);

  // wait_state.cc
  Outcome run_wait(const State& state, const Json& raw, Variables& variables);

  // parallel_state.cc
  Outcome run_parallel(const State& state, const Json& raw, Variables& variables);

  // map_state.cc
  Outcome run_map(const State& state, const Json& raw, Variables& variables);
  std::optional<double> map_number(const NumberOrPath& field, const char* name, bool integer,
                                   const Json& data, const Variables& variables);
  std::vector<Json> batch(const State& state, std::vector<Json> inputs, const Json& effective,
                          const Variables& variables);

  const ResourceRegistry& resources_;
  core::Clock& clock_;
  HistorySink* history_;
  TaskTokenBroker* tokens_;
  const InterpreterOptions& options_;
  const ExecutionInfo& info_;
  RandomSource random_;
  Json context_;
  Json* state_context_ = nullptr;  // context_["State"], its Name and EnteredTime strings
  std::string* state_name_ = nullptr;
  std::string* entered_time_ = nullptr;
  bool has_retry_count_ = false;
  std::optional<core::Timestamp> context_entered_;  // what $$.State.EnteredTime shows
  long long events_ = 0;
  long long resume_entry_ = 0;
  core::Timestamp last_time_{};
  std::string last_time_text_;
  const StateMachine* top_machine_ = nullptr;
  std::string current_top_state_;
};

}  // namespace ae::states
