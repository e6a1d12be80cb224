// `ae simulate` and `ae schedule` share this: the reference's calendar of
// pipelines over a span of days, each execution named "<pipeline>-<date>" so
// that a day is never run twice (a finished execution is kept, one whose
// process died is resumed; see run_pipeline):
//   - every Saturday: the saturday pipeline (research, training, ...);
//   - every Monday-Friday: the weekday pipeline (it takes the holiday path
//     itself on a market holiday) and, on a trading day, the eod pipeline
//     after it, whatever the weekday's outcome (as the reference's daemon
//     shutdown and its systemd backstop do).
// Each execution runs on a RunClock that starts at app::scheduled_start.
// The report sums what the histories and the ledger say. Over a simulated
// span, a warning the in-process tasks repeat (the predictor's output health
// gate, ...) is logged once and counted at the end (core/repeated_warnings.h);
// the schedule logs each day's.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/pipeline_run.h"
#include "app/task_context.h"
#include "states/resources/builtin_resources.h"

namespace ae::app {

struct ScheduledRun {
  std::string pipeline;
  core::Date date;
  std::string execution_name() const;
};

// The executions of the reference's schedule for days in [from, to].
std::vector<ScheduledRun> schedule_between(core::Date from, core::Date to);

struct DayOutcome {
  ScheduledRun run;
  std::string status;  // SUCCEEDED, FAILED, ..., MISSED (ae schedule only)
  std::string error;   // error: cause, for a failure
  bool already_finished = false;
  bool healed_gap = false;      // went through ReinvokePredictor and on to the planner
  bool market_closed = false;   // weekday took the holiday path
  double seconds = 0;           // real time spent
  core::Timestamp finished_at;  // on the execution's clock
};

struct SimulationReport {
  std::vector<DayOutcome> days;
  int executions = 0, succeeded = 0, failed = 0, skipped_already_done = 0;
  int trading_days = 0, gaps_healed = 0;
  std::size_t orders = 0;  // ledger trades dated within the span
  std::optional<double> nav_start, nav_end, spy_start, spy_end, max_drawdown_pct;
  double seconds = 0;
  std::map<std::string, double> seconds_per_state;  // summed over executions
  std::string text() const;                         // the final report for people
};

struct SimulationRequest {
  core::Date from, to;
  // Merged into every saturday execution's input, e.g.
  // {"skip_predictor_training": true} to keep the champion for the span.
  states::Json saturday_input = states::Json::object();
  // Called after each execution (for a progress bar); may be empty.
  std::function<void(std::size_t done, std::size_t total, const DayOutcome&)> progress = {};
};

// `context.clock` is ignored: each execution gets its own RunClock.
// InvalidInput when from > to or the home has no market data.
SimulationReport simulate(const TaskContext& context, const SimulationRequest& request,
                          const states::BuiltinServices& services = {});

struct ScheduleRequest {
  core::Clock* clock = nullptr;          // real in production; required
  std::optional<core::Timestamp> until;  // stop before the first run after it
  std::function<void(const DayOutcome&)> on_run;
  // Called at every whole hour while waiting for the next start (the
  // scheduler evaluates the alarms then, as CloudWatch would); may be empty.
  std::function<void()> on_hour;
};

// The long-running production mode (`ae schedule`): from the clock's today
// on, waits for each scheduled start and runs the execution by name. After a
// restart, a run of today whose start has passed is resumed if a crash left
// it RUNNING, never run again if it finished, run late if it never started
// and its start is at most 6 hours past, else reported MISSED (not run: a
// weekday plan after the session would trade a closed day). Returns at
// `until`.
void run_schedule(const TaskContext& context, const ScheduleRequest& request,
                  const states::BuiltinServices& services = {});

}  // namespace ae::app
