// ae: the alpha-engine command line. Global options are parsed here; each
// command group lives in its own file (see command.h). Exit codes: 0 success,
// 1 a command failed (one "error: ..." line on stderr), 2 a usage error,
// 128 + N when signal N (SIGTERM, SIGINT) interrupted a task's process, whose
// process group was killed (core/termination.h).
#include <cstdlib>
#include <iostream>

#include "cli/command.h"
#include "core/error.h"
#include "core/logging.h"
#include "core/parameters.h"
#include "core/termination.h"
#include "core/version.h"

namespace {

std::filesystem::path default_home() {
  if (const char* env = std::getenv("AE_HOME"); env != nullptr && *env != '\0') return env;
  return "var";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "alpha-engine: an autonomous daily equity trading pipeline that guarantees its own "
      "invariants",
      "ae"};
  app.set_version_flag("--version", "ae " + std::string(ae::core::version()) + " (git " +
                                        std::string(ae::core::git_sha()) + ")");
  app.require_subcommand(1);
  app.fallthrough();

  std::string home;
  std::string log_level = "info";
  std::string log_format = "text";
  app.add_option("--home", home, "State directory (default: $AE_HOME, else ./var)");
  std::string profile(ae::core::kDefaultProfile);
  app.add_option("--profile", profile,
                 "Parameter profile: benchmark (the default: benchmark-relative construction) or "
                 "reference (the reference system's entries and exits)")
      ->envname("AE_PROFILE")
      ->capture_default_str();
  app.add_option("--log-level", log_level, "trace|debug|info|warn|error|critical|off")
      ->capture_default_str();
  app.add_option("--log-format", log_format, "text for people, json for one JSON object per line")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  ae::cli::Dispatcher dispatcher;
  ae::cli::add_store_commands(app, dispatcher);
  ae::cli::add_contracts_commands(app, dispatcher);
  ae::cli::add_config_commands(app, dispatcher);
  ae::cli::add_data_commands(app, dispatcher);
  ae::cli::add_features_commands(app, dispatcher);
  ae::cli::add_calendar_commands(app, dispatcher);
  ae::cli::add_sfn_commands(app, dispatcher);
  ae::cli::add_predictor_commands(app, dispatcher);
  ae::cli::add_research_commands(app, dispatcher);
  ae::cli::add_ops_commands(app, dispatcher);
  ae::cli::add_run_commands(app, dispatcher);
  ae::cli::add_executor_commands(app, dispatcher);
  ae::cli::add_backtest_commands(app, dispatcher);
  ae::cli::add_simulate_commands(app, dispatcher);
  ae::cli::add_serve_commands(app, dispatcher);
  ae::cli::add_exchange_commands(app, dispatcher);
  ae::cli::add_completion_commands(app, dispatcher);

  ae::core::install_termination_handlers();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, the version or the usage error
    return code == 0 ? 0 : 2;
  }

  try {
    ae::core::configure_logging(log_level, log_format);
    ae::core::check_profile(profile);
    // The pipelines' command steps run `ae` again: they inherit the profile.
    ::setenv("AE_PROFILE", profile.c_str(), 1);
    ae::cli::Context context{
        ae::core::Home(home.empty() ? default_home() : std::filesystem::path(home), profile)};
    if (!dispatcher.selected()) {
      std::cerr << app.help();
      return 2;
    }
    return dispatcher.selected()(context);
  } catch (const ae::core::Terminated& e) {
    std::cerr << "error: " << e.message() << "\n";
    return 128 + e.signal();
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
