#include "states/api/lookups.h"

#include "states/api/errors.h"
#include "states/run/arns.h"

namespace ae::states::api {
namespace {

ApiError invalid_arn(const std::string& arn) {
  return ApiError("InvalidArn", "Invalid Arn: '" + arn + "'");
}

}  // namespace

StateMachineRecord find_state_machine(ApiContext& context, const std::string& arn) {
  const auto parsed = parse_states_arn(arn);
  if (!parsed || parsed->resource_type != "stateMachine" || parsed->resource.size() != 1)
    throw invalid_arn(arn);
  auto record = context.machines.find(arn);
  if (!record)
    throw ApiError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
  return *record;
}

ExecutionRecord find_execution(ApiContext& context, const std::string& arn) {
  const auto parsed = parse_states_arn(arn);
  if (!parsed || (parsed->resource_type != "execution" && parsed->resource_type != "express"))
    throw invalid_arn(arn);
  auto record = context.with_store([&](HistoryStore& store) { return store.find(arn); });
  if (!record || record->id != arn)
    throw ApiError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  return *record;
}

}  // namespace ae::states::api
