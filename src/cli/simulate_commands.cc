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

#include "cli/command.h"
#include "cli/ops_wiring.h"
#include "cli/pipeline_environment.h"
#include "core/error.h"
#include "ops/metric_store.h"
#include "ops/ops_database.h"
#include "tasks/deploy_drift.h"
#include "tasks/pipelines.h"
#include "tasks/run_clock.h"
#include "tasks/simulation.h"

namespace ae::cli {
namespace {

struct SimulateArgs {
  std::string from, to;
  std::vector<std::string> faults;
  std::string saturday_input = "{}";
};

// One line per execution (logs may interleave, so no carriage returns).
void print_progress(std::size_t done, std::size_t total, const tasks::DayOutcome& day) {
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
    tasks::TaskContext task_context;
    task_context.home = context.home;
    const auto ops_database = ops::open_ops_database(context.home.ops_database());
    ops::MetricStore metrics(*ops_database);
    task_context.metrics = &metrics;
    for (const auto& fault : args->faults) tasks::add_fault(task_context.faults, fault);
    // A local simulation deploys nothing, so there is nothing to drift from.
    task_context.deploy_drift = [] { return tasks::skipped_deploy_drift(); };
    tasks::SimulationRequest request;
    request.from = core::parse_date(args->from);
    request.to = core::parse_date(args->to);
    // Operations run on their own virtual clock, moved to each execution's end:
    // sns:publish goes to the notifier, and the alarms are evaluated then.
    core::VirtualClock ops_clock(tasks::scheduled_start("saturday", request.from));
    PipelineOperations operations(context, ops_clock);
    request.progress = [&](std::size_t done, std::size_t total, const tasks::DayOutcome& day) {
      print_progress(done, total, day);
      operations.advance_to(day.finished_at);
      if (!day.already_finished) operations.record_execution(day.run.pipeline, day.status);
    };
    request.saturday_input = nlohmann::json::parse(args->saturday_input, nullptr, false);
    if (!request.saturday_input.is_object())
      throw core::InvalidInput("--saturday-input must be a JSON object: " + args->saturday_input);
    const auto report = tasks::simulate(task_context, request, operations.services());
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
      clock = std::make_unique<tasks::RunClock>(core::parse_timestamp(args->at));
    }
    tasks::TaskContext task_context;
    task_context.home = context.home;
    const auto ops_database = ops::open_ops_database(context.home.ops_database());
    ops::MetricStore metrics(*ops_database);
    task_context.metrics = &metrics;
    if (args->skip_drift_check)
      task_context.deploy_drift = [] { return tasks::skipped_deploy_drift(); };
    else
      task_context.deploy_drift = [&task_context] {
        return tasks::check_deploy_drift(task_context);
      };
    tasks::ScheduleRequest request;
    request.clock = clock.get();
    if (!args->until.empty()) request.until = core::parse_timestamp(args->until);
    PipelineOperations operations(context, *clock);
    request.on_run = [&operations](const tasks::DayOutcome& day) {
      std::cout << fmt::format("{} {:<8} {} {}{}\n", core::format_date(day.run.date),
                               day.run.pipeline, day.status,
                               day.already_finished ? "(already done) " : "", day.error)
                << std::flush;
      if (!day.already_finished) operations.record_execution(day.run.pipeline, day.status);
      operations.evaluate_alarms();
    };
    request.on_hour = [&operations] { operations.evaluate_alarms(); };
    tasks::run_schedule(task_context, request, operations.services());
    return 0;
  });
}

}  // namespace

void add_simulate_commands(CLI::App& app, Dispatcher& dispatcher) {
  add_simulate(app, dispatcher);
  add_schedule(app, dispatcher);
}

}  // namespace ae::cli
