// The fast parameter sweep: N executor configurations evaluated in ONE pass
// over the days with the live decision code (unlike the reference's vectorised
// sweep, which re-implemented the rules and could drift from them).
// Combinations are a dimension of the state, a vector of BookStates:
//
//   for each day:
//     coverage guard once (shared: it depends on signals and predictions only)
//     DayMarket once, for the union of the symbols any book needs (the day's
//       ENTER tickers, every book's holdings and their sector ETFs, SPY)
//     for each book, in parallel (tbb::parallel_for): step_day = the same
//       assemble_plan_input + plan_day + fills as the replay (day_step.h)
//
// so each combination's run equals its own single replay (tested). A book
// that throws (anything but the guards step_day records) stops there; its
// run carries the error and is invalid for tuning.
//
// Each run is a BacktestResult starting with the day before the first day
// (NAV = the configuration's initial_cash) so the first day's return counts.
// With a checkpoint that applies, the days it holds are not stepped again.
// The progress callback is called on the calling thread after every day.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "backtest/decision_inputs.h"
#include "backtest/result.h"
#include "backtest/sweep_checkpoint.h"
#include "backtest/tuning.h"
#include "core/metric_sink.h"
#include "executor/risk_config.h"

namespace ae::backtest {

struct SweepOptions {
  // (days done, days total); called after every day on the calling thread.
  std::function<void(std::size_t, std::size_t)> progress;
  bool parallel = true;
  // Receives the coverage metric of each day (as live emits it); may be null.
  core::MetricSink* metrics = nullptr;
  // Resume from the checkpoint there, and save one after the last day
  // (sweep_checkpoint.h); not with `metrics`, whose resumed days would go
  // unreported.
  CheckpointPlace checkpoint = {};
};

// Where the time went, summed over the days (seconds).
struct SweepTimings {
  double market_wall = 0;     // symbol union + DayMarket builds (serial)
  double books_wall = 0;      // the parallel step_day loop
  double books_cpu = 0;       // step_day summed over books (thread time)
  std::size_t days = 0;       // days stepped (from the first any book steps)
  std::size_t book_days = 0;  // days x books stepped
};

struct SweepRun {
  BacktestResult result;
  std::string error;             // non-empty: the book stopped on this error
  std::exception_ptr failure{};  // ... and the exception itself, to rethrow
};

struct SweepResult {
  std::vector<SweepRun> runs;  // one per configuration, in order
  SweepTimings timings;
};

// Throws InvalidInput for no days, no configurations, days not increasing or
// a series cache without SPY.
SweepResult run_sweep(const SeriesCache& series, std::span<const DecisionDay> days,
                      const std::vector<executor::RiskConfig>& configs,
                      const SweepOptions& options = {});

// Tuning's figures of one run (metrics.h); invalid with the reason when the
// run failed or its figures cannot be computed.
RunMetrics run_metrics(const SweepRun& run);

// The tuning callback over `inputs` (referenced, not copied: it must outlive
// the callback): the days whose dates are in the span asked for, swept with
// `options` (its checkpoint only for a span from the first day of `inputs`). Throws InvalidInput
// naming the first date of the span that `inputs` has no day for.
Evaluate sweep_evaluator(const DecisionInputs& inputs, SweepOptions options = {});

}  // namespace ae::backtest
