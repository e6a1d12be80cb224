// `ae run weekday|saturday|eod [--date D] [--input JSON] [--clock real|virtual]
//  [--at TIMESTAMP] [--fault KIND=ARGS]... [--skip-drift-check] [--name NAME]
//  [--broker paper|fix]`
// Starts the pipeline definition (compiled in from pipelines/) on the durable
// engine under $AE_HOME/state, prints one line per state entered (name,
// duration, short result) and a summary; exits 1 when the execution did not
// succeed. Child commands find this very `ae` first on PATH, with AE_HOME set.
// On the virtual clock the run starts at --at, else at the reference's
// schedule on --date (ae::app::scheduled_start: weekday 09:05 New York, before
// the open; eod 16:15 New York, after the close; saturday 00:00 UTC), and
// Wait states take no real time. Command steps inherit the run's "now"
// (AE_VIRTUAL_NOW). Without --clock it runs on the real clock (a run acts on
// the world), unless $AE_CLOCK or a parent virtual run says otherwise.
// JSON: {"pipeline", "execution", "status", "clock", "states": [{"state",
// "type", "seconds", "result"}], "seconds", "error"?, "cause"?,
// "failure_reason"?} (app::PipelineRun::failure_reason). With
// --broker the command steps inherit the broker setting (AE_BROKER). See
// docs/running.md.
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "app/pipeline_operations.h"
#include "app/pipeline_run.h"
#include "app/pipeline_session.h"
#include "app/pipelines.h"
#include "app/run_clock.h"
#include "cli/clock_option.h"
#include "cli/command.h"
#include "cli/option_check.h"
#include "cli/pipeline_environment.h"
#include "core/error.h"
#include "executor/broker/broker_setting.h"
#include "ops/metric_store.h"
#include "ops/ops_database.h"
#include "states/run/crash_at_state.h"
#include "states/run/executions.h"

namespace ae::cli {
namespace {

struct RunArgs {
  std::string date;
  std::string input = "{}";
  std::string clock;  // empty: clock_kind()'s default
  std::string at;
  std::vector<std::string> faults;
  bool skip_drift_check = false;
  std::string name;
  std::string crash_at;
  std::string broker;  // "" for the home's setting
};

std::unique_ptr<core::Clock> make_pipeline_clock(const std::string& pipeline,
                                                 const std::string& kind, const RunArgs& args) {
  if (kind == "real") return std::make_unique<core::RealClock>();
  if (!args.at.empty()) return std::make_unique<ae::app::RunClock>(core::parse_timestamp(args.at));
  if (args.date.empty())
    throw core::InvalidInput("ae run --clock virtual needs --date or --at to know when it runs");
  return std::make_unique<ae::app::RunClock>(
      ae::app::scheduled_start(pipeline, core::parse_date(args.date)));
}

int run_pipeline_command(const std::string& pipeline, const RunArgs& args, const Context& context) {
  auto input = states::parse_execution_input(args.input, "--input");
  if (!input.is_object()) throw core::InvalidInput("--input must be a JSON object: " + args.input);
  if (!args.date.empty()) input["run_date"] = core::format_date(core::parse_date(args.date));
  prepare_child_environment(context);
  if (!args.broker.empty()) {
    const auto broker =
        executor::choose_broker(args.broker, context.home.parameter_file("executor"));
    ::setenv("AE_BROKER", std::string(executor::to_string(broker)).c_str(), 1);
  }
  const auto kind = clock_kind(args.clock);
  auto clock = make_pipeline_clock(pipeline, kind, args);
  announce_clock(kind, clock->now());
  ::setenv(core::kClockVariable, kind.c_str(), 1);  // the command steps' default
  ae::app::PipelineSession session(context.home, clock.get(),
                                   {!args.skip_drift_check, args.faults});
  ae::app::PipelineRunRequest request{pipeline, input, args.name, kind, args.crash_at};
  ae::app::PipelineOperations operations(context.home, *clock);
  const auto run = ae::app::run_pipeline(session.context(), request, operations.services());
  if (!run.already_finished)
    operations.record_execution(pipeline, states::status_name(run.record.status));
  operations.evaluate_alarms();
  double total = 0;
  nlohmann::json state_rows = nlohmann::json::array();
  for (const auto& line : run.states) {
    state_rows.push_back({{"state", line.state},
                          {"type", line.type},
                          {"seconds", line.seconds},
                          {"result", line.result}});
    total += line.seconds;
  }
  nlohmann::json document = {{"pipeline", pipeline},
                             {"execution", run.record.name},
                             {"status", states::status_name(run.record.status)},
                             {"clock", kind},
                             {"states", state_rows},
                             {"seconds", total}};
  if (run.record.error) {
    document["error"] = *run.record.error;
    document["cause"] = run.record.cause.value_or("");
    if (const auto reason = run.failure_reason(); !reason.empty())
      document["failure_reason"] = reason;
  }
  context.output.print(document, [&](std::ostream& out) {
    for (const auto& line : run.states)
      out << fmt::format("{:<28} {:<8} {:>9.3f}s  {}\n", line.state, line.type, line.seconds,
                         line.result);
    out << fmt::format("{} {} {}: {} states, {:.3f}s on the run's clock", pipeline, run.record.name,
                       states::status_name(run.record.status), run.states.size(), total);
    if (run.record.error) out << " - " << run.error_summary();
    out << "\n";
  });
  return run.succeeded() ? kExitOk : kExitNegative;
}

}  // namespace

void add_run_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* run = app.add_subcommand("run", "Run a pipeline (weekday, saturday, eod) on this home");
  run->require_subcommand(1);
  for (const std::string pipeline : {"weekday", "saturday", "eod"}) {
    auto args = std::make_shared<RunArgs>();
    auto* sub = run->add_subcommand(pipeline, "Run the " + pipeline + " pipeline");
    sub->add_option("--date", args->date, "run_date (default: the UTC date the execution starts)");
    sub->add_option("--input", args->input, "Execution input JSON, merged over the defaults");
    add_clock_option(sub, args->clock,
                     "virtual: starts at --at or the schedule on --date; Waits take no time");
    sub->add_option("--at", args->at, "Virtual clock start (UTC timestamp)");
    sub->add_option(
        "--fault", args->faults,
        "Inject a fault (repeatable): omit-first|omit-always|fail-on=TICKERS, "
        "task-fail|task-timeout|command-fail=STATES, corrupt|missing=signals|predictions, "
        "notifier-down (docs/pipelines.md)");
    sub->add_flag("--skip-drift-check", args->skip_drift_check,
                  "Report no deploy drift without checking (local runs never deployed)");
    sub->add_option("--name", args->name, "Execution name (default: generated)");
    sub->add_option("--crash-at", args->crash_at,
                    "STATE[#N]: crash test - kill this process (SIGKILL) once the Nth entry of "
                    "top-level state STATE is recorded; run again with the same --name to "
                    "resume (docs/states.md)")
        ->check(checked_by([](const std::string& spec) { states::CrashPoint::parse(spec); },
                           "STATE[#N]"));
    sub->add_option("--broker", args->broker,
                    "paper or fix, for the executor's command steps (exported as AE_BROKER; "
                    "default: $AE_BROKER, else broker of config/executor.yaml)")
        ->envname("AE_BROKER");
    dispatcher.bind(sub, [pipeline, args](const Context& context) {
      return run_pipeline_command(pipeline, *args, context);
    });
  }
}

}  // namespace ae::cli
