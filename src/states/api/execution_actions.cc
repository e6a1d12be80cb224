// StartExecution, StartSyncExecution, DescribeExecution, ListExecutions,
// GetExecutionHistory, StopExecution, RedriveExecution,
// DescribeStateMachineForExecution.
// - StartExecution records the execution (RUNNING) and answers at once; a
//   worker of the runner runs it. On an EXPRESS state machine it starts an
//   asynchronous express execution. A STANDARD start that repeats the name
//   and input of a RUNNING execution answers that execution (AWS's
//   idempotency); any other reuse of a name is ExecutionAlreadyExists
//   (execution names are unique in the whole home here).
// - StartSyncExecution (EXPRESS only, else StateMachineTypeNotSupported) runs
//   the execution in the request's thread and answers its outcome.
// - An input that is not JSON, is over 256 KiB or nested too deep is
//   InvalidExecutionInput.
// - StopExecution asks the execution to stop (between states, or at once
//   while it waits) and waits up to kStopWait for it to be ABORTED; a task in
//   flight finishes first. An execution that is not running is
//   ValidationException.
// - RedriveExecution: the engine's redrive rule (FAILED, TIMED_OUT or
//   ABORTED, STANDARD), else ExecutionNotRedrivable; a worker runs it.
#include <chrono>
#include <thread>

#include "core/clock.h"
#include "core/error.h"
#include "states/api/api_context.h"
#include "states/api/errors.h"
#include "states/api/history_events.h"
#include "states/api/lookups.h"
#include "states/api/pagination.h"
#include "states/api/request_fields.h"
#include "states/run/arns.h"
#include "states/run/executions.h"

