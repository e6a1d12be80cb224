// SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat for the tasks of
// ".waitForTaskToken" integrations: a token of 1 to 1024 characters (else
// InvalidToken) that was issued (else TaskDoesNotExist) and is still waiting
// (else TaskTimedOut, AWS's error for a task already closed); the output of a
// success must be JSON within the payload limits (else InvalidOutput).
#include "core/error.h"
#include "states/api/api_context.h"
#include "states/api/errors.h"
#include "states/api/request_fields.h"
#include "states/run/executions.h"

namespace ae::states::api {
namespace {

std::string task_token(const Json& body) {
  std::string token = required_string(body, "taskToken");
  if (token.empty() || token.size() > 1024)
    throw ApiError("InvalidToken", "Invalid Token: the task token has 1 to 1024 characters");
  return token;
}

// Runs `send` on the store, with AWS's errors for the token's state.
template <class Send>
Json send_to_task(ApiContext& context, const std::string& token, Send send) {
  context.with_store([&](HistoryStore& store) {
    try {
      send(store);
    } catch (const core::NotFound&) {
      throw ApiError("TaskDoesNotExist", "Task Does Not Exist: '" + token + "'");
    } catch (const core::InvalidInput&) {
      throw ApiError("TaskTimedOut", "Task Timed Out: '" + token + "'");
    }
  });
  return Json::object();
}

Json success(ApiContext& context, const Json& body) {
  const std::string token = task_token(body);
  Json output;
  try {
    output = parse_execution_input(required_string(body, "output"), "the output");
  } catch (const core::InvalidInput& error) {
    throw ApiError("InvalidOutput", std::string("Invalid Output: ") + error.what());
  }
  return send_to_task(context, token, [&](HistoryStore& store) {
    store.complete_token(token, {true, output, "", ""});
  });
}

Json failure(ApiContext& context, const Json& body) {
  const std::string token = task_token(body);
  const TaskTokenOutcome outcome{false, nullptr, optional_string(body, "error").value_or(""),
                                 optional_string(body, "cause").value_or("")};
  return send_to_task(context, token,
                      [&](HistoryStore& store) { store.complete_token(token, outcome); });
}

Json heartbeat(ApiContext& context, const Json& body) {
  const std::string token = task_token(body);
  return send_to_task(context, token, [&](HistoryStore& store) {
    store.heartbeat_token(token, context.clock.now());
  });
}

}  // namespace

void add_task_token_actions(Actions& actions) {
  actions["SendTaskSuccess"] = success;
  actions["SendTaskFailure"] = failure;
  actions["SendTaskHeartbeat"] = heartbeat;
}

}  // namespace ae::states::api
