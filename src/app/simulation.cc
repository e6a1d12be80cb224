#include "app/simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "app/pipelines.h"
#include "app/run_clock.h"
#include "app/weekday_coverage.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/market_time.h"
#include "core/repeated_warnings.h"
#include "executor/ledger/ledger.h"
#include "market/bar_store.h"
#include "states/run/executions.h"
#include "states/store/history_store.h"

namespace ae::app {
namespace {

bool entered(const PipelineRun& run, const std::string& state) {
  return std::any_of(run.states.begin(), run.states.end(),
                     [&](const StateLine& line) { return line.state == state; });
}

DayOutcome outcome_of(const ScheduledRun& scheduled, const PipelineRun& run, double seconds,
                      core::Timestamp finished_at) {
  DayOutcome outcome;
  outcome.finished_at = finished_at;
  outcome.run = scheduled;
  outcome.status = states::status_name(run.record.status);
  outcome.error = run.error_summary();
  outcome.already_finished = run.already_finished;
  outcome.healed_gap =
      entered(run, std::string(kCoverageRescoreState)) && entered(run, "RunMorningPlanner");
  outcome.market_closed = entered(run, "StopExecutorOnHoliday");
  outcome.seconds = seconds;
  return outcome;
}

// How late a scheduled execution may still start after a restart.
constexpr std::chrono::hours kCatchUpGrace{6};

bool execution_exists(const TaskContext& context, const ScheduledRun& scheduled) {
  std::filesystem::create_directories(context.home.state());
  states::HistoryStore store(context.home.executions_database());
  return store.find(scheduled.execution_name()).has_value();
}

void add_ledger_figures(const TaskContext& context, core::Date from, core::Date to,
                        SimulationReport& report) {
  if (!std::filesystem::exists(context.home.ledger())) return;
  executor::Ledger ledger(context.home.ledger());
  for (const auto& trade : ledger.trades())
    if (trade.date >= from && trade.date <= to) ++report.orders;
  double peak = 0, worst = 0;
  for (const auto& row : ledger.eod_rows()) {
    if (row.date < from || row.date > to) continue;
    if (!report.nav_start) {
      report.nav_start = row.portfolio_nav;
      report.spy_start = row.spy_close;
    }
    report.nav_end = row.portfolio_nav;
    report.spy_end = row.spy_close;
    peak = std::max(peak, row.portfolio_nav);
    if (peak > 0) worst = std::min(worst, row.portfolio_nav / peak - 1);
  }
  if (report.nav_start) report.max_drawdown_pct = 100 * worst;
}

// Every pipeline of a session reads its bars (the weekday the close before
// it, the eod and the next saturday its own): a span whose last session is
// after SPY's last bar would fail each day after it, so it is refused.
void refuse_days_past_the_bars(const market::BarStore& bars, core::Date to) {
  if (!bars.contains("SPY")) return;  // the data steps say so themselves
  const auto spy = bars.read("SPY");
  const auto last_row = spy.last_present_row();
  if (!last_row) return;
  const auto& calendar = bars.calendar();
  const auto last_bar = spy.date_at(*last_row);
  const auto last_index = calendar.last_index_on_or_before(to);
  if (!last_index) return;
  const auto last_session = calendar.date_at(*last_index);
  if (last_session <= last_bar) return;
  throw core::InvalidInput(fmt::format(
      "simulate: the span reaches the {} session, after {}, the last session with bars (SPY): "
      "the days after it would fail for want of data. End the span by {}, or import the later "
      "bars first (`ae data import DIR`)",
      core::format_date(last_session), core::format_date(last_bar), core::format_date(last_bar)));
}

}  // namespace

std::string ScheduledRun::execution_name() const {
  return pipeline + "-" + core::format_date(date);
}

std::vector<ScheduledRun> schedule_between(core::Date from, core::Date to) {
  const market::TradingCalendar calendar;
  std::vector<ScheduledRun> out;
  for (auto day = std::chrono::sys_days(from); day <= std::chrono::sys_days(to);
       day += std::chrono::days(1)) {
    const core::Date date(day);
    const std::chrono::weekday weekday(day);
    if (weekday == std::chrono::Saturday) {
      out.push_back({"saturday", date});
    } else if (weekday != std::chrono::Sunday) {
      out.push_back({"weekday", date});
      if (calendar.is_trading_day(date)) out.push_back({"eod", date});
    }
  }
  return out;
}

SimulationReport simulate(const TaskContext& context, const SimulationRequest& request,
                          const states::BuiltinServices& services) {
  if (request.from > request.to)
    throw core::InvalidInput(fmt::format("simulate: --from {} is after --to {}",
                                         core::format_date(request.from),
                                         core::format_date(request.to)));
  const market::BarStore bars(context.home.market());
  if (!bars.has_universe())
    throw core::InvalidInput("simulate: no market data in " + context.home.market().string() +
                             " (create it with `ae data synth --end DATE` or `ae data import`)");
  refuse_days_past_the_bars(bars, request.to);
  const auto plan = schedule_between(request.from, request.to);
  // A warning the in-process tasks raise every day is logged once, with a
  // count when the span is done.
  const core::RepeatedWarningScope repeated_warnings;
  SimulationReport report;
  const core::Stopwatch total;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const auto& scheduled = plan[i];
    RunClock clock(scheduled_start(scheduled.pipeline, scheduled.date));
    TaskContext day_context = context;
    day_context.clock = &clock;
    const core::Stopwatch watch;
    states::Json input = {{"run_date", core::format_date(scheduled.date)}};
    if (scheduled.pipeline == "saturday") input.update(request.saturday_input);
    const auto run = run_pipeline(
        day_context, {scheduled.pipeline, input, scheduled.execution_name(), "virtual", ""},
        services);
    const auto outcome = outcome_of(scheduled, run, watch.elapsed_seconds(), clock.now());

    ++report.executions;
    if (run.already_finished) ++report.skipped_already_done;
    if (run.succeeded())
      ++report.succeeded;
    else
      ++report.failed;
    if (scheduled.pipeline == "eod") ++report.trading_days;
    if (outcome.healed_gap) ++report.gaps_healed;
    // Wait states cost no real time on the virtual clock: the share is of work.
    if (!run.already_finished)
      for (const auto& line : run.states)
        if (line.type != "Wait")
          report.seconds_per_state[scheduled.pipeline + "." + line.state] += line.seconds;
    report.days.push_back(outcome);
    if (request.progress) request.progress(i + 1, plan.size(), outcome);
  }
  report.seconds = total.elapsed_seconds();
  add_ledger_figures(context, request.from, request.to, report);
  return report;
}

