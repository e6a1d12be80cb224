// How informative and how honest the calibrated probabilities are, from the
// stitched out-of-sample history (stored in a version's metadata as
// "calibration"; docs/predictor.md "Why the GBM veto rarely fires").
//   confidence   the distribution of |p_up - 0.5| * 2 over the history under
//                the served calibrator: quantiles and the share at or above
//                a few thresholds (the veto's base threshold among them);
//   holdout      calibration checked out of sample: an isotonic calibrator
//                fit on the first `fit_share` of the days, applied to the
//                rest - expected calibration error (10 equal-width p_up
//                bins), Brier score against the base rate's, and the
//                reliability table (mean p_up vs the share of labels > 0).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>

#include "predictor/calibration.h"

namespace ae::predictor {

// `day` non-decreasing; rows with a non-finite alpha or label are skipped.
nlohmann::json calibration_report(const IsotonicCalibrator& served,
                                  std::span<const std::int32_t> day, std::span<const double> alpha,
                                  std::span<const double> label, double fit_share = 2.0 / 3.0);

}  // namespace ae::predictor
