// Finding what a request names, with AWS's errors: an ARN that is not a Step
// Functions ARN of the right resource type is InvalidArn ("Invalid Arn:
// '<arn>'"); a state machine that does not exist is StateMachineDoesNotExist,
// an execution ExecutionDoesNotExist. Any execution of the home is found
// (those started by `ae sfn run` too).
#pragma once

#include <string>

#include "states/api/api_context.h"

namespace ae::states::api {

StateMachineRecord find_state_machine(ApiContext& context, const std::string& arn);
ExecutionRecord find_execution(ApiContext& context, const std::string& arn);

}  // namespace ae::states::api
