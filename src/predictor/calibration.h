// Isotonic calibration of predicted alpha to p_up = P(label > 0), as the
// reference's sklearn IsotonicRegression with y in [0.01, 0.99] and
// out-of-bounds clipping. Fit by pool-adjacent-violators on (alpha,
// 1[label > 0]); predict interpolates linearly between the fitted
// thresholds and clips at both ends, so the map is monotone non-decreasing.
// Then (the newer fork's semantics): direction = UP iff alpha > 0,
// confidence = |p_up - 0.5| * 2, p_up/p_down/confidence rounded to 4 dp.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <vector>

#include "core/contracts/predictions.h"

namespace ae::predictor {

inline constexpr double kProbabilityFloor = 0.01;
inline constexpr double kProbabilityCeiling = 0.99;

class IsotonicCalibrator {
 public:
  IsotonicCalibrator() = default;
  // Throws InvalidInput with fewer than 2 finite pairs.
  static IsotonicCalibrator fit(std::span<const double> alpha, std::span<const double> label);

  double predict(double alpha) const;
  const std::vector<double>& x() const { return x_; }
  const std::vector<double>& y() const { return y_; }

  nlohmann::json to_json() const;
  // Throws InvalidInput naming `origin` if the document is malformed.
  static IsotonicCalibrator from_json(const nlohmann::json& document, std::string_view origin);

 private:
  std::vector<double> x_;  // strictly increasing thresholds
  std::vector<double> y_;  // non-decreasing, within [floor, ceiling]
};

struct Calibrated {
  double p_up = 0.5;
  double p_down = 0.5;
  double confidence = 0;
  core::Direction direction = core::Direction::kDown;
};

double round_to(double value, int decimals);

Calibrated calibrate(const IsotonicCalibrator& calibrator, double alpha);

}  // namespace ae::predictor
