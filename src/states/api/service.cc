#include "states/api/service.h"

#include <spdlog/spdlog.h>

#include "core/json_limits.h"
#include "states/api/errors.h"

namespace ae::states::api {
namespace {

constexpr std::string_view kTargetPrefix = "AWSStepFunctions.";

std::string header(const SignedRequest& request, const std::string& name) {
  const auto found = request.headers.find(name);
  return found == request.headers.end() ? "" : found->second;
}

Reply error_reply(const ApiError& error) {
  return Reply{error.status(), Json{{"__type", error.type()}, {"message", error.what()}}.dump(
                                   -1, ' ', false, Json::error_handler_t::replace)};
}

}  // namespace

StepFunctionsService::StepFunctionsService(ServiceOptions options,
                                           const ResourceRegistry& resources, core::Clock& clock)
    : options_(std::move(options)),
      clock_(clock),
      machines_(options_.state_machines_database),
      store_(options_.executions_database),
      runner_(options_.executions_database, resources, options_.interpreter, options_.clock_kind,
              options_.workers),
      context_{machines_, store_, store_mutex_, resources, runner_, clock_, options_.clock_kind} {
  add_state_machine_actions(actions_);
  add_execution_actions(actions_);
  add_task_token_actions(actions_);
  resumed_ = runner_.resume_interrupted();
}

Json StepFunctionsService::dispatch(const SignedRequest& request) {
  if (request.method != "POST" || request.path != "/")
    throw ApiError(
        "UnknownOperationException",
        "The Step Functions API answers POST / only, not " + request.method + " " + request.path,
        404);
  if (options_.credentials) verify_signature(request, *options_.credentials, clock_.now());
  const std::string target = header(request, "x-amz-target");
  const auto action = target.starts_with(kTargetPrefix)
                          ? actions_.find(target.substr(kTargetPrefix.size()))
                          : actions_.end();
  if (action == actions_.end())
    throw ApiError("UnknownOperationException", "Unknown operation: X-Amz-Target '" + target + "'");
  Json body;
  try {
    body = core::parse_json<Json>(request.body.empty() ? std::string("{}") : request.body);
  } catch (const std::exception& error) {
    throw ApiError("SerializationException", std::string("The body is not JSON: ") + error.what());
  }
  if (!body.is_object()) throw ApiError("SerializationException", "The body is not a JSON object");
  return action->second(context_, body);
}

Reply StepFunctionsService::handle(const SignedRequest& request) {
  try {
    return Reply{200, dispatch(request).dump(-1, ' ', false, Json::error_handler_t::replace)};
  } catch (const ApiError& error) {
    return error_reply(error);
  } catch (const std::exception& error) {
    spdlog::error("sfn api: {}: {}", header(request, "x-amz-target"), error.what());
    return error_reply(ApiError("InternalFailure", error.what(), 500));
  }
}

}  // namespace ae::states::api
