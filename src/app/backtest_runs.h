// The backtester's use cases over a home: replay the live decision code over
// a span and write its report (beside SPY and, on a simulated market, the
// oracle that trades the planted signal); sweep many executor parameter
// combinations in one pass; tune on a training span and check on a later
// holdout (promoting through the gates unless frozen); read a written report.
// Each run, sweep and tune emits AlphaEngine Heartbeat {Process=backtester}
// (the weekly alarm's metric) into the home's ops database, a SKIPPED one too:
// without an explicit start, a span with too little history before its
// default start is SKIPPED with the reason rather than failed.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/backtest_session.h"
#include "backtest/report.h"
#include "core/home.h"

namespace ae::app {

struct BacktestRun {
  std::optional<std::string> skipped;  // the reason, when SKIPPED (nothing else is set)
  core::Date from, to;
  backtest::WrittenReport report;  // metrics, oracle metrics, where it was written
  std::size_t guard_firings = 0, preparation_firings = 0, models = 0;
  std::size_t reused_folds = 0;  // fold models the trainings took from a cache
  double research_seconds = 0, training_seconds = 0, prediction_seconds = 0;
  double replay_seconds = 0;
  std::size_t resumed_days = 0;  // replayed days resumed from the last run's books
};

BacktestRun run_backtest(const core::Home& home, const SpanArgs& span, const Progress& progress);

struct TrialArgs : SpanArgs {
  std::size_t trials = 60;
  std::uint64_t seed = 42;
  // Sweep the oracle's decisions (oracle.h) instead of the prepared ones: how
  // much of the planted signal each construction can capture; a simulated
  // market only (InvalidInput otherwise), and nothing to prepare.
  bool oracle = false;
};

// The sweep's summary: {"status": "OK"|"SKIPPED", from, to, combinations,
// sessions, sweep_seconds, report, best, best_figures} (or status, step,
// reason when SKIPPED).
nlohmann::json sweep_backtest(const core::Home& home, const TrialArgs& trials,
                              const Progress& progress);

struct TuneArgs : TrialArgs {
  double holdout = 0.3;  // the later fraction of the span
  bool freeze = false;   // compute and report; never write parameters
};

// The tuning decision (backtest/tuning.h decision_json, plus what was written
// unless frozen), also stored as backtest/{to}/tuning.json.
nlohmann::json tune_backtest(const core::Home& home, const TuneArgs& tune,
                             const Progress& progress);

// The report of `date` (the span's last day), else the newest one: its
// markdown and its metrics.json; NotFound when there is none.
struct BacktestReportFiles {
  std::string prefix;  // backtest/{date}/
  std::string markdown;
  nlohmann::json metrics;
};
BacktestReportFiles backtest_report(const core::Home& home, const std::optional<core::Date>& date);

// The SKIPPED answer of a use case: {"status": "SKIPPED", "step", "reason"}.
nlohmann::json skipped_json(const std::string& step, const std::string& reason);

}  // namespace ae::app
