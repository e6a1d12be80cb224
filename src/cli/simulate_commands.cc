// `ae simulate --from D1 --to D2 [--fault KIND=ARGS]...`: the reference's
// schedule (saturday; weekday + eod on every weekday) over the span, on the
// virtual clock and the paper broker, with a progress bar on stderr and the
// final report on stdout; exit 1 if any execution failed.
// `ae schedule [--clock real|virtual] [--at TS] [--until TS]`: the production
// mode - waits for each scheduled start on the clock and runs it; a restart
// never runs a finished day again. See docs/pipelines.md.
// JSON: simulate {"from", "to", "executions", "succeeded", "failed",
// "already_done", "trading_days", "gaps_healed", "orders", "nav_start",
// "nav_end", "spy_start", "spy_end", "max_drawdown_pct", "seconds", "days":
// [{"pipeline", "date", "status", "error", "already_finished"}]}; schedule
// {"runs": [the same day objects]} when it stops (--until).
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/pipeline_operations.h"
#include "app/pipeline_session.h"
#include "app/pipelines.h"
#include "app/run_clock.h"
#include "app/simulation.h"
#include "cli/clock_option.h"
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

nlohmann::json day_json(const ae::app::DayOutcome& day) {
  return {{"pipeline", day.run.pipeline},
          {"date", core::format_date(day.run.date)},
          {"status", day.status},
          {"error", day.error},
          {"already_finished", day.already_finished}};
}

nlohmann::json report_json(const ae::app::SimulationReport& report,
                           const ae::app::SimulationRequest& request) {
  const auto optional = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
  };
  nlohmann::json days = nlohmann::json::array();
  for (const auto& day : report.days) days.push_back(day_json(day));
  return {{"from", core::format_date(request.from)},
          {"to", core::format_date(request.to)},
          {"executions", report.executions},
          {"succeeded", report.succeeded},
          {"failed", report.failed},
          {"already_done", report.skipped_already_done},
          {"trading_days", report.trading_days},
          {"gaps_healed", report.gaps_healed},
          {"orders", report.orders},
          {"nav_start", optional(report.nav_start)},
          {"nav_end", optional(report.nav_end)},
          {"spy_start", optional(report.spy_start)},
          {"spy_end", optional(report.spy_end)},
          {"max_drawdown_pct", optional(report.max_drawdown_pct)},
          {"seconds", report.seconds},
          {"days", days}};
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
    announce_clock("virtual", ops_clock.now());
    ae::app::PipelineOperations operations(context.home, ops_clock);
    request.progress = [&](std::size_t done, std::size_t total, const ae::app::DayOutcome& day) {
      print_progress(done, total, day);
      operations.advance_to(day.finished_at);
      if (!day.already_finished) operations.record_execution(day.run.pipeline, day.status);
    };
    request.saturday_input = states::Json::parse(args->saturday_input, nullptr, false);
    if (!request.saturday_input.is_object())
      throw core::InvalidInput("--saturday-input must be a JSON object: " + args->saturday_input);
    const auto report = ae::app::simulate(session.context(), request, operations.services());
    context.output.print(report_json(report, request), [&](std::ostream& out) {
      out << report.text();
      out << "executions: ae sfn list --home " << context.home.root().string()
          << "; ledger: ae ledger eod\n";
    });
    return report.failed == 0 ? kExitOk : kExitNegative;
  });
}

struct ScheduleArgs {
  std::string clock;  // empty: clock_kind()'s default
  std::string at, until;
  bool skip_drift_check = false;
};

void add_schedule(CLI::App& app, Dispatcher& dispatcher) {
  auto args = std::make_shared<ScheduleArgs>();
  auto* schedule =
      app.add_subcommand("schedule", "Production mode: run each pipeline at its scheduled time");
  add_clock_option(schedule, args->clock, "replays the schedule from --at instantly");
  schedule->add_option("--at", args->at, "Virtual clock start (UTC timestamp)");
  schedule->add_option("--until", args->until, "Stop before the first run after this instant");
  schedule->add_flag("--skip-drift-check", args->skip_drift_check,
                     "Report no deploy drift without checking (local runs never deployed)");
  dispatcher.bind(schedule, [args](const Context& context) {
    prepare_child_environment(context);
    std::unique_ptr<core::Clock> clock;
    const auto kind = clock_kind(args->clock);
    if (kind == "real") {
      clock = std::make_unique<core::RealClock>();
    } else {
      if (args->at.empty()) throw core::InvalidInput("ae schedule --clock virtual needs --at");
      clock = std::make_unique<ae::app::RunClock>(core::parse_timestamp(args->at));
    }
    announce_clock(kind, clock->now());
    ::setenv(core::kClockVariable, kind.c_str(), 1);  // the command steps' default
    ae::app::PipelineSession session(context.home, nullptr, {!args->skip_drift_check, {}});
    ae::app::ScheduleRequest request;
    request.clock = clock.get();
    if (!args->until.empty()) request.until = core::parse_timestamp(args->until);
    ae::app::PipelineOperations operations(context.home, *clock);
    nlohmann::json runs = nlohmann::json::array();
    request.on_run = [&](const ae::app::DayOutcome& day) {
      if (context.output.json()) {
        runs.push_back(day_json(day));
      } else {
        std::cout << fmt::format("{} {:<8} {} {}{}\n", core::format_date(day.run.date),
                                 day.run.pipeline, day.status,
                                 day.already_finished ? "(already done) " : "", day.error)
                  << std::flush;
      }
      if (!day.already_finished) operations.record_execution(day.run.pipeline, day.status);
      operations.evaluate_alarms();
    };
    request.on_hour = [&operations] { operations.evaluate_alarms(); };
    ae::app::run_schedule(session.context(), request, operations.services());
    if (context.output.json()) context.output.print({{"runs", runs}});
    return 0;
  });
}

}  // namespace

void add_simulate_commands(CLI::App& app, Dispatcher& dispatcher) {
  add_simulate(app, dispatcher);
  add_schedule(app, dispatcher);
}

}  // namespace ae::cli
