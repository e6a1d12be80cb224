// `ae simulate --from D1 --to D2 [--fault KIND=ARGS]...`: the reference's
// schedule (saturday; weekday + eod on every weekday) over the span, on the
// virtual clock and the paper broker, with a progress bar on stderr and the
// final report on stdout; exit 1 if any execution failed.
// `ae schedule [--clock real|virtual] [--at TS] [--until TS]`: the production
// mode - waits for each scheduled start on the clock and runs it; a restart
// never runs a finished day again. See docs/pipelines.md.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/pipeline_operations.h"
#include "app/pipeline_session.h"
#include "app/pipelines.h"
#include "app/run_clock.h"
#include "app/simulation.h"
#include "cli/command.h"
#include "cli/pipeline_environment.h"
#include "core/error.h"
#include "ops/metric_store.h"
#include "ops/ops_database.h"

namespace ae::cli {
namespace {

struct SimulateArgs {
  std::string from, to;
  std::vector<std::string> faults;
  std::string saturday_input = "{}";
};

// One line per execution (logs may interleave, so no carriage returns).
void print_progress(std::size_t done, std::size_t total, const ae::app::DayOutcome& day) {
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * done / std::max<std::size_t>(total, 1));
  std::cerr << fmt::format(
      "[{:<{}}] {:>4}/{} {:<8} {} {:<9} {:6.2f} s{}{}\n", std::string(filled, '#'), kWidth, done,
      total, day.run.pipeline, core::format_date(day.run.date), day.status, day.seconds,
      day.already_finished ? " (already done)" : "", day.error.empty() ? "" : " - " + day.error);
}

void add_simulate(CLI::App& app, Dispatcher& dispatcher) {
  auto args = std::make_shared<SimulateArgs>();
  auto* simulate = app.add_subcommand(
      "simulate", "Run the pipelines' schedule over a span of days on the simulated market");
  simulate->add_option("--from", args->from, "First day")->required();
  simulate->add_option("--to", args->to, "Last day")->required();
  simulate->add_option("--fault", args->faults,
                       "Inject a fault into every execution (see docs/pipelines.md)");
  simulate->add_option("--saturday-input", args->saturday_input,
                       "JSON merged into each saturday input, e.g. "
                       "'{\"skip_predictor_training\": true}'");
  dispatcher.bind(simulate, [args](const Context& context) {
    prepare_child_environment(context);
    // A local simulation deploys nothing, so there is nothing to drift from.
    ae::app::PipelineSession session(context.home, nullptr, {false, args->faults});
    ae::app::SimulationRequest request;
    request.from = core::parse_date(args->from);
    request.to = core::parse_date(args->to);
    // Operations run on their own virtual clock, moved to each execution's end:
    // sns:publish goes to the notifier, and the alarms are evaluated then.
    core::VirtualClock ops_clock(ae::app::scheduled_start("saturday", request.from));
    ae::app::PipelineOperations operations(context.home, ops_clock);
    request.progress = [&](std::size_t done, std::size_t total, const ae::app::DayOutcome& day) {
      print_progress(done, total, day);
      operations.advance_to(day.finished_at);
      if (!day.already_finished) operations.record_execution(day.run.pipeline, day.status);
    };
    request.saturday_input = nlohmann::json::parse(args->saturday_input, nullptr, false);
    if (!request.saturday_input.is_object())
      throw core::InvalidInput("--saturday-input must be a JSON object: " + args->saturday_input);
    const auto report = ae::app::simulate(session.context(), request, operations.services());
    std::cout << report.text();
    std::cout << "executions: ae sfn list --home " << context.home.root().string()
              << "; ledger: ae ledger eod\n";
    return report.failed == 0 ? 0 : 1;
  });
}

struct ScheduleArgs {
  std::string clock = "real";
  std::string at, until;
  bool skip_drift_check = false;
};

void add_schedule(CLI::App& app, Dispatcher& dispatcher) {
  auto args = std::make_shared<ScheduleArgs>();
  auto* schedule =
      app.add_subcommand("schedule", "Production mode: run each pipeline at its scheduled time");
  schedule->add_option("--clock", args->clock, "real | virtual")
      ->check(CLI::IsMember({"real", "virtual"}))
      ->capture_default_str();
  schedule->add_option("--at", args->at, "Virtual clock start (UTC timestamp)");
  schedule->add_option("--until", args->until, "Stop before the first run after this instant");
  schedule->add_flag("--skip-drift-check", args->skip_drift_check,
                     "Report no deploy drift without checking (local runs never deployed)");
  dispatcher.bind(schedule, [args](const Context& context) {
    prepare_child_environment(context);
    std::unique_ptr<core::Clock> clock;
    if (args->clock == "real") {
      clock = std::make_unique<core::RealClock>();
    } else {
      if (args->at.empty()) throw core::InvalidInput("ae schedule --clock virtual needs --at");
      clock = std::make_unique<ae::app::RunClock>(core::parse_timestamp(args->at));
    }
    ae::app::PipelineSession session(context.home, nullptr, {!args->skip_drift_check, {}});
    ae::app::ScheduleRequest request;
    request.clock = clock.get();
    if (!args->until.empty()) request.until = core::parse_timestamp(args->until);
    ae::app::PipelineOperations operations(context.home, *clock);
    request.on_run = [&operations](const ae::app::DayOutcome& day) {
      std::cout << fmt::format("{} {:<8} {} {}{}\n", core::format_date(day.run.date),
                               day.run.pipeline, day.status,
                               day.already_finished ? "(already done) " : "", day.error)
                << std::flush;
      if (!day.already_finished) operations.record_execution(day.run.pipeline, day.status);
      operations.evaluate_alarms();
    };
    request.on_hour = [&operations] { operations.evaluate_alarms(); };
    ae::app::run_schedule(session.context(), request, operations.services());
    return 0;
  });
}

}  // namespace

void add_simulate_commands(CLI::App& app, Dispatcher& dispatcher) {
  add_simulate(app, dispatcher);
  add_schedule(app, dispatcher);
}

}  // namespace ae::cli
