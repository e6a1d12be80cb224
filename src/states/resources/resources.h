// The resource registry: how a Task state's Resource ARN reaches code.
//   - Lambda functions are registered by name (add_function) by whoever owns
//     them (the tasks layer, tests, `--lambda NAME=COMMAND`). They are reached
//     through "arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]" (the
//     result is the function's return value) or through
//     "arn:aws:states:::lambda:invoke" with Parameters.FunctionName (the
//     result is wrapped as AWS's Invoke response: {"Payload": ..., "StatusCode":
//     200, ...}).
//   - Other integrations (ssm, sns, ec2, ...) are registered by exact ARN
//     (add_resource); the ".sync" / ".waitForTaskToken" suffixes are stripped
//     before lookup.
// Handlers throw StateFailure with the error name Retry/Catch should see.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/clock.h"
#include "states/parse/json_path.h"

namespace ae::states {

struct TaskRequest {
  std::string resource;  // the ARN without its integration-pattern suffix
  std::string state_name;
  Json input;                             // the effective parameters
  std::string idempotency_key;            // execution id + ":" + state entry id
  std::optional<std::string> task_token;  // for .waitForTaskToken
  core::Clock* clock = nullptr;
  std::optional<std::chrono::seconds> timeout;
};

using TaskHandler = std::function<Json(const TaskRequest& request)>;

class ResourceRegistry {
 public:
  void add_function(const std::string& name, TaskHandler handler);
  void add_resource(const std::string& arn, TaskHandler handler);
  bool has_function(const std::string& name) const { return functions_.contains(name); }
  // The registered handlers, for decorators that wrap them; NotFound when
  // nothing is registered under that name / ARN.
  TaskHandler function(const std::string& name) const;
  TaskHandler resource(const std::string& arn) const;

  // Routes the request. Unknown functions fail with
  // Lambda.ResourceNotFoundException, unknown resources with States.Runtime.
  Json invoke(const TaskRequest& request) const;

 private:
  std::map<std::string, TaskHandler> functions_;
  std::map<std::string, TaskHandler> resources_;
};

// "arn:aws:states:::x:y.waitForTaskToken" -> ("arn:aws:states:::x:y", "waitForTaskToken").
std::pair<std::string, std::string> split_integration_pattern(const std::string& resource);

// The function name inside a Lambda ARN or a bare name ("my-fn", "my-fn:alias").
std::string lambda_function_name(const std::string& name_or_arn);

}  // namespace ae::states
