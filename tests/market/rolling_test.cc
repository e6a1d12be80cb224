#include "market/features/rolling.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "market/features/smoothing.h"

namespace ae::market::features {
namespace {

constexpr double kNaN = NAN;

void expect_column(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(got[i])) << "row " << i << " = " << got[i];
    } else {
      EXPECT_NEAR(got[i], want[i], 1e-12) << "row " << i;
    }
  }
}

TEST(Rolling, SimpleMovingAverage) {
  std::vector<double> x = {1, 2, 3, 4, 5}, out(5);
  sma(x, 3, out);
  expect_column(out, {kNaN, kNaN, 2, 3, 4});
}

TEST(Rolling, EmaIsSeededWithTheSmaOfTheFirstWindow) {
  std::vector<double> x = {1, 2, 3, 4, 5}, out(5);
  ema(x, 3, out);  // alpha = 0.5
  expect_column(out, {kNaN, kNaN, 2, 3, 4});
  std::vector<double> y = {2, 4, 6, 10}, out2(4);
  ema(y, 3, out2);  // seed 4; 4 + 0.5 * (10 - 4) = 7
  expect_column(out2, {kNaN, kNaN, 4, 7});
}

TEST(Rolling, EmaOfAColumnWithLeadingNansStartsAtTheFirstValue) {
  std::vector<double> x = {kNaN, kNaN, 1, 2, 3, 4}, out(6);
  ema(x, 2, out);  // alpha = 2/3, seed (1+2)/2 = 1.5
  expect_column(out, {kNaN, kNaN, kNaN, 1.5, 1.5 + 2.0 / 3.0 * 1.5, 2.5 + 2.0 / 3.0 * 1.5});
}

TEST(Rolling, WilderSmoothing) {
  std::vector<double> x = {3, 6, 9, 12}, out(4);
  wilder(x, 3, out);  // seed 6; (6*2 + 12)/3 = 8
  expect_column(out, {kNaN, kNaN, 6, 8});
  const auto last = [](const std::vector<double>& v) {
    return wilder_last(v.size(), 3, [&](std::size_t i) { return v[i]; });
  };
  EXPECT_EQ(last(x), 8);
  EXPECT_EQ(last({kNaN, 3, 6, 9, 12}), 8);  // leading NaNs are skipped
  EXPECT_FALSE(last({3, 6}));
  EXPECT_FALSE(last({3, 6, 9, kNaN}));  // a hole after the seed ends the series
  // Two series in one pass: each as alone.
  const auto both = wilder_last(x.size(), 3, [&](std::size_t i) { return Pair{x[i], 2 * x[i]}; });
  ASSERT_TRUE(both);
  EXPECT_EQ(both->first, 8);
  EXPECT_EQ(both->second, 16);
}

TEST(Rolling, StandardDeviationIsTheSampleOne) {
  std::vector<double> x = {1, 2, 4, 4}, out(4);
  rolling_std(x, 3, out);
  expect_column(
      out,
      {kNaN, kNaN, std::sqrt(21.0 / 9.0),
       std::sqrt(((2 - 10.0 / 3) * (2 - 10.0 / 3) + 2 * (4 - 10.0 / 3) * (4 - 10.0 / 3)) / 2)});
}

TEST(Rolling, MaxAndMinAndNanPoisonTheirWindow) {
  std::vector<double> x = {3, 1, 4, 1, 5, kNaN, 9, 2, 6}, hi(9), lo(9);
  rolling_max(x, 3, hi);
  rolling_min(x, 3, lo);
  expect_column(hi, {kNaN, kNaN, 4, 4, 5, kNaN, kNaN, kNaN, 9});
  expect_column(lo, {kNaN, kNaN, 1, 1, 1, kNaN, kNaN, kNaN, 2});
}

TEST(Rolling, CovarianceOfAScaledCopyIsScaledVariance) {
  std::vector<double> x = {1, 3, 2, 5, 4}, y(5), cov(5), var(5);
  for (std::size_t i = 0; i < 5; ++i) y[i] = 2 * x[i];
  rolling_cov(x, y, 4, cov);
  rolling_cov(x, x, 4, var);
  EXPECT_TRUE(std::isnan(cov[2]));
  EXPECT_NEAR(cov[3], 2 * var[3], 1e-12);
  // var of {1,3,2,5}: mean 2.75, ss = 3.0625+0.0625+0.5625+5.0625 = 8.75, /3
  EXPECT_NEAR(var[3], 8.75 / 3, 1e-12);
}

TEST(Rolling, PercentChangeAndLogReturn) {
  std::vector<double> x = {100, 110, 99}, pct(3), logr(3);
  pct_change(x, 1, pct);
  log_return(x, logr);
  expect_column(pct, {kNaN, 0.1, 0.9 - 1.0});
  expect_column(logr, {kNaN, std::log(1.1), std::log(0.9)});
}

}  // namespace
}  // namespace ae::market::features
