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

struct CommandFailure {
  long long response_code = 0;  // the command's exit status (-1: it timed out)
  std::string stderr_text;
};

// The exit status and standard error of a failed command's invocation
// output; nullopt for any other output (a successful command, another
// resource's result).
template <typename Json>
std::optional<CommandFailure> failed_command(const Json& output) {
  if (!output.is_object() || !output.contains("ResponseCode") ||
      !output.contains("StandardErrorContent") || !output["ResponseCode"].is_number_integer() ||
      !output["StandardErrorContent"].is_string())
    return std::nullopt;
  const auto code = output["ResponseCode"].template get<long long>();
  if (code == 0) return std::nullopt;
  return CommandFailure{code, output["StandardErrorContent"].template get<std::string>()};
}

}  // namespace ae::states
