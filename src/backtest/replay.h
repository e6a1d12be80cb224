// The replay: one book traded day by day over prepared decision inputs with
// the live executor's code (day_step.h), the market view of each day built
// for exactly the symbols this book's planner reads. All guards stay on; the
// preparation's firings (research, predictor) and the day's own (coverage,
// input gates) are recorded in the result.
// The result starts with the session before the first day (NAV = the
// configuration's initial_cash) so the first day's return counts; it carries
// SPY's closes, the open positions and their value at each close, every
// fill, and per day the predictions next to the realised alpha over the
// prediction horizon (for the prediction IC) where the data reaches.
#pragma once

#include <functional>
#include <vector>

#include "backtest/decision_inputs.h"
#include "backtest/result.h"
#include "backtest/sweep.h"
#include "core/metric_sink.h"
#include "executor/risk_config.h"

namespace ae::backtest {

struct ReplayOptions {
  executor::RiskConfig config;
  int prediction_horizon_days = 21;                             // realised alpha window for the IC
  std::function<void(std::size_t, std::size_t)> progress = {};  // days done, total
  core::MetricSink* metrics = nullptr;  // the coverage metric, as live emits it
  // replay_alongside only: resume its books from there and save them after
  // (sweep_checkpoint.h).
  CheckpointPlace checkpoint = {};
};

// One book alone, each day's market built for exactly its symbols: the
// reference the sweep's books are tested against (`ae backtest` steps its
// books through replay_alongside, which resumes from a checkpoint).
// InvalidInput for no days or inputs without a series cache.
BacktestResult replay(const DecisionInputs& inputs, const ReplayOptions& options);

// The same replay, and one more book per configuration of `alongside`, all
// stepped together over the same days as a sweep (sweep.h: one market per
// day for every book): `replay` equals replay(inputs, options) field for
// field (tested), `alongside` holds the other books' runs in order. An error
// of the replayed book is rethrown as replay() throws it; the other books'
// errors are in their runs.
struct ReplayAlongside {
  BacktestResult replay;
  std::vector<SweepRun> alongside;
  std::size_t resumed_days = 0;  // days taken from the checkpoint, not stepped
};
ReplayAlongside replay_alongside(const DecisionInputs& inputs, const ReplayOptions& options,
                                 const std::vector<executor::RiskConfig>& alongside);

// The day's predictions next to each ticker's alpha over `horizon` sessions
// from the feature date's close (for the prediction IC); empty when the day
// has none or the data does not reach.
DailyPredictions realised_predictions(const SeriesCache& series, const DecisionDay& day,
                                      int horizon);

}  // namespace ae::backtest
