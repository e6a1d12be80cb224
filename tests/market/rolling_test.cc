#include "market/features/rolling.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "market/features/smoothing.h"
#include "market/features/streams.h"

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

// Deterministic values with repeats (0.5 steps), and NaN / +-inf holes.
std::vector<double> bumpy(std::size_t n, std::uint32_t seed) {
  std::vector<double> out;
  const double inf = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < n; ++i) {
    seed = seed * 1664525u + 1013904223u;
    const std::uint32_t r = seed >> 8;
    if (r % 23 == 0) {
      out.push_back(r % 3 == 0 ? kNaN : (r % 3 == 1 ? inf : -inf));
    } else {
      out.push_back(static_cast<double>(r % 9) * 0.5 - 2);
    }
  }
  return out;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(Rolling, MaxAndMinEqualAScanOfEachWindow) {
  for (std::uint32_t seed = 1; seed <= 20; ++seed) {
    const auto x = bumpy(40 + seed * 7, seed);
    for (int n : {1, 2, 3, 5, 8, 16, 40}) {
      std::vector<double> hi(x.size()), lo(x.size());
      rolling_max(x, n, hi);
      rolling_min(x, n, lo);
      for (std::size_t i = 0; i < x.size(); ++i) {
        double want_hi = kNaN, want_lo = kNaN;
        if (i + 1 >= static_cast<std::size_t>(n)) {
          want_hi = -std::numeric_limits<double>::infinity();
          want_lo = std::numeric_limits<double>::infinity();
          for (std::size_t k = i + 1 - static_cast<std::size_t>(n); k <= i; ++k) {
            if (!std::isfinite(x[k])) {
              want_hi = want_lo = kNaN;
              break;
            }
            want_hi = std::max(want_hi, x[k]);
            want_lo = std::min(want_lo, x[k]);
          }
        }
        ASSERT_EQ(std::isnan(hi[i]), std::isnan(want_hi)) << "seed " << seed << " n " << n;
        ASSERT_EQ(std::isnan(lo[i]), std::isnan(want_lo)) << "seed " << seed << " n " << n;
        if (!std::isnan(want_hi)) {
          ASSERT_EQ(hi[i], want_hi) << "seed " << seed << " n " << n;
        }
        if (!std::isnan(want_lo)) {
          ASSERT_EQ(lo[i], want_lo) << "seed " << seed << " n " << n;
        }
      }
    }
  }
}

TEST(Rolling, OfEqualExtremesTheLaterIsKept) {
  // Seen only in the sign of a zero: as a monotonic queue keeps it.
  std::vector<double> x = {0.0, -0.0, 0.0, -0.0}, hi(4), lo(4);
  rolling_max(x, 2, hi);
  rolling_min(x, 3, lo);
  EXPECT_TRUE(std::signbit(hi[1]));
  EXPECT_FALSE(std::signbit(hi[2]));
  EXPECT_TRUE(std::signbit(hi[3]));
  EXPECT_FALSE(std::signbit(lo[2]));
  EXPECT_TRUE(std::signbit(lo[3]));
}

TEST(Rolling, HistoryGivesTheValuePushedKRowsBefore) {
  History<8> h;
  EXPECT_TRUE(std::isnan(h.ago(0)));
  for (int v = 1; v <= 20; ++v) {
    h.push(v);
    for (int k = 0; k < 8 && k < v; ++k) EXPECT_EQ(h.ago(static_cast<std::size_t>(k)), v - k);
  }
}

TEST(Rolling, WindowsFedFromAHistoryEqualTheColumnFunctions) {
  // A caller computing a series row by row keeps it in a History; the
  // windows then give the very values the column functions give.
  const auto x = bumpy(300, 7), y = bumpy(300, 11);
  std::vector<double> mean(x.size()), dev(x.size()), cov(x.size());
  sma(x, 20, mean);
  rolling_std(x, 60, dev);
  rolling_cov(x, y, 10, cov);
  History<64> hx, hy;
  MovingAverage m(20);
  MovingStd s(60);
  MovingCov c(10);
  for (std::size_t i = 0; i < x.size(); ++i) {
    hx.push(x[i]);
    hy.push(y[i]);
    EXPECT_TRUE(same_bits(m.push(x[i], hx.ago(20)), mean[i])) << i;
    EXPECT_TRUE(same_bits(s.push(x[i], hx.ago(60)), dev[i])) << i;
    EXPECT_TRUE(same_bits(c.push(x[i], y[i], hx.ago(10), hy.ago(10)), cov[i])) << i;
  }
}

TEST(Rolling, SmootherFedRowByRowEqualsSmooth) {
  const std::vector<double> x = {kNaN, 3, 6, 9, 12, 5, kNaN, 7};
  std::vector<double> want(x.size(), kNaN);
  smooth(
      x.size(), 3, [&](std::size_t i) { return x[i]; }, ema_step(3),
      [&](std::size_t i, double s) { want[i] = s; });
  Smoother<double, decltype(ema_step(3))> smoother(3, ema_step(3));
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double got = smoother.push(x[i]) ? smoother.value() : kNaN;
    EXPECT_TRUE(same_bits(got, want[i])) << i;
  }
  EXPECT_TRUE(smoother.ended());  // the NaN after the seed ended the series
  EXPECT_TRUE(std::isnan(want[7]));
  EXPECT_EQ(want[3], 6);  // seeded with the mean of 3, 6, 9
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
