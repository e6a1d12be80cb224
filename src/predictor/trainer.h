// Walk-forward training (reference predictor.md §1.5, issue 6): for each fold
// of plan_folds, fit an XGBoost hist regression on the fold's fit span with
// early stopping on its validation span, and predict its test window. The
// out-of-sample predictions are stitched into one history, evaluated
// (evaluation.h) per fold and overall, and used to fit the isotonic
// calibrator. The served model is then fit on the whole history with the same
// fit/validation split. Deterministic for a given dataset and parameters.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/parameters.h"
#include "predictor/calibration.h"
#include "predictor/dataset.h"
#include "predictor/evaluation.h"
#include "predictor/walk_forward.h"
#include "predictor/xgb_model.h"

namespace ae::predictor {

struct TrainOptions {
  WalkForwardPlan plan;
  BoosterParams booster;
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
};

// Called after each fold (index from 0, total folds).
using FoldProgress = std::function<void(const FoldReport&, std::size_t total)>;

// Throws InvalidInput when the data is too short for one fold.
TrainedModel train_walk_forward(const Dataset& data, const TrainOptions& options,
                                const FoldProgress& progress = {});

}  // namespace ae::predictor
