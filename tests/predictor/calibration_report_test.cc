// calibration_report: the confidence distribution under the served
// calibrator, and the out-of-sample (later days) calibration check.
#include "predictor/calibration_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace ae::predictor {
namespace {

struct History {
  std::vector<std::int32_t> day;
  std::vector<double> alpha, label;
};

// 300 days x 50 rows; P(label > 0 | alpha) = 0.5 + slope * alpha.
History history(double slope, unsigned seed) {
  History h;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> a(-1, 1), u(0, 1);
  for (int d = 0; d < 300; ++d) {
    for (int i = 0; i < 50; ++i) {
      const double alpha = a(rng);
      h.day.push_back(d);
      h.alpha.push_back(alpha);
      h.label.push_back(u(rng) < 0.5 + slope * alpha ? 0.01 : -0.01);
    }
  }
  return h;
}

TEST(CalibrationReport, AStrongSignalIsConfidentAndCalibratedOutOfSample) {
  const auto h = history(0.4, 1);
  const auto served = IsotonicCalibrator::fit(h.alpha, h.label);
  const auto report = calibration_report(served, h.day, h.alpha, h.label);
  const auto& confidence = report.at("confidence");
  EXPECT_EQ(confidence.at("rows"), 15000);
  EXPECT_NEAR(confidence.at("p50").get<double>(), 0.4, 0.05);  // |0.8 alpha|, median 0.4
  EXPECT_GT(confidence.at("share_at_least").at("0.20").get<double>(), 0.6);
  const auto& holdout = report.at("holdout");
  EXPECT_EQ(holdout.at("test_rows").get<std::size_t>() + holdout.at("fit_rows").get<std::size_t>(),
            15000u);
  EXPECT_LT(holdout.at("ece").get<double>(), 0.03);
  EXPECT_LT(holdout.at("brier").get<double>(), holdout.at("brier_base_rate").get<double>());
  for (const auto& bin : holdout.at("reliability"))
    EXPECT_NEAR(bin.at("mean_p_up").get<double>(), bin.at("share_label_positive").get<double>(),
                0.08)
        << bin.dump();
}

TEST(CalibrationReport, AWeakSignalGivesLowConfidenceHonestly) {
  // IC-sized signal: P(up) moves by at most +-0.02 over the whole alpha range.
  const auto h = history(0.02, 2);
  const auto served = IsotonicCalibrator::fit(h.alpha, h.label);
  const auto report = calibration_report(served, h.day, h.alpha, h.label);
  const auto& confidence = report.at("confidence");
  EXPECT_LT(confidence.at("p90").get<double>(), 0.10);
  EXPECT_LT(confidence.at("share_at_least").at("0.20").get<double>(), 0.01);
  // Out of sample the calibrated p_up is no better than the base rate by much.
  const auto& holdout = report.at("holdout");
  EXPECT_NEAR(holdout.at("brier").get<double>(), holdout.at("brier_base_rate").get<double>(),
              0.005);
}

TEST(CalibrationReport, TooShortHistoryHasNoHoldout) {
  const std::vector<std::int32_t> day{0, 0, 1};
  const std::vector<double> alpha{0.1, -0.1, std::nan("")}, label{0.01, -0.01, 0.02};
  const auto served = IsotonicCalibrator::fit(alpha, label);
  const auto report = calibration_report(served, day, alpha, label);
  EXPECT_EQ(report.at("confidence").at("rows"), 2);
  EXPECT_TRUE(report.at("holdout").is_null());
}

}  // namespace
}  // namespace ae::predictor
