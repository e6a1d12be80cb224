// A command step that ran and failed. The task output of
// arn:aws:states:::aws-sdk:ssm:getCommandInvocation (the local runner's,
// command_runner.h, and AWS's alike) carries the command's exit status in
// ResponseCode and its standard error in StandardErrorContent; the pipeline's
// Choice routes a non-zero one to its generic failure, so the stderr is the
// cause an operator wants next to it. Either JSON flavour (the engine's
// ordered one, a reader's plain one).
#pragma once

#include <optional>
#include <string>

namespace ae::states {

// The standard error of a failed command's invocation output; nullopt for
// any other output (a successful command, another resource's result).
template <typename Json>
std::optional<std::string> failed_command_stderr(const Json& output) {
  if (!output.is_object() || !output.contains("ResponseCode") ||
      !output.contains("StandardErrorContent") || !output["ResponseCode"].is_number_integer() ||
      output["ResponseCode"].template get<long long>() == 0 ||
      !output["StandardErrorContent"].is_string())
    return std::nullopt;
  return output["StandardErrorContent"].template get<std::string>();
}

}  // namespace ae::states
