#include "predictor/calibration.h"

#include <gtest/gtest.h>

#include <random>

#include "core/error.h"

namespace ae::predictor {
namespace {

TEST(Isotonic, FitIsMonotoneAndClipped) {
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 1);
  std::vector<double> alpha, label;
  for (int i = 0; i < 2000; ++i) {
    const double a = noise(rng) * 0.02;
    alpha.push_back(a);
    label.push_back(a + 0.02 * noise(rng));
  }
  const auto cal = IsotonicCalibrator::fit(alpha, label);
  double previous = 0;
  for (double a = -0.1; a <= 0.1; a += 0.001) {
    const double p = cal.predict(a);
    EXPECT_GE(p, previous - 1e-15);
    EXPECT_GE(p, kProbabilityFloor);
    EXPECT_LE(p, kProbabilityCeiling);
    previous = p;
  }
  EXPECT_LT(cal.predict(-0.05), 0.3);
  EXPECT_GT(cal.predict(0.05), 0.7);
}

TEST(Isotonic, PoolsViolators) {
  const std::vector<double> alpha = {1, 2, 3, 4};
  const std::vector<double> label = {1, -1, 1, 1};  // 1, 0, 1, 1 -> pooled (1,2)
  const auto cal = IsotonicCalibrator::fit(alpha, label);
  ASSERT_EQ(cal.x().size(), 3u);
  EXPECT_DOUBLE_EQ(cal.x()[0], 1.5);
  EXPECT_DOUBLE_EQ(cal.y()[0], 0.5);
  EXPECT_DOUBLE_EQ(cal.y()[1], 0.99);       // clipped to the ceiling
  EXPECT_DOUBLE_EQ(cal.predict(-10), 0.5);  // clipped out of bounds
}

TEST(Isotonic, NeedsTwoFinitePairs) {
  const std::vector<double> alpha = {1, NAN};
  const std::vector<double> label = {1, 1};
  EXPECT_THROW(IsotonicCalibrator::fit(alpha, label), core::InvalidInput);
}

TEST(Isotonic, JsonRoundTripAndCorruptInput) {
  const std::vector<double> alpha = {-2, -1, 1, 2};
  const std::vector<double> label = {-1, -1, 1, 1};
  const auto cal = IsotonicCalibrator::fit(alpha, label);
  const auto back = IsotonicCalibrator::from_json(cal.to_json(), "test");
  EXPECT_EQ(back.x(), cal.x());
  EXPECT_EQ(back.y(), cal.y());
  EXPECT_THROW(
      IsotonicCalibrator::from_json({{"x_thresholds", {1, 0}}, {"y_thresholds", {0, 1}}}, "bad"),
      core::InvalidInput);
  EXPECT_THROW(IsotonicCalibrator::from_json({{"x", 1}}, "bad"), core::InvalidInput);
}

TEST(Calibrate, DirectionIsSignOfAlphaAndConfidenceIsDistanceFromCoinFlip) {
  const std::vector<double> alpha = {-1, 1};
  const std::vector<double> label = {1, -1};
  const auto cal = IsotonicCalibrator::fit(alpha, label);  // one pooled block at 0.5
  const auto flat = calibrate(cal, 0.3);
  EXPECT_EQ(flat.direction, core::Direction::kUp);
  EXPECT_DOUBLE_EQ(flat.p_up, 0.5);
  EXPECT_DOUBLE_EQ(flat.confidence, 0.0);  // a coin flip has no confidence
  const auto down = calibrate(cal, -0.3);
  EXPECT_EQ(down.direction, core::Direction::kDown);
  EXPECT_EQ(calibrate(cal, 0.0).direction, core::Direction::kDown);
}

TEST(Calibrate, RoundsToFourDecimals) {
  const std::vector<double> alpha = {0, 1};
  const std::vector<double> label = {-1, 1};
  const auto cal = IsotonicCalibrator::fit(alpha, label);
  const auto c = calibrate(cal, 0.123456);
  EXPECT_DOUBLE_EQ(c.p_up, round_to(0.01 + 0.123456 * 0.98, 4));
  EXPECT_DOUBLE_EQ(c.p_down, round_to(1 - c.p_up, 4));
  EXPECT_DOUBLE_EQ(c.confidence, round_to(std::abs(c.p_up - 0.5) * 2, 4));
}

}  // namespace
}  // namespace ae::predictor
