#include "cli/sfn_run_options.h"

#include "cli/clock_option.h"
#include "cli/option_check.h"
#include "core/error.h"
#include "states/parse/limits.h"
#include "states/resources/builtin_resources.h"
#include "states/run/crash_at_state.h"

namespace ae::cli {

states::InterpreterOptions interpreter_options(const RunOptions& options) {
  states::InterpreterOptions out;
  out.default_task_timeout = options.default_task_timeout > 0
                                 ? std::optional(std::chrono::seconds(options.default_task_timeout))
                                 : std::nullopt;
  return out;
}

void add_run_options(CLI::App* command, RunOptions& options, bool crash_point) {
  add_clock_option(command, options.clock, "Wait and back-off are instant");
  if (crash_point) {
    command
        ->add_option("--crash-at", options.crash_at,
                     "STATE[#N]: crash test - kill this process (SIGKILL) once the Nth entry "
                     "of top-level state STATE is recorded, before it runs (docs/states.md)")
        ->check(checked_by([](const std::string& spec) { states::CrashPoint::parse(spec); },
                           "STATE[#N]"));
  }
  command
      ->add_option("--default-task-timeout", options.default_task_timeout,
                   "Seconds a command task function without TimeoutSeconds may run before it "
                   "fails with States.Timeout (0: no cap, as AWS)")
      ->check(CLI::Range(0LL, states::kMaxSeconds))
      ->capture_default_str();
  command->add_option("--lambda", options.lambdas,
                      "NAME=COMMAND: a task function run as a command (event JSON on stdin, "
                      "result JSON on stdout); repeatable");
}

states::ResourceRegistry make_registry(const RunOptions& options, const Context& context) {
  states::ResourceRegistry registry;
  states::BuiltinServices services;
  services.commands = std::make_shared<states::CommandRunner>(context.home.command_invocations());
  states::add_builtin_resources(registry, services);
  for (const auto& spec : options.lambdas) {
    auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0)
      throw core::InvalidInput("--lambda expects NAME=COMMAND, got '" + spec + "'");
    states::add_command_function(registry, spec.substr(0, eq), spec.substr(eq + 1));
  }
  return registry;
}

void apply_crash_point(states::ExecutionService& service, const RunOptions& options) {
  if (options.crash_at.empty()) return;
  service.decorate_history(
      [point = states::CrashPoint::parse(options.crash_at)](states::HistorySink& durable) {
        return std::make_unique<states::CrashAtState>(durable, point);
      });
}

}  // namespace ae::cli
