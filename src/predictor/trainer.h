// Walk-forward training: for each fold of plan_folds, fit an XGBoost hist
// regression on the fold's fit span with early stopping on its validation
// span, and predict its test window. The out-of-sample predictions are
// stitched into one history, evaluated (evaluation.h) per fold and overall,
// and used to fit the isotonic calibrator. The served model is fit on the
// whole history with the same fit/validation split. Deterministic for a given
// dataset and parameters.
//
// The folds and the served model are independent fits, so they run
// concurrently on `workers` threads, each booster single-threaded: on a small
// machine this beats one booster on many OpenMP threads, whose spin-waiting at
// every barrier (libgomp) costs more CPU than the tree building itself
// (measured: two thirds of the CPU time with nthread=2 on 2 cores).
//
// With a FoldModelCache, a fold whose fit and validation rows were fit before
// (an earlier training on a shorter history) reuses that model instead of
// fitting it again: the same model, so the same out-of-sample predictions,
// calibrator and metrics (fold_cache.h). The served model is always fit.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/parameters.h"
#include "predictor/calibration.h"
#include "predictor/dataset.h"
#include "predictor/evaluation.h"
#include "predictor/fold_cache.h"
#include "predictor/walk_forward.h"
#include "predictor/xgb_model.h"

namespace ae::predictor {

struct TrainOptions {
  WalkForwardPlan plan;
  BoosterParams booster;                 // its xgb "nthread" is set per fit from `threads`
  unsigned threads = 2;                  // concurrent fits x booster threads <= threads
  FoldModelCache* fold_cache = nullptr;  // optional: fold models shared across trainings
  // Features whose exposure is removed from each day's out-of-sample scores
  // before they are evaluated and calibrated (neutralization.h).
  std::vector<std::string> neutralize;
};

// From the predictor parameter set (training.*, xgboost.*).
TrainOptions train_options(const core::ParameterSet& parameters);
DatasetOptions dataset_options(const core::ParameterSet& parameters);

struct FoldReport {
  Fold fold;
  std::size_t fit_rows = 0, validation_rows = 0, test_rows = 0;
  int best_round = 0;
  SignalMetrics metrics;
};

struct OutOfSample {
  std::vector<std::int32_t> day;
  std::vector<std::uint32_t> ticker_of;
  std::vector<double> prediction, label;
};

struct TrainedModel {
  XgbModel model;
  IsotonicCalibrator calibrator;
  std::vector<FoldReport> folds;
  OutOfSample oos;
  SignalMetrics overall;
  int final_best_round = 0;
  std::size_t reused_folds = 0;  // folds whose model came from the fold cache
};

// Called once per fold as it completes (completion order, calls serialised,
// from a worker thread) with the total number of folds.
using FoldProgress = std::function<void(const FoldReport&, std::size_t total)>;

// Throws InvalidInput when the data is too short for one fold.
TrainedModel train_walk_forward(const Dataset& data, const TrainOptions& options,
                                const FoldProgress& progress = {});

}  // namespace ae::predictor
