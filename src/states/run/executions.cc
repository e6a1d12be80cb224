#include "states/run/executions.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>

#include "core/error.h"
#include "core/json_limits.h"
#include "core/termination.h"
#include "states/parse/intrinsics.h"
#include "states/parse/limits.h"
#include "states/parse/parser.h"
#include "states/parse/timestamp.h"
#include "states/run/arns.h"

namespace ae::states {
namespace {

std::mt19937_64& random_engine() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return random;
}

std::string generate_name() {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%016llx",
                static_cast<unsigned long long>(random_engine()()));
  return buffer;
}

std::string over_limit(std::string_view what, size_t bytes) {
  return std::string(what) + " is " + std::to_string(bytes) + " bytes, over the payload limit of " +
         std::to_string(kMaxPayloadBytes) + " bytes (256 KiB)";
}

}  // namespace

Json parse_execution_input(std::string_view text, std::string_view what) {
  if (text.size() > kMaxPayloadBytes) throw core::InvalidInput(over_limit(what, text.size()));
  try {
    return core::parse_json<Json>(text);
  } catch (const Json::exception& e) {
    throw core::InvalidInput(std::string(what) + " is not valid JSON: " + e.what());
  } catch (const core::JsonTooDeep& e) {
    throw core::InvalidInput(std::string(what) + " is not accepted: " + e.what());
  }
}

ExecutionService::ExecutionService(HistoryStore& store, const ResourceRegistry& resources,
                                   core::Clock& clock, InterpreterOptions options)
    : store_(store), resources_(resources), clock_(clock), options_(options) {}

ExecutionRecord ExecutionService::record_new(const StartRequest& request) {
  if (core::json_depth(request.input) > core::kMaxJsonDepth)  // first: dump() recurses
    throw core::InvalidInput("the execution input is not accepted: " +
                             core::json_too_deep_message());
  if (const size_t bytes = request.input.dump().size(); bytes > kMaxPayloadBytes)
    throw core::InvalidInput(over_limit("the execution input", bytes));
  const bool express = request.type == "EXPRESS";
  if (!express && request.type != "STANDARD")
    throw core::InvalidInput("unknown state machine type '" + request.type +
                             "' (STANDARD or EXPRESS)");
  if (request.synchronous && !express)
    throw core::InvalidInput("only an EXPRESS execution can be started synchronously");
  ExecutionRecord record;
  record.name = request.name.empty() ? generate_name() : request.name;
  record.state_machine = request.state_machine.empty() ? "local" : request.state_machine;
  record.id =
      express ? express_execution_arn(record.state_machine, record.name, make_uuid(random_engine()))
              : execution_arn(record.state_machine, record.name);
  record.definition = request.definition;
  record.input = request.input;
  record.start_time = format_aws_time(clock_.now());
  record.clock = request.clock;
  record.type = request.type;
  record.synchronous = request.synchronous;
  record.background = request.background;
  store_.create(record);
  return record;
}

std::shared_ptr<const StateMachine> ExecutionService::machine_of(const std::string& definition) {
  constexpr std::size_t kKept = 16;
  const std::lock_guard lock(parsed_mutex_);
  if (const auto it = parsed_.find(definition); it != parsed_.end()) return it->second;
  auto machine = parse_definition_text(definition);
  if (parsed_.size() >= kKept) parsed_.clear();
  parsed_.emplace(definition, machine);
  return machine;
}

ExecutionRecord ExecutionService::start(const StartRequest& request) {
  auto machine = machine_of(request.definition);
  const ExecutionRecord record = record_new(request);
  return run(record, std::nullopt, std::move(machine));
}

ExecutionRecord ExecutionService::create(const StartRequest& request) {
  machine_of(request.definition);  // DefinitionError when invalid
  return record_new(request);
}

