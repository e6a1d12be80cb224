// Backtest and sweep reports written to the artifact store.
//
// write_backtest_report puts, under backtest/{date}/ (every file through the
// store's atomic put):
//   report.md           headline table (portfolio vs SPY vs the oracle if
//                       given), relative figures (active return, tracking
//                       error, IR, beta, alpha t-stat, per year), what each
//                       risk rule cost or saved, trades, costs, guard firings,
//                       top/bottom round trips, parameters, links to charts
//   metrics.json        {"label", "metrics", "oracle_metrics", "guard_firings",
//                        "parameters", "rule_contributions"} (metrics as
//                        metrics.h to_json, contributions as
//                        rule_contribution.h's)
//   nav.csv             date,nav,spy_close,spy_rebased,drawdown,positions,
//                       invested,exposure (empty field: not recorded)
//   trades.csv          one round trip per row (open ones with status open)
//   fills.csv           every fill (cost: against its quote, incl. commission)
//   monthly_returns.csv year,month,portfolio,spy,excess
//   nav_vs_spy.svg, drawdown.svg, monthly_returns.svg  (charts/chart.h)
//
// write_sweep_report puts sweep.csv, sweep.md and sweep_heatmap.svg under the
// same prefix: one row per configuration (parameters, then figures), the
// best rows by the objective, and a heat map over two parameters (the two
// whose levels move the objective most, unless chosen) whose cells hold the
// best objective over every other parameter.
//
// Both compute everything before the first put (bad input writes nothing).
// write_backtest_report throws what metrics.h throws for bad series and fills,
// and InvalidInput for position counts of the wrong length; write_sweep_report
// InvalidInput for an objective or heat-map parameter that is not a column,
// rows of different shapes, or no rows.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backtest/metrics.h"
#include "backtest/result.h"
#include "backtest/rule_contribution.h"
#include "charts/chart.h"
#include "core/artifact_store.h"
#include "core/date.h"

namespace ae::backtest {

struct ReportOptions {
  core::Date date{};                       // the key prefix backtest/{date}/
  const BacktestResult* oracle = nullptr;  // a strategy that knows the signal
  MetricsOptions metrics{};
  std::vector<charts::ReferenceLine> drawdown_lines{};  // e.g. circuit breakers at -0.08
  std::size_t top_trades = 5;                           // best and worst round trips listed
  std::vector<RuleContribution> rule_contributions{};   // what each risk rule cost or saved
};

struct WrittenReport {
  std::string prefix;             // "backtest/2026-04-20/"
  std::vector<std::string> keys;  // every object put, in order
  Metrics metrics;
  std::optional<Metrics> oracle_metrics;
};

WrittenReport write_backtest_report(core::ArtifactStore& store, const BacktestResult& result,
                                    const ReportOptions& options);

// One configuration of a sweep: its parameter values (as Combination::values)
// and named figures in column order. A row with an error has no figures.
struct SweepReportRow {
  std::vector<std::pair<std::string, double>> parameters{};
  std::vector<std::pair<std::string, double>> figures{};
  std::string error{};
};

// The standard figures of a run: total_return, annualised_return, sharpe,
// sortino, max_drawdown, calmar, alpha, information_ratio, trades, hit_rate,
// turnover_annualised, and `objective` when given (e.g. tuning's ranking).
SweepReportRow sweep_row(std::vector<std::pair<std::string, double>> parameters,
                         const Metrics& metrics, std::optional<double> objective = {});

struct SweepReportOptions {
  core::Date date{};
  std::string objective = "sharpe";  // a figure name; higher is better
  // The heat map's rows and columns; when absent, the two parameters whose
  // levels' mean objective varies most.
  std::optional<std::pair<std::string, std::string>> heatmap_axes{};
  std::size_t top_rows = 10;
  // The best row's daily returns: with a "sharpe" figure, sweep.md gives its
  // Deflated Sharpe over the sweep's trials.
  std::vector<double> best_returns{};
};

struct WrittenSweepReport {
  std::string prefix;
  std::vector<std::string> keys;
  std::pair<std::string, std::string> heatmap_axes;  // empty names: fewer than two parameters
  std::optional<std::size_t> best;                   // index into rows
};

WrittenSweepReport write_sweep_report(core::ArtifactStore& store,
                                      const std::vector<SweepReportRow>& rows,
                                      const SweepReportOptions& options);

}  // namespace ae::backtest
