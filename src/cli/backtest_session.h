// What every `ae backtest` command needs, wired over $AE_HOME: the bar store
// and its series, the live parameters (research, predictor, executor: the
// tuned object in the store included), the span (defaults below), and the
// decision inputs prepared with a progress bar on stderr.
// The default span ends at the last session with market data (or --to) and
// starts at the first session of the previous calendar year (or --from): one
// to two years, and the same start all year, so the weekly run reuses its
// cached workspace and adds only the new week.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "backtest/decision_history.h"
#include "cli/command.h"
#include "core/artifact_store.h"
#include "core/parameters.h"
#include "executor/risk_config.h"
#include "market/bar_store.h"

namespace ae::cli {

struct SpanArgs {
  std::string from, to;
  int retrain_every = 126;
};

class BacktestSession {
 public:
  BacktestSession(const Context& context, const SpanArgs& args);

  // The span had no explicit --from and there is too little history before
  // the default start to train a first model: the reason, else nullopt.
  const std::optional<std::string>& too_little_history() const { return too_little_history_; }

  // Runs research, training and predictions over the span (cached).
  const backtest::PreparedInputs& prepare();

  core::FileSystemStore store;
  market::BarStore bars;
  backtest::SeriesCache series;
  core::ParameterSet research_parameters, predictor_parameters, executor_parameters;
  executor::RiskConfig config;
  core::Date from, to;

 private:
  std::filesystem::path workspaces_;
  int retrain_every_;
  std::optional<std::string> too_little_history_;
  std::optional<backtest::PreparedInputs> prepared_;
};

// While alive, the stages' per-day info lines (the coverage guard, the
// predictor, research: thousands over a span) are held back when the log
// level is the default info; warnings and errors still show, and
// --log-level debug shows everything. The progress bars report progress.
class QuietStageLogs {
 public:
  QuietStageLogs();
  ~QuietStageLogs();
  QuietStageLogs(const QuietStageLogs&) = delete;
  QuietStageLogs& operator=(const QuietStageLogs&) = delete;

 private:
  int previous_;
};

// A progress bar on stderr: redrawn in place on a terminal, a line every 10%
// otherwise (logs and pipelines read it line by line).
class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  void update(std::size_t done, std::size_t total, const std::string& note = "");

 private:
  std::string label_;
  bool terminal_;
  int last_decile_ = -1;
};

}  // namespace ae::cli
