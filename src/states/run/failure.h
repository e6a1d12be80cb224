// Failures raised while an execution runs. A StateFailure carries the ASL error
// name and cause that Retry/Catch match on and that a failed execution reports.
// Runtime failures (States.Runtime, raised by input/output processing) are
// decorated by the interpreter with the state's name and entry event id, and
// are neither retried nor caught, as AWS does.
#pragma once

#include <stdexcept>
#include <string>

namespace ae::states {

namespace errors {
inline constexpr const char* kAll = "States.ALL";
inline constexpr const char* kTaskFailed = "States.TaskFailed";
inline constexpr const char* kTimeout = "States.Timeout";
inline constexpr const char* kHeartbeatTimeout = "States.HeartbeatTimeout";
inline constexpr const char* kRuntime = "States.Runtime";
inline constexpr const char* kNoChoiceMatched = "States.NoChoiceMatched";
inline constexpr const char* kIntrinsicFailure = "States.IntrinsicFailure";
inline constexpr const char* kResultPathMatchFailure = "States.ResultPathMatchFailure";
inline constexpr const char* kParameterPathFailure = "States.ParameterPathFailure";
inline constexpr const char* kBranchFailed = "States.BranchFailed";
inline constexpr const char* kExceedToleratedFailureThreshold =
    "States.ExceedToleratedFailureThreshold";
inline constexpr const char* kDataLimitExceeded = "States.DataLimitExceeded";
inline constexpr const char* kPermissions = "States.Permissions";
inline constexpr const char* kItemReaderFailed = "States.ItemReaderFailed";
}  // namespace errors

class StateFailure : public std::runtime_error {
 public:
  StateFailure(std::string error, std::string cause)
      : std::runtime_error(error + ": " + cause),
        error_(std::move(error)),
        cause_(std::move(cause)) {}
  const std::string& error() const { return error_; }
  const std::string& cause() const { return cause_; }

 private:
  std::string error_;
  std::string cause_;
};

// A States.Runtime failure whose cause the interpreter prefixes with the state.
inline StateFailure runtime_failure(std::string cause) {
  return StateFailure(errors::kRuntime, std::move(cause));
}

}  // namespace ae::states
