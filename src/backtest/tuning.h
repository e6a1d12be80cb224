// Tuning the executor's parameters with a real holdout: unlike the reference
// optimizer, whose "holdout" re-ran the full span (in-sample), the holdout here
// really is the later dates.
//
//   1. The trading days are split in time: the first (1 - holdout_fraction)
//      are the training span, the rest the holdout span. Both must be
//      non-empty; every holdout day is after every training day.
//   2. Combinations are sampled from the grid (parameter_grid.h; seeded; the
//      current parameters are the baseline, combination 0) and all evaluated
//      on the training span in one sweep, each from a fresh book.
//   3. Ranked by objective = Sharpe - 0.5 * |max drawdown| (ties: higher
//      Sharpe, then lower index). Invalid runs (an error, non-finite
//      figures) are not ranked.
//   4. The best and the baseline are re-run, from fresh books, on the
//      holdout span only.
//   5. Gates (promotion.h): >= 5 valid combinations, best has >= 50 trades,
//      best Sharpe >= 0, objective >= 10% better than the baseline's, holdout
//      Sharpe >= 0.5 x training Sharpe and > 0. Promoted only if all pass;
//      `refused_by` names the first that failed.
//
// The evaluation is a callback so the search does not depend on how runs
// are simulated: the backtester passes the sweep (sweep.h), tests pass
// tables.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "backtest/parameter_grid.h"
#include "backtest/promotion.h"
#include "core/artifact_store.h"
#include "core/date.h"
#include "executor/risk_config.h"

namespace ae::backtest {

// The figures tuning needs from one run over a span.
struct RunMetrics {
  bool valid = true;
  std::string error;  // why the run is invalid, if it is
  double sharpe = 0;
  double max_drawdown = 0;  // negative or 0
  double total_return = 0;
  double total_alpha = 0;  // total return minus SPY's over the span
  int n_trades = 0;        // ENTER -> EXIT round trips
  int n_days = 0;
};

// Runs every config over `days`, each from a fresh book; one RunMetrics per
// config, in order.
using Evaluate = std::function<std::vector<RunMetrics>(
    const std::vector<executor::RiskConfig>& configs, std::span<const core::Date> days)>;

struct TuningSpans {
  std::vector<core::Date> training;
  std::vector<core::Date> holdout;
};

// Splits sorted trading days in time. Throws InvalidInput naming the problem
// for an empty list, unsorted days, a fraction outside (0, 1), or a split
// that leaves either span empty.
TuningSpans split_spans(std::vector<core::Date> days, double holdout_fraction);

struct TuningOptions {
  std::size_t max_trials = 60;
  std::uint64_t seed = 42;
  GateThresholds gates;
};

struct RankedRun {
  std::size_t index = 0;  // into combinations
  RunMetrics metrics;
  std::optional<double> objective;  // absent when invalid
};

struct TuningDecision {
  Sample sample;
  std::vector<RankedRun> training;   // in combination order
  std::vector<std::size_t> ranking;  // valid indices, best first
  std::optional<std::size_t> best;   // index of the best valid combination
  std::optional<RunMetrics> best_holdout, baseline_holdout;
  std::vector<GateResult> gates;
  bool promoted = false;
  std::string refused_by;  // first failed gate, "" when promoted
  core::Date training_first{}, training_last{}, holdout_first{}, holdout_last{};
};

double objective(const RunMetrics& metrics);

TuningDecision run_tuning(const ParameterGrid& grid, const executor::RiskConfig& current,
                          const TuningSpans& spans, const Evaluate& evaluate,
                          const TuningOptions& options);

// The decision as the CLI prints it and the report shows it: spans, sample
// size, seed, ranking (top 10), best and baseline with training and holdout
// figures, every gate with its figures, promoted / refused_by.
nlohmann::json decision_json(const TuningDecision& decision, const TuningOptions& options);

// Acts on a decision in the store: first the regression check of the
// parameters in force (the baseline's newest holdout Sharpe against the one
// recorded when they were promoted; may roll back), then, if promoted, the
// best combination's parameters are written (promotion.h). Returns
// decision_json plus "regression" and "written" (the tuned object, or null).
nlohmann::json apply_decision(core::ArtifactStore& store, const TuningDecision& decision,
                              const TuningOptions& options, core::Date date, core::Timestamp now);

}  // namespace ae::backtest
