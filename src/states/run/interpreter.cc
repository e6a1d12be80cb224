#include "states/run/interpreter.h"

#include <cmath>
#include <random>

#include "core/error.h"
#include "states/parse/timestamp.h"
#include "states/run/failure.h"

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

struct Outcome {
  Json output;
  // A Next / Default / Catch target in the definition (which outlives the
  // run); null or empty: the machine ends here.
  const std::string* next = nullptr;
};

// Rough serialised size, exact enough to decide when to measure precisely.
size_t estimate_size(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string:
      return value.get_ref<const std::string&>().size() + 2;
    case Json::value_t::object: {
      size_t total = 2;
      for (const auto& [key, child] : value.items()) total += key.size() + 4 + estimate_size(child);
      return total;
    }
    case Json::value_t::array: {
      size_t total = 2;
      for (const auto& child : value) total += 1 + estimate_size(child);
      return total;
    }
    default:
      return 8;
  }
}

std::string render_value(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

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

class Run {
 public:
  Run(const ResourceRegistry& resources, core::Clock& clock, HistorySink* history,
      TaskTokenBroker* tokens, const InterpreterOptions& options, const ExecutionInfo& info)
      : resources_(resources),
        clock_(clock),
        history_(history),
        tokens_(tokens),
        options_(options),
        info_(info) {
    context_ =
        Json{{"Execution",
              {{"Id", info.id},
               {"Input", info.input},
               {"Name", info.name},
               {"RoleArn", "arn:aws:iam::000000000000:role/ae-local-states"},
               {"StartTime", format_aws_time(info.start_time)}}},
             {"StateMachine", {{"Id", info.state_machine_id}, {"Name", info.state_machine_name}}},
             {"State", Json::object()}};
    if (!info.synchronous_express) context_["Execution"]["RedriveCount"] = info.redrive_count;
  }

  ExecutionResult execute(const StateMachine& machine, const std::optional<Checkpoint>& resume) {
    ExecutionResult result;
    Variables variables;
    std::string start = machine.start_at;
    Json input = info_.input;
    if (resume) {
      events_ = resume->event_id;
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
      result.failed_state = current_top_state_;
      emit_final("ExecutionFailed", {{"error", result.error ? Json(*result.error) : Json()},
                                     {"cause", result.cause ? Json(*result.cause) : Json()},
                                     {"state", current_top_state_}});
    }
    return result;
  }

 private:
  struct Aborted {};
  struct TimedOut {};

  // A time as AWS prints it; the last one is cached, as the clock rarely
  // moves between states on a virtual clock.
  const std::string& time_text(core::Timestamp instant) {
    if (instant != last_time_ || last_time_text_.empty()) {
      last_time_ = instant;
      last_time_text_ = format_aws_time(instant);
    }
    return last_time_text_;
  }

  Scope scope(const Json& data, const Variables& variables) {
    return Scope{data, context_, variables, &random_};
  }

  void emit_final(const char* type, Json details) {
    ++events_;
    if (history_ != nullptr)
      history_->record(HistoryEvent{events_, type, clock_.now(), "", std::move(details)});
  }

  long long emit(std::string_view type, const std::string& state, Json details = nullptr) {
    ++events_;
    if (events_ > options_.max_history_events) {
      throw StateFailure(errors::kRuntime, "The execution reached the limit of " +
                                               std::to_string(options_.max_history_events) +
                                               " history events.");
    }
    if (history_ != nullptr) {
      history_->record(
          HistoryEvent{events_, std::string(type), clock_.now(), state, std::move(details)});
    }
    return events_;
  }

  // $$.State; RetryCount appears only on states that can retry. Updated in
  // place (the members keep their storage), as this runs for every state.
  void set_state_context(const State& state, core::Timestamp entered, int retry_count) {
    if (state_context_ == nullptr) {
      state_context_ = &context_["State"];
      (*state_context_)["Name"] = "";
      (*state_context_)["EnteredTime"] = "";
      state_name_ = &(*state_context_)["Name"].get_ref<std::string&>();
      entered_time_ = &(*state_context_)["EnteredTime"].get_ref<std::string&>();
    }
    if (*state_name_ != state.name) state_name_->assign(state.name);
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

  Json run_machine(const StateMachine& machine, const std::string& start, Json input,
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
        current_top_state_ = state.name;
      }
      entry_id = emit(state_event(state.type, true), state.name,
                      history_ != nullptr ? Json{{"input", input}} : Json());
      if (top && history_ != nullptr) {
        const bool side_effects =
            state.type == StateType::kTask || state.type == StateType::kWait ||
            state.type == StateType::kParallel || state.type == StateType::kMap;
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
      emit(state_event(state.type, false), state.name,
           history_ != nullptr ? Json{{"output", outcome.output}} : Json());
      if (outcome.next == nullptr || outcome.next->empty()) return std::move(outcome.output);
      position = outcome.next == &state.next && state.next_index != std::string::npos
                     ? state.next_index
                     : position_of(*outcome.next);
      input = std::move(outcome.output);
    }
  }

  // `raw` is the caller's copy of the state's input; a Pass state that
  // consumes it (see consumes_input) takes it by move.
  Outcome run_state(const State& state, Json& raw, Variables& variables, long long entry_id) {
    try {
      if (state.retry.empty() && state.catchers.empty()) {
        set_state_context(state, clock_.now(), 0);
        if (consumes_input(state)) return run_pass(state, std::move(raw), variables);
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
            if (assigned) assign(variables, *assigned);
            return Outcome{std::move(output), &catcher.next};
          }
          throw;
        }
      }
    } catch (const StateFailure& failure) {
      if (failure.error() == errors::kRuntime && !failure.cause().starts_with(kDecorated)) {
        throw StateFailure(errors::kRuntime, std::string(kDecorated) + " '" + state.name +
                                                 "' (entered at the event id #" +
                                                 std::to_string(entry_id) + "). " +
                                                 failure.cause());
      }
      throw;
    }
  }

  std::optional<std::chrono::microseconds> retry_delay(const State& state, const std::string& error,
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

  Json input_of(const State& state, const Json& raw, const Variables& variables) {
    if (state.input_discard) return Json::object();
    if (!state.input_path) return raw;
    PathMiss miss;
    auto value = evaluate_path(*state.input_path, scope(raw, variables), &miss);
    if (!value)
      throw runtime_failure("Invalid path '" + state.input_path->text() + "' : " + miss.detail);
    return std::move(*value);
  }

  Json apply_result_path(const ResultPathSpec& spec, const Json& raw, Json result) {
    if (spec.discard) return raw;
    if (!spec.path || spec.path->segments().empty()) return result;
    Json output = raw;
    spec.path->write(output, std::move(result));
    return output;
  }

  void check_size(const State& state, const Json& value) {
    if (estimate_size(value) < options_.max_payload_bytes * 9 / 10) return;
    if (value.dump().size() > options_.max_payload_bytes) {
      throw StateFailure(errors::kDataLimitExceeded,
                         "The state/task '" + state.name +
                             "' returned a result with a size exceeding the maximum number of "
                             "bytes service limit.");
    }
  }

  void assign(Variables& variables, const Json& values) {
    for (const auto& [name, value] : values.items()) variables.set(name, value);
  }

  // ResultSelector, ResultPath, OutputPath and Assign, in that order; the
  // assignments are evaluated on `result` but take effect last.
  Outcome finish(const State& state, const Json& raw, Json result, Variables& variables,
                 const std::string* next) {
    if (state.result_selector) result = state.result_selector->evaluate(scope(result, variables));
    check_size(state, result);
    std::optional<Json> assigned;
    if (state.assign) assigned = state.assign->evaluate(scope(result, variables));
    Json output = apply_result_path(state.result_path, raw, std::move(result));
    output = output_of(state, std::move(output), variables);
    if (assigned) assign(variables, *assigned);
    return Outcome{std::move(output), next};
  }

  Json output_of(const State& state, Json output, const Variables& variables) {
    if (state.output_discard) return Json::object();
    if (!state.output_path) return output;
    PathMiss miss;
    auto value = evaluate_path(*state.output_path, scope(output, variables), &miss);
    if (!value)
      throw runtime_failure("Invalid path '" + state.output_path->text() + "' : " + miss.detail);
    return std::move(*value);
  }

  Json path_value(const JsonPath& path, const Json& data, const Variables& variables) {
    PathMiss miss;
    auto value = evaluate_path(path, scope(data, variables), &miss);
    if (!value) throw runtime_failure("Invalid path '" + path.text() + "' : " + miss.detail);
    return std::move(*value);
  }

  std::optional<long long> seconds_field(const NumberOrPath& field, const Json& data,
                                         const Variables& variables) {
    if (field.value) return static_cast<long long>(*field.value);
    if (!field.path) return std::nullopt;
    Json value = path_value(*field.path, data, variables);
    if (!value.is_number_integer() || value.get<long long>() <= 0) {
      throw runtime_failure("The value at '" + field.path->text() +
                            "' is not a positive integer: " + value.dump());
    }
    return value.get<long long>();
  }

  // A Pass state without InputPath whose ResultPath replaces the whole input
  // needs the raw input only as its effective input, so it may consume it
  // instead of copying it (the common case, and the benchmarks' hot path).
  static bool consumes_input(const State& state) {
    return state.type == StateType::kPass && !state.input_path && !state.input_discard &&
           !state.result_path.discard &&
           (!state.result_path.path || state.result_path.path->segments().empty());
  }

  Outcome run_pass(const State& state, Json input, Variables& variables) {
    Json result = state.result       ? *state.result
                  : state.parameters ? state.parameters->evaluate(scope(input, variables))
                                     : std::move(input);
    return finish(state, Json(), std::move(result), variables, &state.next);
  }

  Outcome run_body(const State& state, const Json& raw, Variables& variables, long long entry_id,
                   int retry_count) {
    switch (state.type) {
      case StateType::kPass: {
        Json effective = input_of(state, raw, variables);
        Json result = state.result       ? *state.result
                      : state.parameters ? state.parameters->evaluate(scope(effective, variables))
                                         : std::move(effective);
        return finish(state, raw, std::move(result), variables, &state.next);
      }
      case StateType::kTask:
        return run_task(state, raw, variables, entry_id, retry_count);
      case StateType::kChoice:
        return run_choice(state, raw, variables);
      case StateType::kWait:
        return run_wait(state, raw, variables);
      case StateType::kSucceed: {
        Json effective = input_of(state, raw, variables);
        return Outcome{output_of(state, std::move(effective), variables), nullptr};
      }
      case StateType::kFail: {
        std::string error = state.error.value_or(""), cause = state.cause.value_or("");
        if (state.error_path)
          error = render_value(state.error_path->evaluate(scope(raw, variables)));
        if (state.cause_path)
          cause = render_value(state.cause_path->evaluate(scope(raw, variables)));
        throw StateFailure(error, cause);
      }
      case StateType::kParallel:
        return run_parallel(state, raw, variables);
      case StateType::kMap:
        return run_map(state, raw, variables);
    }
    throw StateFailure(errors::kRuntime, "unknown state type");
  }

  Outcome run_task(const State& state, const Json& raw, Variables& variables, long long entry_id,
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
    TaskRequest request{resource,
                        state.name,
                        std::move(parameters),
                        info_.id + ":" + std::to_string(entry_id),
                        token,
                        &clock_,
                        timeout ? std::optional(std::chrono::seconds(*timeout)) : std::nullopt};
    emit("TaskScheduled", state.name,
         history_ != nullptr ? Json{{"resource", state.resource},
                                    {"parameters", request.input},
                                    {"idempotencyKey", request.idempotency_key}}
                             : Json());
    const core::Timestamp started = clock_.now();
    emit("TaskStarted", state.name);
    Json result;
    try {
      if (token) {
        if (tokens_ == nullptr)
          throw StateFailure(errors::kRuntime,
                             "no task token service for '" + state.resource + "'");
        tokens_->issue(*token, info_.id);
        resources_.invoke(request);
        result = await_token(*token, started, timeout, heartbeat);
      } else {
        result = resources_.invoke(request);
        if (timeout && clock_.now() - started > std::chrono::seconds(*timeout))
          throw StateFailure(errors::kTimeout, "");
      }
    } catch (const StateFailure& failure) {
      bool timed_out =
          failure.error() == errors::kTimeout || failure.error() == errors::kHeartbeatTimeout;
      emit(timed_out ? "TaskTimedOut" : "TaskFailed", state.name,
           history_ != nullptr ? Json{{"error", failure.error()}, {"cause", failure.cause()}}
                               : Json());
      throw;
    }
    emit("TaskSucceeded", state.name, history_ != nullptr ? Json{{"output", result}} : Json());
    return finish(state, raw, std::move(result), variables, &state.next);
  }

  Json await_token(const std::string& token, core::Timestamp started,
                   std::optional<long long> timeout, std::optional<long long> heartbeat) {
    while (true) {
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
      clock_.sleep_for(options_.token_poll_interval);
    }
  }

  Outcome run_choice(const State& state, const Json& raw, Variables& variables) {
    Json effective = input_of(state, raw, variables);
    const ChoiceRule* chosen = nullptr;
    for (const auto& rule : state.choices) {
      if (rule.matches(scope(effective, variables))) {
        chosen = &rule;
        break;
      }
    }
    const std::string* next = nullptr;
    if (chosen != nullptr) {
      next = &chosen->next;
    } else if (!state.default_next.empty()) {
      next = &state.default_next;
    } else {
      throw StateFailure(errors::kNoChoiceMatched, "No Matches!");
    }
    Json assigned = Json::object();
    if (state.assign) assigned = state.assign->evaluate(scope(effective, variables));
    if (chosen != nullptr && chosen->assign) {
      Json rule_assigned = chosen->assign->evaluate(scope(effective, variables));
      for (const auto& [k, v] : rule_assigned.items()) assigned[k] = v;
    }
    Json output = output_of(state, std::move(effective), variables);
    assign(variables, assigned);
    return Outcome{std::move(output), next};
  }

  Outcome run_wait(const State& state, const Json& raw, Variables& variables) {
    Json effective = input_of(state, raw, variables);
    core::Timestamp until = clock_.now();
    if (state.seconds.value) {
      until += std::chrono::seconds(static_cast<long long>(*state.seconds.value));
    } else if (state.seconds.path) {
      PathMiss miss;
      auto value = evaluate_path(*state.seconds.path, scope(effective, variables), &miss);
      const std::string& text = state.seconds.path->text();
      if (!value)
        throw runtime_failure("The SecondsPath parameter does not reference an input value: " +
                              text);
      if (!value->is_number_integer())
        throw runtime_failure("The SecondsPath parameter cannot be parsed as a long value: " +
                              text + " == " + render_value(*value));
      if (value->get<long long>() < 0)
        throw runtime_failure("The SecondsPath parameter references a negative value: " + text +
                              " == " + render_value(*value));
      until += std::chrono::seconds(value->get<long long>());
    } else if (state.timestamp) {
      until = *parse_asl_timestamp(*state.timestamp);
    } else {
      PathMiss miss;
      auto value = evaluate_path(*state.timestamp_path, scope(effective, variables), &miss);
      const std::string& text = state.timestamp_path->text();
      if (!value)
        throw runtime_failure("The TimestampPath parameter does not reference an input value: " +
                              text);
      std::optional<core::Timestamp> parsed;
      if (value->is_string()) parsed = parse_asl_timestamp(value->get<std::string>());
      if (!parsed)
        throw runtime_failure(
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
            "date-time format string: " +
            text + " == " + render_value(*value));
      until = *parsed;
    }
    if (until > clock_.now()) clock_.sleep_until(until);
    std::optional<Json> assigned;
    if (state.assign) assigned = state.assign->evaluate(scope(effective, variables));
    Json output = output_of(state, std::move(effective), variables);
    if (assigned) assign(variables, *assigned);
    return Outcome{std::move(output), &state.next};
  }

  Outcome run_parallel(const State& state, const Json& raw, Variables& variables) {
    Json effective = input_of(state, raw, variables);
    Json branch_input = state.parameters ? state.parameters->evaluate(scope(effective, variables))
                                         : std::move(effective);
    emit("ParallelStateStarted", state.name);
    Json results = Json::array();
    for (const auto& branch : state.branches) {
      Variables inner(&variables);
      try {
        results.push_back(run_machine(*branch, branch->start_at, branch_input, inner, false));
      } catch (const StateFailure&) {
        emit("ParallelStateFailed", state.name);
        throw;
      }
    }
    emit("ParallelStateSucceeded", state.name);
    return finish(state, raw, std::move(results), variables, &state.next);
  }

  // An integer-valued ...Path field of a Map state, with AWS's messages.
  std::optional<double> map_number(const NumberOrPath& field, const char* name, bool integer,
                                   const Json& data, const Variables& variables) {
    if (field.value) return field.value;
    if (!field.path) return std::nullopt;
    Json value = path_value(*field.path, data, variables);
    if (value.is_string()) {  // AWS accepts numbers written as strings
      const std::string& text = value.get_ref<const std::string&>();
      char* end = nullptr;
      double parsed = std::strtod(text.c_str(), &end);
      if (!text.empty() && end == text.c_str() + text.size() &&
          (!integer || parsed == std::floor(parsed)))
        value = integer ? Json(static_cast<long long>(parsed)) : Json(parsed);
    }
    bool ok = integer ? value.is_number_integer() : value.is_number();
    if (!ok) {
      throw runtime_failure(std::string("The ") + name + "Path field refers to value \"" +
                            render_value(value) + "\" which is not a valid " +
                            (integer ? "integer" : "float") + ": " + field.path->text());
    }
    return value.get<double>();
  }

  Outcome run_map(const State& state, const Json& raw, Variables& variables) {
    Json effective = input_of(state, raw, variables);
    Json items = state.items_path ? path_value(*state.items_path, effective, variables) : effective;
    if (!items.is_array()) {
      throw runtime_failure("Invalid path '" + (state.items_path ? state.items_path->text() : "$") +
                            "' : the Map state's items must be an array, got " + items.dump());
    }
    auto max_concurrency =
        map_number(state.max_concurrency, "MaxConcurrency", true, effective, variables);
    if (max_concurrency && *max_concurrency < 0)
      throw runtime_failure("MaxConcurrency cannot be negative.");
    auto tolerated_count = map_number(state.tolerated_failure_count, "ToleratedFailureCount", true,
                                      effective, variables);
    if (tolerated_count && *tolerated_count < 0)
      throw runtime_failure("ToleratedFailureCount cannot be negative.");
    auto tolerated_percentage =
        map_number(state.tolerated_failure_percentage, "ToleratedFailurePercentage", false,
                   effective, variables);
    if (tolerated_percentage && (*tolerated_percentage < 0 || *tolerated_percentage > 100))
      throw runtime_failure("ToleratedFailurePercentage must be between 0 and 100.");

    // Item inputs: ItemSelector per item, then optional batching.
    std::vector<Json> inputs;
    inputs.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      if (state.parameters) {
        context_["Map"] = {{"Item", {{"Index", i}, {"Value", items[i]}}}};
        try {
          inputs.push_back(state.parameters->evaluate(scope(effective, variables)));
        } catch (...) {
          context_.erase("Map");
          throw;
        }
        context_.erase("Map");
      } else {
        inputs.push_back(std::move(items[i]));
      }
    }
    if (state.item_batcher) inputs = batch(state, std::move(inputs), effective, variables);

    emit("MapStateStarted", state.name,
         history_ != nullptr ? Json{{"length", inputs.size()}} : Json());
    const bool tolerant = tolerated_count.has_value() || tolerated_percentage.has_value();
    Json results = Json::array();
    size_t failures = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
      emit("MapIterationStarted", state.name, history_ != nullptr ? Json{{"index", i}} : Json());
      Variables inner(&variables);
      try {
        results.push_back(run_machine(*state.processor, state.processor->start_at,
                                      std::move(inputs[i]), inner, false));
        emit("MapIterationSucceeded", state.name,
             history_ != nullptr ? Json{{"index", i}} : Json());
      } catch (const StateFailure& failure) {
        emit("MapIterationFailed", state.name, history_ != nullptr ? Json{{"index", i}} : Json());
        if (!tolerant || failure.error() == errors::kRuntime) {
          emit("MapStateFailed", state.name);
          throw;
        }
        ++failures;
        Json error = Json::object();
        if (!failure.error().empty()) error["Error"] = failure.error();
        if (!failure.cause().empty()) error["Cause"] = failure.cause();
        results.push_back(std::move(error));
      }
      if (history_ != nullptr && history_->stop_requested()) throw Aborted{};
    }
    if (failures > 0) {
      bool exceeded = false;
      if (tolerated_count && static_cast<double>(failures) > *tolerated_count) exceeded = true;
      if (tolerated_percentage &&
          static_cast<double>(failures) * 100.0 / static_cast<double>(inputs.size()) >
              *tolerated_percentage)
        exceeded = true;
      if (tolerated_count && tolerated_percentage) {
        exceeded = static_cast<double>(failures) > *tolerated_count &&
                   static_cast<double>(failures) * 100.0 / static_cast<double>(inputs.size()) >
                       *tolerated_percentage;
      }
      if (exceeded) {
        emit("MapStateFailed", state.name);
        throw StateFailure(errors::kExceedToleratedFailureThreshold,
                           "The specified tolerated failure threshold was exceeded");
      }
    }
    emit("MapStateSucceeded", state.name);
    return finish(state, raw, std::move(results), variables, &state.next);
  }

  std::vector<Json> batch(const State& state, std::vector<Json> inputs, const Json& effective,
                          const Variables& variables) {
    const ItemBatcher& batcher = *state.item_batcher;
    auto max_items =
        map_number(batcher.max_items_per_batch, "MaxItemsPerBatch", true, effective, variables);
    auto max_bytes = map_number(batcher.max_input_bytes_per_batch, "MaxInputBytesPerBatch", true,
                                effective, variables);
    std::optional<Json> batch_input;
    if (batcher.batch_input)
      batch_input = batcher.batch_input->evaluate(scope(effective, variables));
    std::vector<Json> batches;
    Json current = Json::array();
    size_t bytes = 0;
    for (auto& item : inputs) {
      size_t size = item.dump().size();
      bool full =
          !current.empty() && ((max_items && static_cast<double>(current.size()) >= *max_items) ||
                               (max_bytes && static_cast<double>(bytes + size) > *max_bytes));
      if (full) {
        batches.push_back(std::move(current));
        current = Json::array();
        bytes = 0;
      }
      bytes += size;
      current.push_back(std::move(item));
    }
    if (!current.empty()) batches.push_back(std::move(current));
    std::vector<Json> out;
    for (auto& items : batches) {
      Json input = {{"Items", std::move(items)}};
      if (batch_input) input["BatchInput"] = *batch_input;
      out.push_back(std::move(input));
    }
    return out;
  }

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

}  // namespace

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
  Run run(resources_, clock_, history_, tokens_, options_, info);
  return run.execute(*machine_, resume);
}

}  // namespace ae::states
