// Prepares a span's decision inputs by running the live research and
// predictor code day by day on what was known then, in a private workspace
// (its own artifact store and research database; the live store is never
// touched):
//   - research after the close of the last trading day of each week, as the
//     saturday pipeline runs it for the last session on or before Saturday;
//     its signals are in force from the next trading day on;
//   - walk-forward models: predictor::run_training with `to` = a boundary
//     session, every `retrain_every_days` trading days (the first at the
//     session before the span), force-promoted in the workspace as the
//     champion in force, so no model ever sees a bar after its boundary.
//     The trainings read nothing the research or the predictions write, so
//     they run one after another on a thread of their own from the start,
//     ahead of the days that wait for their models; they share one
//     predictor::FoldModelCache, so each refits only its new fold and its
//     served model (the other folds are fit on the same rows as before),
//     and that cache also reads the home's stored folds (the weekly
//     training's), so a fold fit there on the same rows is not fit again;
//   - predictions for each trading day D from the champion in force and the
//     features of D's as-of session (predictor::predict with a precomputed
//     CrossSectionSource), through the live writer and its guards. A refused
//     day (a buy candidate without a fresh bar, SPY missing) is a guard
//     firing: that day has no predictions, and the executor's coverage guard
//     then refuses to plan, as live. A research failure is a firing too; the
//     previous signals stay in force (with their age), as live.
// Work happens in date order, and the workspace's signals/latest.json and
// population/latest.json are set to the research in force before each
// prediction, so nothing from a later week can leak into a day.
// The workspace is a cache (written without fsync: a power loss costs a
// recomputation, never a torn file): preparing the same span again reuses research
// runs, trainings and predictions that exist (keyed by the span's start, the
// parameters and the market data).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "backtest/day_step.h"
#include "backtest/decision_inputs.h"
#include "core/artifact_store.h"
#include "core/parameters.h"

namespace ae::backtest {

struct PrepareOptions {
  core::Date from, to;               // first and last trading day simulated
  std::filesystem::path workspaces;  // core::Home::backtest_workspaces(): one folder per span
  // Optional: the home's store, whose fold models (predictor/fold-models/,
  // the latest training's) the walk-forward trainings reuse; read, never written.
  const core::ArtifactStore* home_store = nullptr;
  const core::ParameterSet* research_parameters = nullptr;
  const core::ParameterSet* predictor_parameters = nullptr;
  int retrain_every_days = 126;
  // phase ("research", "training", "predictions"), done, total
  std::function<void(const std::string&, std::size_t, std::size_t)> progress = {};
};

struct PreparedInputs {
  DecisionInputs inputs;
  std::vector<GuardFiring> firings;         // research and predictor refusals
  std::vector<std::string> model_versions;  // in order of use
  std::filesystem::path workspace;
  double research_seconds = 0, training_seconds = 0, prediction_seconds = 0;
  std::size_t reused_folds = 0;  // fold models the trainings did not fit again
};

// Why a span starting at `from` has too little market data before it to
// train a first model (training.min_train_days + label.horizon + 63 sessions
// of feature warm-up), or
// nullopt when it has enough.
std::optional<std::string> history_shortfall(const SeriesCache& series, core::Date from,
                                             const core::ParameterSet& predictor_parameters);

// InvalidInput for an empty or reversed span, a span outside the market
// data, or too little history before it to train a first model.
PreparedInputs prepare_decision_inputs(const SeriesCache& series, const PrepareOptions& options);

}  // namespace ae::backtest
