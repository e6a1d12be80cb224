// ae: the alpha-engine command line. Global options are parsed here, each from
// its flag or else its environment variable (--home AE_HOME, --profile
// AE_PROFILE, --log-level AE_LOG_LEVEL, --log-format AE_LOG_FORMAT, --output
// AE_OUTPUT); each command group lives in its own file (see command.h). Exit
// codes (cli/output.h): 0 success, 1 checked and negative, 2 a usage error, 3
// an error (one "error: ..." line on stderr; with --output json also the error
// document on stdout), 128 + N when signal N (SIGTERM, SIGINT) interrupted a
// task's process, whose process group was killed (core/termination.h).
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "cli/command.h"
#include "cli/option_check.h"
#include "core/error.h"
#include "core/heap_policy.h"
#include "core/logging.h"
#include "core/parameters.h"
#include "core/termination.h"
#include "core/version.h"

namespace {

// Whether the command line or AE_OUTPUT asks for JSON, read before (or
// without) a successful parse.
bool json_requested(int argc, char** argv) {
  bool json = false;
  if (const char* env = std::getenv("AE_OUTPUT")) json = std::string_view(env) == "json";
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--output" && i + 1 < argc) json = std::string_view(argv[i + 1]) == "json";
    if (argument.starts_with("--output=")) json = argument.substr(9) == "json";
  }
  return json;
}

}  // namespace

int main(int argc, char** argv) {
  ae::core::keep_freed_memory();
  CLI::App app{
      "alpha-engine: an autonomous daily equity trading pipeline that guarantees its own "
      "invariants",
      "ae"};
  app.set_version_flag("--version", "ae " + std::string(ae::core::version()) + " (git " +
                                        std::string(ae::core::git_sha()) + ")");
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "Exit codes: 0 ok, 1 checked and negative, 2 usage, 3 error. Every global option also "
      "reads its AE_* environment variable (docs/cli.md).");

  std::string home = "var";
  std::string log_level = "info";
  std::string log_format = "text";
  std::string output = "text";
  app.add_option("--home", home, "State directory")->envname("AE_HOME")->capture_default_str();
  std::string profile(ae::core::kDefaultProfile);
  app.add_option("--profile", profile,
                 "Parameter profile: benchmark (the default: benchmark-relative construction) or "
                 "reference (the reference system's entries and exits)")
      ->envname("AE_PROFILE")
      ->capture_default_str();
  app.add_option("--log-level", log_level, "trace|debug|info|warn|error|critical|off")
      ->envname("AE_LOG_LEVEL")
      ->check(ae::cli::checked_by(
          [](const std::string& level) { ae::core::check_log_level(level); }, "LEVEL"))
      ->capture_default_str();
  app.add_option("--log-format", log_format, "text for people, json for one JSON object per line")
      ->envname("AE_LOG_FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--output", output,
                 "text for people, json for exactly one JSON document on stdout (docs/cli.md)")
      ->envname("AE_OUTPUT")
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
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    // The output format may not have been parsed: AE_OUTPUT or a literal
    // "--output json" on the command line still asks for the error document.
    const ae::cli::Output usage_output(json_requested(argc, argv) ? ae::cli::OutputFormat::kJson
                                                                  : ae::cli::OutputFormat::kText);
    app.exit(e);  // prints the usage error on stderr
    usage_output.print_error("usage", e.what(), ae::cli::kExitUsage);
    return ae::cli::kExitUsage;
  }

  const ae::cli::Output out(ae::cli::parse_output_format(output));
  try {
    ae::core::configure_logging(log_level, log_format);
    ae::core::check_profile(profile);
    // The pipelines' command steps run `ae` again: they inherit the profile.
    ::setenv("AE_PROFILE", profile.c_str(), 1);
    ae::cli::Context context{ae::core::Home(home, profile), out};
    if (!dispatcher.selected()) {
      std::cerr << app.help();
      out.print_error("usage", "no command given", ae::cli::kExitUsage);
      return ae::cli::kExitUsage;
    }
    return dispatcher.selected()(context);
  } catch (const ae::core::Terminated& e) {
    std::cerr << "error: " << e.message() << "\n";
    out.print_error("interrupted", e.message(), 128 + e.signal());
    return 128 + e.signal();
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    out.print_error(ae::cli::error_kind(e), e.what(), ae::cli::kExitError);
    return ae::cli::kExitError;
  }
}
