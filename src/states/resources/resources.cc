#include "states/resources/resources.h"

#include "core/error.h"
#include "states/run/failure.h"

namespace ae::states {

namespace {
constexpr std::string_view kLambdaInvoke = "arn:aws:states:::lambda:invoke";
constexpr std::string_view kLambdaArnPrefix = "arn:aws:lambda:";
}  // namespace

void ResourceRegistry::add_function(const std::string& name, TaskHandler handler) {
  functions_[name] = std::move(handler);
}

void ResourceRegistry::add_resource(const std::string& arn, TaskHandler handler) {
  resources_[arn] = std::move(handler);
}

TaskHandler ResourceRegistry::function(const std::string& name) const {
  const auto found = functions_.find(name);
  if (found == functions_.end()) throw core::NotFound("no task function '" + name + "'");
  return found->second;
}

TaskHandler ResourceRegistry::resource(const std::string& arn) const {
  const auto found = resources_.find(arn);
  if (found == resources_.end()) throw core::NotFound("no resource '" + arn + "'");
  return found->second;
}

std::pair<std::string, std::string> split_integration_pattern(const std::string& resource) {
  for (const char* suffix : {".waitForTaskToken", ".sync:2", ".sync"}) {
    std::string_view s(suffix);
    if (resource.size() > s.size() && resource.ends_with(s))
      return {resource.substr(0, resource.size() - s.size()), std::string(s.substr(1))};
  }
  return {resource, ""};
}

std::string lambda_function_name(const std::string& name_or_arn) {
  auto at = name_or_arn.find(":function:");
  if (at == std::string::npos) return name_or_arn;
  std::string rest = name_or_arn.substr(at + 10);
  // Drop a version or alias qualifier, keep the bare name.
  auto colon = rest.find(':');
  return colon == std::string::npos ? rest : rest.substr(0, colon);
}

Json ResourceRegistry::invoke(const TaskRequest& request) const {
  auto call_function = [&](const std::string& name, const Json& event) {
    auto it = functions_.find(name);
    if (it == functions_.end()) {
      throw StateFailure("Lambda.ResourceNotFoundException",
                         "Function not found: " + name + " (no task function registered under it)");
    }
    TaskRequest inner = request;
    inner.input = event;
    return it->second(inner);
  };
  if (request.resource == kLambdaInvoke) {
    if (!request.input.is_object() || !request.input.contains("FunctionName") ||
        !request.input["FunctionName"].is_string()) {
      throw StateFailure(errors::kRuntime,
                         "lambda:invoke needs Parameters.FunctionName (a function name or ARN)");
    }
    Json event = request.input.contains("Payload") ? request.input["Payload"] : Json::object();
    Json payload = call_function(
        lambda_function_name(request.input["FunctionName"].get<std::string>()), event);
    return Json{{"ExecutedVersion", "$LATEST"},
                {"Payload", std::move(payload)},
                {"SdkHttpMetadata", {{"HttpStatusCode", 200}}},
                {"SdkResponseMetadata", {{"RequestId", request.idempotency_key}}},
                {"StatusCode", 200}};
  }
  if (request.resource.starts_with(kLambdaArnPrefix)) {
    return call_function(lambda_function_name(request.resource), request.input);
  }
  auto it = resources_.find(request.resource);
  if (it == resources_.end()) {
    throw StateFailure(errors::kRuntime,
                       "no handler is registered for the resource '" + request.resource + "'");
  }
  return it->second(request);
}

}  // namespace ae::states
