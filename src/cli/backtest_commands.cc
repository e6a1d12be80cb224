// `ae backtest sweep|tune [--to DATE]`: the saturday pipeline's Backtester and
// Evaluator steps. The backtester (issue 10) does not exist yet, so both
// commands say so on stdout and succeed without changing anything: the
// pipeline's graph runs unchanged and its history shows what was skipped.
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"

namespace ae::cli {

void add_backtest_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* backtest = app.add_subcommand("backtest", "Backtester steps of the saturday pipeline");
  backtest->require_subcommand(1);
  for (const auto* step : {"sweep", "tune"}) {
    auto* command =
        backtest->add_subcommand(step, std::string("Saturday ") + step +
                                           " (not implemented yet: reports so, changes nothing)");
    auto to = std::make_shared<std::string>();
    command->add_option("--to", *to, "Last day of history to use");
    dispatcher.bind(command, [step = std::string(step), to](const Context&) {
      std::cout << "{\"status\": \"SKIPPED\", \"step\": \"" << step
                << "\", \"reason\": \"the backtester does not exist yet; nothing was run or "
                   "changed\"}\n";
      return 0;
    });
  }
}

}  // namespace ae::cli