ExecutionRecord ExecutionService::resume(const std::string& id_or_name) {
  ExecutionRecord record = store_.get(id_or_name);
  if (record.status != ExecutionStatus::kRunning) {
    throw core::InvalidInput("execution '" + record.name + "' is " + status_name(record.status) +
                             ", not RUNNING; only an interrupted execution can be resumed");
  }
  if (store_.stop_requested(record.id)) {
    ExecutionResult aborted;
    aborted.status = ExecutionStatus::kAborted;
    store_.finish(record.id, aborted, format_aws_time(clock_.now()),
                  {HistoryEvent{store_.last_event_id(record.id) + 1, "ExecutionAborted",
                                clock_.now(), "", Json::object()}});
    return store_.get(record.id);
  }
  auto checkpoint = store_.checkpoint(record.id);
  // Events recorded after the checkpoint (an interruption) are kept: the
  // resumed run numbers its events after them.
  if (checkpoint)
    checkpoint->event_id = std::max(checkpoint->event_id, store_.last_event_id(record.id));
  return run(record, checkpoint);
}

ExecutionRecord ExecutionService::reopen(const std::string& id_or_name) {
  ExecutionRecord record = store_.get(id_or_name);
  if (record.status == ExecutionStatus::kRunning || record.status == ExecutionStatus::kSucceeded) {
    throw core::InvalidInput("execution '" + record.name + "' is " + status_name(record.status) +
                             "; only a failed, timed-out or aborted execution can be redriven");
  }
  if (record.type != "STANDARD")
    throw core::InvalidInput("execution '" + record.name + "' is an " + record.type +
                             " execution; only STANDARD executions can be redriven");
  if (auto checkpoint = store_.checkpoint(record.id)) {
    checkpoint->event_id = store_.last_event_id(record.id);
    checkpoint->entry_id = 0;  // a new attempt at the state: a new idempotency key
    store_.write(record.id, {}, checkpoint);
  }
  record.redrive_count += 1;
  store_.mark_running(record.id, record.redrive_count);
  return store_.get(record.id);
}

ExecutionRecord ExecutionService::redrive(const std::string& id_or_name) {
  return resume(reopen(id_or_name).id);
}

void ExecutionService::stop(const std::string& id_or_name) {
  ExecutionRecord record = store_.get(id_or_name);
  if (record.status != ExecutionStatus::kRunning)
    throw core::InvalidInput("execution '" + record.name + "' is not running");
  store_.request_stop(record.id);
}

ExecutionRecord ExecutionService::run(const ExecutionRecord& record,
                                      const std::optional<Checkpoint>& from,
                                      std::shared_ptr<const StateMachine> machine) {
  if (!machine) machine = machine_of(record.definition);
  ExecutionRecorder recorder(store_, record.id);
  const std::unique_ptr<HistorySink> decorated = decorator_ ? decorator_(recorder) : nullptr;
  StoreTaskTokens tokens(store_);
  Interpreter interpreter(machine, resources_, clock_, decorated ? decorated.get() : &recorder,
                          &tokens, options_);
  ExecutionInfo info;
  info.id = record.id;
  info.name = record.name;
  info.state_machine_name = record.state_machine;
  info.state_machine_id = state_machine_arn(record.state_machine);
  info.synchronous_express = record.synchronous;
  info.input = record.input;
  info.start_time = parse_asl_timestamp(record.start_time).value_or(clock_.now());
  info.redrive_count = record.redrive_count;
  std::optional<Checkpoint> resume = from;
  if (!resume && store_.last_event_id(record.id) > 0) {
    resume = Checkpoint{machine->start_at, record.input, Json::object(),
                        store_.last_event_id(record.id), 0};
  }
  ExecutionResult result;
  try {
    result = interpreter.run(info, resume);
  } catch (const core::Terminated& terminated) {
    // A signal killed the running task's processes: the execution stays
    // RUNNING (resume continues it) and its history says why it stopped.
    auto events = recorder.take_pending();
    const long long last = events.empty() ? store_.last_event_id(record.id) : events.back().id;
    events.push_back(
        HistoryEvent{last + 1, "ExecutionInterrupted", clock_.now(), "",
                     Json{{"signal", terminated.signal_name()}, {"cause", terminated.message()}}});
    store_.write(record.id, events, std::nullopt);
    spdlog::warn("execution {} interrupted by {}; `ae sfn resume {}` continues it", record.name,
                 terminated.signal_name(), record.name);
    throw;
  }
  store_.finish(record.id, result, format_aws_time(clock_.now()), recorder.take_pending());
  spdlog::info("execution {} {}", record.name, status_name(result.status));
  return store_.get(record.id);
}

}  // namespace ae::states
