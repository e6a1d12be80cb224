// The options every command that runs executions shares (`ae sfn run`,
// `resume`, `redrive`, `serve`) and what they make: the clock kind, the
// crash point, the default task timeout and the task functions (`--lambda
// NAME=COMMAND` besides the built-in resources, command steps on this home).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/command.h"
#include "states/run/executions.h"

namespace ae::cli {

struct RunOptions {
  std::string clock;  // empty: clock_kind()'s default
  std::vector<std::string> lambdas;
  std::string crash_at;
  long long default_task_timeout = states::kDefaultTaskTimeout.count();
};

// --clock, --default-task-timeout and --lambda; --crash-at too when
// `crash_point` (a drill for a command that runs one execution).
void add_run_options(CLI::App* command, RunOptions& options, bool crash_point = true);

states::InterpreterOptions interpreter_options(const RunOptions& options);

// The built-in resources (ssm commands under the home, sns, ec2) and every
// --lambda function.
states::ResourceRegistry make_registry(const RunOptions& options, const Context& context);

// Installs --crash-at on the executions `service` runs (nothing without one).
void apply_crash_point(states::ExecutionService& service, const RunOptions& options);

}  // namespace ae::cli