namespace ae::states::api {
namespace {

constexpr std::chrono::seconds kStopWait{5};

ExecutionService service_of(ApiContext& context) {
  return ExecutionService(context.store, context.resources, context.clock);
}

std::optional<ExecutionStatus> status_of(const std::string& text) {
  for (auto status :
       {ExecutionStatus::kRunning, ExecutionStatus::kSucceeded, ExecutionStatus::kFailed,
        ExecutionStatus::kTimedOut, ExecutionStatus::kAborted})
    if (text == status_name(status)) return status;
  return std::nullopt;
}

Json execution_input(const Json& body) {
  try {
    return parse_execution_input(optional_string(body, "input").value_or("{}"), "the input");
  } catch (const core::InvalidInput& error) {
    throw ApiError("InvalidExecutionInput",
                   std::string("Invalid Execution Input: ") + error.what());
  }
}

// Records a new execution of `machine` from the request (synchronous: by
// StartSyncExecution), or answers the RUNNING one a repeated start names.
ExecutionRecord record_start(ApiContext& context, const Json& body,
                             const StateMachineRecord& machine, bool synchronous) {
  const auto name = optional_string(body, "name");
  if (name) check_name(*name, "execution");
  StartRequest request;
  request.definition = machine.definition;
  request.input = execution_input(body);
  request.name = name.value_or("");
  request.state_machine = machine.name;
  request.clock = context.clock_kind;
  request.type = machine.type;
  request.synchronous = synchronous;
  request.background = !synchronous;
  return context.with_store([&](HistoryStore& store) {
    if (name) {
      if (auto existing = store.find(*name)) {
        if (existing->id == execution_arn(machine.name, *name) && !synchronous &&
            existing->status == ExecutionStatus::kRunning &&
            json_equal(existing->input, request.input))
          return *existing;
        throw ApiError("ExecutionAlreadyExists",
                       "Execution Already Exists: '" + existing->id + "'");
      }
    }
    auto service = service_of(context);
    return service.create(request);
  });
}

Json input_and_output(const ExecutionRecord& record, Json out) {
  out["input"] = record.input.dump();
  out["inputDetails"] = {{"included", true}};
  if (record.status == ExecutionStatus::kSucceeded) {
    out["output"] = record.output.dump();
    out["outputDetails"] = {{"included", true}};
  }
  if (record.error) out["error"] = *record.error;
  if (record.cause) out["cause"] = *record.cause;
  if (!record.stop_time.empty()) out["stopDate"] = epoch_seconds(record.stop_time);
  return out;
}

Json start(ApiContext& context, const Json& body) {
  const auto machine = find_state_machine(context, required_string(body, "stateMachineArn"));
  const auto record = record_start(context, body, machine, false);
  context.runner.submit(record.id);
  return {{"executionArn", record.id}, {"startDate", epoch_seconds(record.start_time)}};
}

Json start_sync(ApiContext& context, const Json& body) {
  const auto machine = find_state_machine(context, required_string(body, "stateMachineArn"));
  if (machine.type != "EXPRESS")
    throw ApiError("StateMachineTypeNotSupported",
                   "This operation is not supported by a " + machine.type + " state machine");
  const auto created = record_start(context, body, machine, true);
  const auto record = context.runner.run(created.id);
  return input_and_output(record, {{"executionArn", record.id},
                                   {"stateMachineArn", machine.arn},
                                   {"name", record.name},
                                   {"startDate", epoch_seconds(record.start_time)},
                                   {"status", status_name(record.status)}});
}

Json describe_execution(ApiContext& context, const Json& body) {
  const auto record = find_execution(context, required_string(body, "executionArn"));
  Json out = input_and_output(record, {{"executionArn", record.id},
                                       {"stateMachineArn", state_machine_arn(record.state_machine)},
                                       {"name", record.name},
                                       {"status", status_name(record.status)},
                                       {"startDate", epoch_seconds(record.start_time)},
                                       {"redriveCount", record.redrive_count}});
  const bool redrivable = record.type == "STANDARD" && record.status != ExecutionStatus::kRunning &&
                          record.status != ExecutionStatus::kSucceeded;
  out["redriveStatus"] = redrivable ? "REDRIVABLE" : "NOT_REDRIVABLE";
  if (record.type == "STANDARD" && !redrivable)
    out["redriveStatusReason"] =
        std::string("Execution is ") + status_name(record.status) + " and cannot be redriven.";
  return out;
}

Json list_executions(ApiContext& context, const Json& body) {
  const auto machine = find_state_machine(context, required_string(body, "stateMachineArn"));
  ExecutionQuery query;
  query.state_machine = machine.name;
  std::string scope = "ListExecutions|" + machine.arn;
  if (auto filter = optional_string(body, "statusFilter")) {
    query.status = status_of(*filter);
    if (!query.status)
      throw ApiError("ValidationException",
                     "1 validation error detected: Value '" + *filter +
                         "' at 'statusFilter' failed to satisfy constraint: Member must satisfy "
                         "enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED]");
    scope += "|" + *filter;
  }
  const size_t size = page_size(body);
  if (auto token = optional_string(body, "nextToken")) query.before = page_cursor(*token, scope);
  query.limit = size + 1;
  auto rows = context.with_store([&](HistoryStore& store) { return store.list(query); });
  Json out = {{"executions", Json::array()}};
  if (rows.size() > size) {
    rows.resize(size);
    out["nextToken"] = page_token(scope, rows.back().sequence);
  }
  for (const auto& row : rows) {
    Json item = {{"executionArn", row.id},
                 {"stateMachineArn", machine.arn},
                 {"name", row.name},
                 {"status", status_name(row.status)},
                 {"startDate", epoch_seconds(row.start_time)},
                 {"redriveCount", row.redrive_count}};
    if (!row.stop_time.empty()) item["stopDate"] = epoch_seconds(row.stop_time);
    out["executions"].push_back(std::move(item));
  }
  return out;
}

Json history(ApiContext& context, const Json& body) {
  const auto record = find_execution(context, required_string(body, "executionArn"));
  EventPage page;
  page.reverse = optional_bool(body, "reverseOrder").value_or(false);
  const bool include_data = optional_bool(body, "includeExecutionData").value_or(true);
  const std::string scope =
      "GetExecutionHistory|" + record.id + (page.reverse ? "|reverse" : "|forward");
  if (auto token = optional_string(body, "nextToken")) page.cursor = page_cursor(*token, scope);
  const size_t size = page_size(body);
  page.limit = size + 1;
  auto events =
      context.with_store([&](HistoryStore& store) { return store.events(record.id, page); });
  Json out = {{"events", Json::array()}};
  if (events.size() > size) {
    events.resize(size);
    out["nextToken"] = page_token(scope, events.back().id);
  }
  for (const auto& event : events)
    out["events"].push_back(aws_history_event(event, kLocalRegion, include_data));
  return out;
}

Json stop(ApiContext& context, const Json& body) {
  const auto record = find_execution(context, required_string(body, "executionArn"));
  context.with_store([&](HistoryStore&) {
    try {
      service_of(context).stop(record.id);
    } catch (const core::InvalidInput& error) {
      throw ApiError("ValidationException", error.what());
    }
  });
  const core::Stopwatch waited;
  while (waited.elapsed() < kStopWait) {
    const auto now = context.with_store([&](HistoryStore& store) { return store.get(record.id); });
    if (now.status != ExecutionStatus::kRunning)
      return {{"stopDate", epoch_seconds(now.stop_time)}};
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return {{"stopDate", epoch_seconds(context.clock.now())}};
}

Json redrive(ApiContext& context, const Json& body) {
  const auto record = find_execution(context, required_string(body, "executionArn"));
  context.with_store([&](HistoryStore&) {
    try {
      service_of(context).reopen(record.id);
    } catch (const core::InvalidInput& error) {
      throw ApiError("ExecutionNotRedrivable", error.what());
    }
  });
  context.runner.submit(record.id);
  return {{"redriveDate", epoch_seconds(context.clock.now())}};
}

Json machine_for_execution(ApiContext& context, const Json& body) {
  const auto record = find_execution(context, required_string(body, "executionArn"));
  const std::string arn = state_machine_arn(record.state_machine);
  const auto machine = context.machines.find(arn);
  return {{"stateMachineArn", arn},
          {"name", record.state_machine},
          {"definition", record.definition},
          {"roleArn", machine ? machine->role_arn : std::string(kLocalRoleArn)},
          {"updateDate", epoch_seconds(machine ? machine->update_date : record.start_time)}};
}

}  // namespace

void add_execution_actions(Actions& actions) {
  actions["StartExecution"] = start;
  actions["StartSyncExecution"] = start_sync;
  actions["DescribeExecution"] = describe_execution;
  actions["ListExecutions"] = list_executions;
  actions["GetExecutionHistory"] = history;
  actions["StopExecution"] = stop;
  actions["RedriveExecution"] = redrive;
  actions["DescribeStateMachineForExecution"] = machine_for_execution;
}

}  // namespace ae::states::api
