#include "predictor/output_gate.h"

#include <gtest/gtest.h>

#include <cmath>

namespace ae::predictor {
namespace {

std::vector<double> spread(int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back((i % 2 ? 1 : -1) * 0.001 * (i + 1));
  return out;
}

TEST(OutputGate, HealthyBatchPasses) {
  const auto alpha = spread(20);
  const std::vector<double> p_up(20, 0.55);
  const auto h = evaluate_output_health(alpha, p_up);
  EXPECT_TRUE(h.passed);
  EXPECT_FALSE(h.failed_check);
  EXPECT_EQ(h.metrics["n"], 20);
}

TEST(OutputGate, FewerThanFiveRowsAlwaysPass) {
  const std::vector<double> alpha = {NAN, NAN, NAN, NAN};
  EXPECT_TRUE(evaluate_output_health(alpha, {}).passed);
}

TEST(OutputGate, NonFiniteAlpha) {
  auto alpha = spread(10);
  alpha[0] = alpha[1] = alpha[2] = NAN;  // 30% > 20%
  const auto h = evaluate_output_health(alpha, std::vector<double>(10, 0.5));
  EXPECT_FALSE(h.passed);
  EXPECT_EQ(*h.failed_check, "non_finite_alpha");
  alpha = spread(10);
  alpha[0] = alpha[1] = NAN;  // 20% is allowed
  EXPECT_TRUE(evaluate_output_health(alpha, std::vector<double>(10, 0.5)).passed);
}

TEST(OutputGate, ModalAlpha) {
  std::vector<double> alpha(10, 0.0123);
  alpha[0] = -0.01;  // 90% share one value
  const auto h = evaluate_output_health(alpha, std::vector<double>(10, 0.5));
  EXPECT_FALSE(h.passed);
  EXPECT_EQ(*h.failed_check, "modal_alpha");
}

TEST(OutputGate, SignSkew) {
  std::vector<double> alpha;
  for (int i = 0; i < 40; ++i) alpha.push_back(0.001 * (i + 1));  // 100% positive
  const auto h = evaluate_output_health(alpha, std::vector<double>(40, 0.5));
  EXPECT_FALSE(h.passed);
  EXPECT_EQ(*h.failed_check, "sign_skew");
  alpha[0] = -0.01;
  alpha[1] = -0.02;  // 95% positive < 97%
  EXPECT_TRUE(evaluate_output_health(alpha, std::vector<double>(40, 0.5)).passed);
}

TEST(OutputGate, PUpSaturation) {
  const auto alpha = spread(8);
  std::vector<double> p_up(8, 0.5);
  p_up[0] = 0.01;
  p_up[1] = 0.99;
  p_up[2] = 0.989;  // 3/8 = 37.5% > 25%
  const auto h = evaluate_output_health(alpha, p_up);
  EXPECT_FALSE(h.passed);
  EXPECT_EQ(*h.failed_check, "p_up_saturation");
  p_up[2] = 0.5;  // 25% is allowed
  EXPECT_TRUE(evaluate_output_health(alpha, p_up).passed);
}

}  // namespace
}  // namespace ae::predictor
