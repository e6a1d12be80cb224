// The typed, immutable model of an Amazon States Language state machine.
// parse_definition (parser.h) builds it once from JSON, with every path,
// payload template, intrinsic and choice rule pre-compiled; the interpreter
// only reads it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "states/parse/choice.h"
#include "states/parse/payload.h"

namespace ae::states {

enum class StateType { kTask, kPass, kChoice, kWait, kSucceed, kFail, kParallel, kMap };

const char* state_type_name(StateType type);

struct Retrier {
  std::vector<std::string> errors;
  double interval_seconds = 1.0;
  int max_attempts = 3;
  double backoff_rate = 2.0;
  std::optional<double> max_delay_seconds;
  bool full_jitter = false;
};

// Where a result goes: ResultPath absent ("$"), null (discard) or a path.
struct ResultPathSpec {
  bool discard = false;
  std::optional<JsonPath> path;  // nullopt with !discard means "$"
};

struct Catcher {
  std::vector<std::string> errors;
  std::string next;
  ResultPathSpec result_path;
  std::optional<PayloadTemplate> assign;
};

// A value given either literally or by a ...Path field (TimeoutSeconds /
// TimeoutSecondsPath, MaxConcurrency / MaxConcurrencyPath, ...).
struct NumberOrPath {
  std::optional<double> value;
  std::optional<JsonPath> path;
  bool present() const { return value.has_value() || path.has_value(); }
};

struct ItemBatcher {
  NumberOrPath max_items_per_batch;
  NumberOrPath max_input_bytes_per_batch;
  std::optional<PayloadTemplate> batch_input;
};

struct StateMachine;

struct State {
  // The fields the run loop reads on entering any state come first and
  // together, so that a step touches few cache lines of a large machine.
  StateType type = StateType::kPass;
  bool end = false;
  // Whether anything in the state (its nested machines included) may read
  // the context object: "$$" appears in it. A state that cannot read it
  // needs no $$.State for its run.
  bool reads_context = true;
  // Input and output processing (JSONPath mode). Absent paths mean "$";
  // *_discard means the field was null ({} as input / output).
  bool input_discard = false;
  bool output_discard = false;
  // Position of `next` in the machine's states (set by the parser; npos when
  // there is none), so the interpreter follows Next without a name lookup.
  size_t next_index = std::string::npos;
  // Task, Parallel and Map: their Retry and Catch.
  std::vector<Retrier> retry;
  std::vector<Catcher> catchers;
  std::string next;            // empty when end
  std::optional<Json> result;  // Pass
  // The rest of the input and output processing.
  std::optional<PayloadTemplate> parameters;  // Parameters / ItemSelector
  std::optional<PayloadTemplate> result_selector;
  std::optional<PayloadTemplate> assign;
  std::optional<JsonPath> input_path;
  std::optional<JsonPath> output_path;
  ResultPathSpec result_path;

  std::string name;
  std::string pointer;  // JSON pointer of the state in the definition

  // Task
  std::string resource;
  NumberOrPath timeout_seconds;
  NumberOrPath heartbeat_seconds;
  // Choice
  std::vector<ChoiceRule> choices;
  std::string default_next;
  // Wait
  NumberOrPath seconds;
  std::optional<std::string> timestamp;
  std::optional<JsonPath> timestamp_path;
  // Fail
  std::optional<std::string> error, cause;
  std::optional<DynamicValue> error_path, cause_path;
  // Parallel
  std::vector<std::shared_ptr<const StateMachine>> branches;
  // Map
  std::shared_ptr<const StateMachine> processor;
  std::optional<JsonPath> items_path;
  NumberOrPath max_concurrency;
  NumberOrPath tolerated_failure_count;
  NumberOrPath tolerated_failure_percentage;
  std::optional<ItemBatcher> item_batcher;
};

struct StateMachine {
  std::string start_at;
  std::vector<State> states;                      // in definition order
  std::unordered_map<std::string, size_t> index;  // name -> position in states
  std::optional<int> timeout_seconds;
  std::string comment;

  const State& at(const std::string& name) const { return states[index.at(name)]; }
};

}  // namespace ae::states
