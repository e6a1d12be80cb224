// What every backtest use case needs, wired over a home: the bar store and
// its series, the live parameters (research, predictor, executor: the tuned
// object in the store included), the span (defaults below), and the decision
// inputs prepared (cached in the home's backtest workspaces), reporting
// progress per phase to the caller.
// The default span ends at the last session with market data (or --to) and
// starts at the first session of the previous calendar year (or --from): one
// to two years, and the same start all year, so the weekly run reuses its
// cached workspace and adds only the new week.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "backtest/decision_history.h"
#include "core/artifact_store.h"
#include "core/home.h"
#include "core/parameters.h"
#include "core/repeated_warnings.h"
#include "executor/risk_config.h"
#include "market/bar_store.h"

namespace ae::app {

struct SpanArgs {
  std::string from, to;
  int retrain_every = 126;
};

// phase ("research", "training", "predictions", "replay", "sweep", "tune"),
// done, total.
using Progress = std::function<void(const std::string&, std::size_t, std::size_t)>;

class BacktestSession {
 public:
  BacktestSession(const core::Home& home, const SpanArgs& args);

  // The span had no explicit --from and there is too little history before
  // the default start to train a first model: the reason, else nullopt.
  const std::optional<std::string>& too_little_history() const { return too_little_history_; }

  // Runs research, training and predictions over the span (cached).
  const backtest::PreparedInputs& prepare(const Progress& progress);

  core::FileSystemStore store;
  market::BarStore bars;
  backtest::SeriesCache series;
  core::ParameterSet research_parameters, predictor_parameters, executor_parameters;
  executor::RiskConfig config;
  core::Date from, to;

 private:
  // A warning the replayed stages raise on every day of the span (research's
  // entrant floor, ...) is logged once, with a count when the session ends.
  core::RepeatedWarningScope repeated_warnings_;
  std::filesystem::path workspaces_;
  int retrain_every_;
  std::optional<std::string> too_little_history_;
  std::optional<backtest::PreparedInputs> prepared_;
};

}  // namespace ae::app
