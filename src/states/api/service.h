// The Step Functions API over the engine: AWS's JSON 1.0 protocol, one
// request at a time, independent of the HTTP server that carries it.
//   - POST / with X-Amz-Target: AWSStepFunctions.<Action> and a JSON object
//     body (Content-Type application/x-amz-json-1.0); anything else is an
//     error: another path or method UnknownOperationException (404), an
//     unknown action UnknownOperationException (400), a body that is not a
//     JSON object SerializationException (400);
//   - with credentials, every request must be signed (sigv4.h); without
//     any, signatures are not checked (the server is loopback then);
//   - the answer is the action's JSON, or {"__type", "message"} of its
//     ApiError; any other exception is InternalFailure (500, logged).
// The actions are those of api_context.h's files; executions run on the
// ExecutionRunner, resumed at construction when an earlier server left them
// RUNNING.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "states/api/api_context.h"
#include "states/api/credentials.h"
#include "states/api/sigv4.h"

namespace ae::states::api {

struct ServiceOptions {
  std::filesystem::path executions_database;
  std::filesystem::path state_machines_database;
  std::string clock_kind = "real";  // the clock executions run on
  size_t workers = 16;
  InterpreterOptions interpreter;
  std::optional<Credentials> credentials;
};

struct Reply {
  int status = 200;
  std::string body;  // JSON
};

class StepFunctionsService {
 public:
  // `resources` must outlive the service; `clock` is the real clock (dates,
  // signature expiry).
  StepFunctionsService(ServiceOptions options, const ResourceRegistry& resources,
                       core::Clock& clock);

  Reply handle(const SignedRequest& request);
  // How many interrupted executions it resumed when it started.
  size_t resumed() const { return resumed_; }

 private:
  Json dispatch(const SignedRequest& request);

  ServiceOptions options_;
  core::Clock& clock_;
  StateMachineRegistry machines_;
  HistoryStore store_;
  std::mutex store_mutex_;
  ExecutionRunner runner_;
  ApiContext context_;
  Actions actions_;
  size_t resumed_ = 0;
};

}  // namespace ae::states::api
