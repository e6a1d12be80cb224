// The CLI's plumbing shared by every command group. A group file registers its
// subcommands on the root app and, for each, the action to run once parsing has
// finished and the global options (home, logging) have been applied.
// Actions print their result through Context::output (text, or one JSON
// document) and return the process exit code (cli/output.h: 0 ok, 1 checked
// and negative); errors are thrown as ae::core::Error and reported by main
// (exit 3).
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>

#include "cli/output.h"
#include "core/home.h"

namespace ae::cli {

struct Context {
  core::Home home;  // --home, else $AE_HOME, else ./var
  Output output;    // --output, else $AE_OUTPUT, else text
};

using Action = std::function<int(const Context&)>;

// The action chosen by the parsed command line (empty when none was).
class Dispatcher {
 public:
  void bind(CLI::App* command, Action action) {
    command->callback([this, action = std::move(action)] { selected_ = action; });
  }
  const Action& selected() const { return selected_; }

 private:
  Action selected_;
};

// One registration function per command group (one file each).
void add_store_commands(CLI::App& app, Dispatcher& dispatcher);
void add_contracts_commands(CLI::App& app, Dispatcher& dispatcher);
void add_config_commands(CLI::App& app, Dispatcher& dispatcher);
void add_data_commands(CLI::App& app, Dispatcher& dispatcher);
void add_features_commands(CLI::App& app, Dispatcher& dispatcher);
void add_calendar_commands(CLI::App& app, Dispatcher& dispatcher);
void add_sfn_commands(CLI::App& app, Dispatcher& dispatcher);
// `ae sfn serve`, added by add_sfn_commands to its group (sfn_serve_command.cc).
void add_sfn_serve_command(CLI::App& sfn, Dispatcher& dispatcher);
void add_predictor_commands(CLI::App& app, Dispatcher& dispatcher);
void add_research_commands(CLI::App& app, Dispatcher& dispatcher);
void add_ops_commands(CLI::App& app, Dispatcher& dispatcher);
void add_run_commands(CLI::App& app, Dispatcher& dispatcher);
void add_executor_commands(CLI::App& app, Dispatcher& dispatcher);
void add_backtest_commands(CLI::App& app, Dispatcher& dispatcher);
void add_simulate_commands(CLI::App& app, Dispatcher& dispatcher);
void add_serve_commands(CLI::App& app, Dispatcher& dispatcher);
void add_exchange_commands(CLI::App& app, Dispatcher& dispatcher);
void add_completion_commands(CLI::App& app, Dispatcher& dispatcher);

}  // namespace ae::cli
