#include "states/run/interpreter.h"

#include <cmath>
#include <random>

#include "core/error.h"
#include "core/json_limits.h"
#include "states/parse/timestamp.h"
#include "states/run/arns.h"
#include "states/run/failure.h"
#include "states/run/internal/execution_run.h"

namespace ae::states {

const char* status_name(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::kRunning:
      return "RUNNING";
    case ExecutionStatus::kSucceeded:
      return "SUCCEEDED";
    case ExecutionStatus::kFailed:
      return "FAILED";
    case ExecutionStatus::kAborted:
      return "ABORTED";
    case ExecutionStatus::kTimedOut:
      return "TIMED_OUT";
  }
  return "?";
}

std::string format_aws_time(core::Timestamp instant) {
  using namespace std::chrono;
  auto day = floor<days>(instant);
  year_month_day date{day};
  hh_mm_ss<microseconds> time{instant - day};
  const int year = static_cast<int>(date.year());
  const long long fields[] = {static_cast<unsigned>(date.month()),
                              static_cast<unsigned>(date.day()),
                              time.hours().count(),
                              time.minutes().count(),
                              time.seconds().count(),
                              time.subseconds().count() / 1000};
  if (year < 0 || year > 9999) {  // outside YYYY: let printf widen the year
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", year,
                  fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    return buffer;
  }
  // Digits by hand: this runs for every state entered on a moving clock, and
  // snprintf was a fifth of a polling loop's time.
  std::string out = "0000-00-00T00:00:00.000Z";
  auto put = [&out](size_t end, long long value, int width) {
    for (int i = 0; i < width; ++i, value /= 10)
      out[end - static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(3, year, 4);
  put(6, fields[0], 2);
  put(9, fields[1], 2);
  put(12, fields[2], 2);
  put(15, fields[3], 2);
  put(18, fields[4], 2);
  put(22, fields[5], 3);
  return out;
}

namespace {

constexpr std::string_view kDecorated = "An error occurred while executing the state";

bool matches_error(const std::vector<std::string>& names, const std::string& error) {
  for (const auto& name : names) {
    if (name == error) return true;
    if (name == errors::kAll && error != errors::kRuntime && error != errors::kDataLimitExceeded)
      return true;
    if (name == errors::kTaskFailed && error != errors::kTimeout &&
        error != errors::kHeartbeatTimeout && error != errors::kRuntime &&
        error != errors::kDataLimitExceeded && !error.starts_with("States."))
      return true;
  }
  return false;
}

// A ResultPath that puts the result in place of the whole input ($ or none).
bool replaces_input(const ResultPathSpec& spec) {
  return !spec.discard && (!spec.path || spec.path->segments().empty());
}

// "<Type>StateEntered" / "<Type>StateExited", built once.
const std::string& state_event(StateType type, bool entered) {
  static const auto names = [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (StateType t :
         {StateType::kTask, StateType::kPass, StateType::kChoice, StateType::kWait,
          StateType::kSucceed, StateType::kFail, StateType::kParallel, StateType::kMap}) {
      const std::string name = state_type_name(t);
      out.resize(std::max(out.size(), static_cast<size_t>(t) + 1));
      out[static_cast<size_t>(t)] = {name + "StateEntered", name + "StateExited"};
    }
    return out;
  }();
  const auto& pair = names.at(static_cast<size_t>(type));
  return entered ? pair.first : pair.second;
}

}  // namespace

std::string ExecutionRun::render_value(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

ExecutionRun::ExecutionRun(const ResourceRegistry& resources, core::Clock& clock,
                           HistorySink* history, TaskTokenBroker* tokens,
                           const InterpreterOptions& options, const ExecutionInfo& info)
    : resources_(resources),
      clock_(clock),
      history_(history),
      tokens_(tokens),
      options_(options),
      info_(info),
      shared_(&own_shared_) {
  // Members in the order AWS shows them (recorded in the AWS-parity cases):
  // an express execution's StartTime comes after RoleArn, a standard one's
  // after Input.
  const auto arn = parse_states_arn(info.id);
  const bool express = arn && arn->resource_type == "express";
  Json execution = Json::object();
  reserve_members(execution, 6);  // built in place: the input is not copied as it grows
  execution["Id"] = info.id;
  execution["Input"] = info.input;
  if (!express) execution["StartTime"] = format_aws_time(info.start_time);
  execution["Name"] = info.name;
  execution["RoleArn"] = kLocalRoleArn;
  if (express) execution["StartTime"] = format_aws_time(info.start_time);
  if (!info.synchronous_express) execution["RedriveCount"] = info.redrive_count;
  context_ = Json::object();
  reserve_members(context_, 5);  // Execution, StateMachine, State, Task, Map
  context_["Execution"] = std::move(execution);
  context_["StateMachine"] = {{"Id", info.state_machine_id}, {"Name", info.state_machine_name}};
  bind_state_context();
}

ExecutionRun::ExecutionRun(ExecutionRun& parent, core::Clock& clock, const std::string& key_prefix,
                           const std::atomic<bool>* cancelled, bool concurrent)
    : resources_(parent.resources_),
      clock_(clock),
      history_(parent.history_),
      tokens_(parent.tokens_),
      options_(parent.options_),
      info_(parent.info_),
      shared_(parent.shared_),
      parent_(&parent),
      cancelled_(cancelled),
      concurrent_(concurrent || parent.concurrent_),
      key_prefix_(&key_prefix),
      outer_context_(parent.outer_context_ != nullptr ? parent.outer_context_ : &parent.context_) {
  context_ = Json::object();
  reserve_members(context_, 3);  // State, Task, Map
  bind_state_context();
}

// $$.State, and pointers into it for set_state_context. Room is reserved for
// every member $$ can have, so that the pointers stay valid: object members
// live in a vector, which must not grow. "Task" and "Map" come and go after
// "State", whose place therefore never changes.
void ExecutionRun::bind_state_context() {
  context_["State"] = {{"Name", ""}, {"EnteredTime", ""}};
  state_context_ = &context_["State"];
  reserve_members(*state_context_, 1);  // RetryCount
  state_name_ = &(*state_context_)["Name"].get_ref<std::string&>();
  entered_time_ = &(*state_context_)["EnteredTime"].get_ref<std::string&>();
}

std::string ExecutionRun::step_key(long long entry_id) const {
  if (parent_ == nullptr) return info_.id + ":" + std::to_string(entry_id);
  return *key_prefix_ + std::to_string(child_index_) + ":" + std::to_string(step_);
}

bool ExecutionRun::cancelled() const {
  for (const ExecutionRun* run = this; run != nullptr; run = run->parent_)
    if (run->cancelled_ != nullptr && run->cancelled_->load(std::memory_order_relaxed)) return true;
  return false;
}

ExecutionResult ExecutionRun::execute(const StateMachine& machine,
                                      const std::optional<Checkpoint>& resume) {
  ExecutionResult result;
  Variables variables;
  std::string start = machine.start_at;
  Json input = info_.input;
  if (resume) {
    shared_->events = resume->event_id;
    start = resume->state;
    input = resume->input;
    variables.load(resume->variables);
    resume_entry_ = resume->entry_id;
    emit("ExecutionResumed", "", {{"state", start}});
  } else {
    emit("ExecutionStarted", "", {{"input", info_.input}});
  }
  top_machine_ = &machine;
  try {
    result.output = run_machine(machine, start, std::move(input), variables, true);
    result.status = ExecutionStatus::kSucceeded;
    emit_final("ExecutionSucceeded", {{"output", result.output}});
  } catch (const Aborted&) {
    result.status = ExecutionStatus::kAborted;
    emit_final("ExecutionAborted", Json::object());
  } catch (const TimedOut&) {
    result.status = ExecutionStatus::kTimedOut;
    result.error = errors::kTimeout;
    result.cause = "The execution exceeded its TimeoutSeconds";
    emit_final("ExecutionTimedOut", {{"error", *result.error}, {"cause", *result.cause}});
  } catch (const StateFailure& failure) {
    result.status = ExecutionStatus::kFailed;
    if (!failure.error().empty()) result.error = failure.error();
    if (!failure.cause().empty()) result.cause = failure.cause();
    if (current_top_state_ != nullptr) result.failed_state = *current_top_state_;
    emit_final("ExecutionFailed", {{"error", result.error ? Json(*result.error) : Json()},
                                   {"cause", result.cause ? Json(*result.cause) : Json()},
                                   {"state", result.failed_state}});
  }
  return result;
}

// A time as AWS prints it; the last one is cached, as the clock rarely
// moves between states on a virtual clock.
const std::string& ExecutionRun::time_text(core::Timestamp instant) {
  if (instant != last_time_ || last_time_text_.empty()) {
    last_time_ = instant;
    last_time_text_ = format_aws_time(instant);
  }
  return last_time_text_;
}

inline long long ExecutionRun::next_event_id() {
  auto& events = shared_->events;
  if (concurrent_) return events.fetch_add(1, std::memory_order_relaxed) + 1;
  const long long id = events.load(std::memory_order_relaxed) + 1;
  events.store(id, std::memory_order_relaxed);
  return id;
}

void ExecutionRun::emit_final(const char* type, Json details) {
  const long long id = next_event_id();
  if (history_ != nullptr)
    history_->record(HistoryEvent{id, type, clock_.now(), "", std::move(details)});
}

void ExecutionRun::history_limit_reached() const {
  throw StateFailure(errors::kRuntime, "The execution reached the limit of " +
                                           std::to_string(options_.max_history_events) +
                                           " history events.");
}

inline long long ExecutionRun::count_event() {
  const long long id = next_event_id();
  if (id > options_.max_history_events) [[unlikely]]
    history_limit_reached();
  return id;
}

long long ExecutionRun::emit(std::string_view type, const std::string& state, Json details) {
  if (history_ == nullptr) return count_event();
  // Ids are taken and recorded under one lock, so that the sink receives
  // them in order.
  auto lock = lock_shared();
  const long long id = count_event();
  history_->record(HistoryEvent{id, std::string(type), clock_.now(), state, std::move(details)});
  return id;
}

// $$.State; RetryCount appears only on states that can retry. Updated in
// place through the pointers the constructor took, as this runs for every
// state.
void ExecutionRun::set_state_context(const State& state, core::Timestamp entered, int retry_count) {
  if (!state.reads_context) return;
  if (context_state_ != &state) {
    state_name_->assign(state.name);
    context_state_ = &state;
  }
  if (!context_entered_ || *context_entered_ != entered) {
    entered_time_->assign(time_text(entered));
    context_entered_ = entered;
  }
  if (state.retry.empty()) {
    if (has_retry_count_) state_context_->erase("RetryCount");
    has_retry_count_ = false;
  } else {
    (*state_context_)["RetryCount"] = retry_count;
    has_retry_count_ = true;
  }
}

Json ExecutionRun::run_machine(const StateMachine& machine, const std::string& start, Json input,
                               Variables& variables, bool top) {
  auto position_of = [&machine](const std::string& name) {
    auto found = machine.index.find(name);
    if (found == machine.index.end())
      throw StateFailure(errors::kRuntime, "no state named '" + name + "'");
    return found->second;
  };
  size_t position = position_of(start);
  while (true) {
    const State& state = machine.states[position];
    long long entry_id = 0;
    if (top) {
      if (history_ != nullptr && history_->stop_requested()) throw Aborted{};
      if (top_machine_->timeout_seconds &&
          clock_.now() - info_.start_time > std::chrono::seconds(*top_machine_->timeout_seconds))
        throw TimedOut{};
      current_top_state_ = &state.name;
    } else if (parent_ != nullptr) {
      stop_if_requested();  // also throws Cancelled when the group was cancelled
      ++step_;
    }
    // Without a sink the events are only counted: no details are built.
    entry_id = history_ != nullptr
                   ? emit(state_event(state.type, true), state.name, Json{{"input", input}})
                   : count_event();
    if (top && history_ != nullptr) {
      // A Wait on a virtual clock takes no time: nothing can happen during
      // it, and replaying it from an earlier checkpoint gives the same
      // result and the same timestamps, so it commits like a pure state.
      const bool side_effects =
          state.type == StateType::kTask || state.type == StateType::kParallel ||
          state.type == StateType::kMap || (state.type == StateType::kWait && !clock_.is_virtual());
      if (history_->wants_checkpoint(side_effects)) {
        history_->checkpoint(Checkpoint{state.name, input, variables.to_json(), entry_id,
                                        resume_entry_ != 0 ? resume_entry_ : entry_id},
                             side_effects);
      }
    }
    if (top && resume_entry_ != 0) {
      entry_id = resume_entry_;
      resume_entry_ = 0;
    }
    Outcome outcome = run_state(state, input, variables, entry_id);
    if (history_ != nullptr) {
      emit(state_event(state.type, false), state.name, Json{{"output", outcome.output}});
    } else {
      count_event();
    }
    if (outcome.next == nullptr || outcome.next->empty()) return std::move(outcome.output);
    position = outcome.next == &state.next && state.next_index != std::string::npos
                   ? state.next_index
                   : position_of(*outcome.next);
    input.swap(outcome.output);  // no temporary, unlike a move assignment
  }
}

// `raw` is the caller's copy of the state's input (see run_body).
ExecutionRun::Outcome ExecutionRun::run_state(const State& state, Json& raw, Variables& variables,
                                              long long entry_id) {
  try {
    if (state.retry.empty() && state.catchers.empty()) {
      set_state_context(state, clock_.now(), 0);
      return run_body(state, raw, variables, entry_id, 0);
    }
    const core::Timestamp entered = clock_.now();
    std::vector<int> attempts(state.retry.size(), 0);
    int retry_count = 0;
    while (true) {
      set_state_context(state, entered, retry_count);
      try {
        return run_body(state, raw, variables, entry_id, retry_count);
      } catch (const StateFailure& failure) {
        if (failure.error() == errors::kRuntime) throw;
        if (auto delay = retry_delay(state, failure.error(), attempts)) {
          clock_.sleep_for(*delay);
          ++retry_count;
          continue;
        }
        for (const auto& catcher : state.catchers) {
          if (!matches_error(catcher.errors, failure.error())) continue;
          Json error_output = {{"Error", failure.error()}, {"Cause", failure.cause()}};
          if (failure.error().empty()) error_output.erase("Error");
          if (failure.cause().empty()) error_output.erase("Cause");
          std::optional<Json> assigned;
          if (catcher.assign) assigned = catcher.assign->evaluate(scope(error_output, variables));
          Json output = apply_result_path(catcher.result_path, raw, std::move(error_output));
          if (assigned) assign(state, variables, *assigned);
          return Outcome{std::move(output), &catcher.next};
        }
        throw;
      }
    }
  } catch (const StateFailure& failure) {
    if (failure.error() == errors::kRuntime && !failure.cause().starts_with(kDecorated)) {
      throw StateFailure(errors::kRuntime, std::string(kDecorated) + " '" + state.name +
                                               "' (entered at the event id #" +
                                               std::to_string(entry_id) + "). " + failure.cause());
    }
    throw;
  }
}

std::optional<std::chrono::microseconds> ExecutionRun::retry_delay(const State& state,
                                                                   const std::string& error,
                                                                   std::vector<int>& attempts) {
  for (size_t i = 0; i < state.retry.size(); ++i) {
    const Retrier& retrier = state.retry[i];
    if (!matches_error(retrier.errors, error)) continue;
    if (attempts[i] >= retrier.max_attempts) return std::nullopt;
    double seconds = retrier.interval_seconds * std::pow(retrier.backoff_rate, attempts[i]);
    if (retrier.max_delay_seconds) seconds = std::min(seconds, *retrier.max_delay_seconds);
    if (retrier.full_jitter)
      seconds = std::uniform_real_distribution<double>(0, seconds)(random_.engine());
    ++attempts[i];
    return std::chrono::microseconds(static_cast<long long>(seconds * 1e6));
  }
  return std::nullopt;
}

Json ExecutionRun::input_of(const State& state, Json raw, const Variables& variables) {
  if (state.input_discard) return Json::object();
  if (!state.input_path) return raw;
  PathMiss miss;
  auto value = evaluate_path(*state.input_path, scope(raw, variables), &miss);
  if (!value)
    throw runtime_failure("Invalid path '" + state.input_path->text() + "' : " + miss.detail);
  return std::move(*value);
}

Json ExecutionRun::apply_result_path(const ResultPathSpec& spec, const Json& raw, Json result) {
  if (spec.discard) return raw;
  if (replaces_input(spec)) return result;
  Json output = raw;
  spec.path->write(output, std::move(result));
  return output;
}

void ExecutionRun::check_size(const State& state, const Json& value, const char* what) {
  // A number, boolean, null, [] or {} is within every limit (most values a
  // state hands on): no walk.
  if (!value.is_string() && (!value.is_structured() || value.empty())) return;
  // The subject is built only for an error: this runs for every state.
  auto subject = [&] { return "The state/task '" + state.name + "' " + what; };
  if (core::json_depth(value) > core::kMaxJsonDepth)  // first: dump() recurses
    throw StateFailure(
        errors::kDataLimitExceeded,
        subject() + " nested deeper than " + std::to_string(core::kMaxJsonDepth) + " levels.");
  const size_t limit = options_.max_payload_bytes;
  if (core::json_size_estimate(value, limit) < limit * 9 / 10) return;
  if (value.dump().size() > limit) {
    throw StateFailure(
        errors::kDataLimitExceeded,
        subject() + " with a size exceeding the maximum number of bytes service limit.");
  }
}

void ExecutionRun::assign(const State& state, Variables& variables, const Json& values) {
  check_size(state, values, "assigned variables");
  for (const auto& [name, value] : values.items()) variables.set(name, value);
}

// ResultSelector, ResultPath, OutputPath and Assign, in that order; the
// assignments are evaluated on `result` but take effect last.
ExecutionRun::Outcome ExecutionRun::finish(const State& state, const Json& raw, Json&& result,
                                           Variables& variables, const std::string* next) {
  if (state.result_selector) result = state.result_selector->evaluate(scope(result, variables));
  check_size(state, result, kReturnedResult);
  const bool replaces = replaces_input(state.result_path);
  // Nothing to assign, merge or filter: the result is the output as it is.
  if (replaces && !state.assign && !state.output_path && !state.output_discard)
    return Outcome{std::move(result), next};
  std::optional<Json> assigned;
  if (state.assign) assigned = state.assign->evaluate(scope(result, variables));
  const bool merges = !state.result_path.discard && !replaces;
  Json output = apply_result_path(state.result_path, raw, std::move(result));
  if (merges) check_size(state, output, "produced an output");
  output = output_of(state, std::move(output), variables);
  if (assigned) assign(state, variables, *assigned);
  return Outcome{std::move(output), next};
}

Json ExecutionRun::output_of(const State& state, Json output, const Variables& variables) {
  if (state.output_discard) return Json::object();
  if (!state.output_path) return output;
  PathMiss miss;
  auto value = evaluate_path(*state.output_path, scope(output, variables), &miss);
  if (!value)
    throw runtime_failure("Invalid path '" + state.output_path->text() + "' : " + miss.detail);
  return std::move(*value);
}

Json ExecutionRun::path_value(const JsonPath& path, const Json& data, const Variables& variables) {
  PathMiss miss;
  auto value = evaluate_path(path, scope(data, variables), &miss);
  if (!value) throw runtime_failure("Invalid path '" + path.text() + "' : " + miss.detail);
  return std::move(*value);
}

// A Pass state without InputPath whose ResultPath replaces the whole input
// needs the raw input only as its effective input, so it may consume it
// instead of copying it (the common case, and the benchmarks' hot path).
bool ExecutionRun::consumes_input(const State& state) {
  return state.type == StateType::kPass && !state.input_path && !state.input_discard &&
         replaces_input(state.result_path);
}

ExecutionRun::Outcome ExecutionRun::run_pass(const State& state, Json&& input,
                                             Variables& variables) {
  // The raw input is not read again: the ResultPath replaces it.
  static const Json consumed;
  if (state.result) return finish(state, consumed, Json(*state.result), variables, &state.next);
  if (state.parameters) {
    return finish(state, consumed, state.parameters->evaluate(scope(input, variables)), variables,
                  &state.next);
  }
  return finish(state, consumed, std::move(input), variables, &state.next);
}

ExecutionRun::Outcome ExecutionRun::run_body(const State& state, Json& raw, Variables& variables,
                                             long long entry_id, int retry_count) {
  switch (state.type) {
    case StateType::kPass: {
      if (consumes_input(state)) return run_pass(state, std::move(raw), variables);
      Json effective = input_of(state, raw, variables);
      Json result = state.result       ? *state.result
                    : state.parameters ? state.parameters->evaluate(scope(effective, variables))
                                       : std::move(effective);
      return finish(state, raw, std::move(result), variables, &state.next);
    }
    case StateType::kTask:
      return run_task(state, raw, variables, entry_id, retry_count);
    case StateType::kChoice:
      return run_choice(state, std::move(raw), variables);
    case StateType::kWait:
      return run_wait(state, std::move(raw), variables);
    case StateType::kSucceed: {
      Json effective = input_of(state, std::move(raw), variables);
      return Outcome{output_of(state, std::move(effective), variables), nullptr};
    }
    case StateType::kFail: {
      std::string error = state.error.value_or(""), cause = state.cause.value_or("");
      if (state.error_path) error = render_value(state.error_path->evaluate(scope(raw, variables)));
      if (state.cause_path) cause = render_value(state.cause_path->evaluate(scope(raw, variables)));
      throw StateFailure(error, cause);
    }
    case StateType::kParallel:
      return run_parallel(state, raw, variables, entry_id);
    case StateType::kMap:
      return run_map(state, raw, variables, entry_id);
  }
  throw StateFailure(errors::kRuntime, "unknown state type");
}

Interpreter::Interpreter(std::shared_ptr<const StateMachine> machine,
                         const ResourceRegistry& resources, core::Clock& clock,
                         HistorySink* history, TaskTokenBroker* tokens, InterpreterOptions options)
    : machine_(std::move(machine)),
      resources_(resources),
      clock_(clock),
      history_(history),
      tokens_(tokens),
      options_(options) {}

ExecutionResult Interpreter::run(const ExecutionInfo& info,
                                 const std::optional<Checkpoint>& resume) {
  ExecutionRun run(resources_, clock_, history_, tokens_, options_, info);
  return run.execute(*machine_, resume);
}

}  // namespace ae::states