void run_schedule(const TaskContext& context, const ScheduleRequest& request,
                  const states::BuiltinServices& services) {
  if (request.clock == nullptr) throw core::InvalidInput("run_schedule: no clock");
  auto& clock = *request.clock;
  TaskContext run_context = context;
  run_context.clock = &clock;
  for (auto day = std::chrono::sys_days(core::new_york_date(clock.now()));;
       day += std::chrono::days(1)) {
    for (const auto& scheduled : schedule_between(core::Date(day), core::Date(day))) {
      const auto start = scheduled_start(scheduled.pipeline, scheduled.date);
      if (request.until && start > *request.until) return;
      for (auto hour = std::chrono::ceil<std::chrono::hours>(clock.now()); hour < start;
           hour += std::chrono::hours(1)) {
        clock.sleep_until(hour);
        if (request.on_hour) request.on_hour();
      }
      clock.sleep_until(start);
      if (clock.now() - start > kCatchUpGrace && !execution_exists(context, scheduled)) {
        // Too late to be of use (a weekday plan after the session, ...).
        DayOutcome missed;
        missed.run = scheduled;
        missed.status = "MISSED";
        missed.error =
            fmt::format("the scheduler was not running at {} (more than {} h ago); not run",
                        core::format_timestamp(start), kCatchUpGrace.count());
        missed.finished_at = clock.now();
        if (request.on_run) request.on_run(missed);
        continue;
      }
      const core::Stopwatch watch;
      const auto run = run_pipeline(run_context,
                                    {scheduled.pipeline,
                                     {{"run_date", core::format_date(scheduled.date)}},
                                     scheduled.execution_name(),
                                     clock.is_virtual() ? "virtual" : "real",
                                     ""},
                                    services);
      if (request.on_run)
        request.on_run(outcome_of(scheduled, run, watch.elapsed_seconds(), clock.now()));
    }
  }
}

std::string SimulationReport::text() const {
  std::string out;
  out += fmt::format("executions      {} ({} succeeded, {} failed, {} already done before)\n",
                     executions, succeeded, failed, skipped_already_done);
  out += fmt::format("trading days    {}\n", trading_days);
  out += fmt::format("gaps healed     {}\n", gaps_healed);
  for (const auto& day : days)
    if (day.status != "SUCCEEDED")
      out += fmt::format("  failed        {} {}: {}\n", day.run.pipeline,
                         core::format_date(day.run.date), day.error);
  out += fmt::format("orders filled   {}\n", orders);
  if (nav_start && nav_end && spy_start && spy_end && *nav_start > 0 && *spy_start > 0) {
    const double nav_return = 100 * (*nav_end / *nav_start - 1);
    const double spy_return = 100 * (*spy_end / *spy_start - 1);
    out += fmt::format("NAV             {:.2f} -> {:.2f} ({:+.2f}%)\n", *nav_start, *nav_end,
                       nav_return);
    out += fmt::format("SPY             {:.2f} -> {:.2f} ({:+.2f}%)\n", *spy_start, *spy_end,
                       spy_return);
    out += fmt::format("alpha           {:+.2f} percentage points\n", nav_return - spy_return);
    out += fmt::format("max drawdown    {:.2f}%\n", max_drawdown_pct.value_or(0));
  } else {
    out += "NAV             no end-of-day rows in the span\n";
  }
  out += fmt::format("wall time       {:.1f} s\n", seconds);
  std::vector<std::pair<std::string, double>> slowest(seconds_per_state.begin(),
                                                      seconds_per_state.end());
  std::sort(slowest.begin(), slowest.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  double states_total = 0;
  for (const auto& [state, s] : slowest) states_total += s;
  if (states_total > 0) {
    out += "time per state (top 8, share of the executions' time on their clocks)\n";
    for (std::size_t i = 0; i < std::min<std::size_t>(8, slowest.size()); ++i)
      out += fmt::format("  {:<40} {:8.2f} s {:5.1f}%\n", slowest[i].first, slowest[i].second,
                         100 * slowest[i].second / states_total);
  }
  return out;
}

}  // namespace ae::app
