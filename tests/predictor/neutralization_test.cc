// neutralize_by_day: residuals are uncorrelated with each exposure and have a
// zero mean on every day, days are fitted separately, degenerate exposures
// are skipped, no exposure changes nothing; exposure_columns names a
// feature that is not the model's.
#include "predictor/neutralization.h"

#include <gtest/gtest.h>

#include <random>

#include "core/error.h"

namespace ae::predictor {
namespace {

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (const double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

double covariance(const std::vector<double>& a, const std::vector<double>& b) {
  const double ma = mean(a), mb = mean(b);
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += (a[i] - ma) * (b[i] - mb);
  return sum / static_cast<double>(a.size());
}

// Two days of 50 rows, 3 columns; the scores load on columns 0 and 2.
struct Fixture {
  std::vector<std::int32_t> day;
  std::vector<float> x;
  std::vector<double> scores;
  Fixture() {
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(0, 1);
    std::normal_distribution<double> noise(0, 0.1);
    for (int d = 0; d < 2; ++d)
      for (int i = 0; i < 50; ++i) {
        day.push_back(d);
        float row[3] = {u(rng), u(rng), u(rng)};
        x.insert(x.end(), row, row + 3);
        scores.push_back((d + 1) * 0.7 * row[0] - 0.4 * row[2] + noise(rng) + 5.0 * d);
      }
  }
  std::vector<double> column(int d, std::size_t c) const {
    std::vector<double> out;
    for (std::size_t r = 0; r < day.size(); ++r)
      if (day[r] == d) out.push_back(x[r * 3 + c]);
    return out;
  }
  std::vector<double> scores_of(int d) const {
    std::vector<double> out;
    for (std::size_t r = 0; r < day.size(); ++r)
      if (day[r] == d) out.push_back(scores[r]);
    return out;
  }
};

TEST(Neutralize, ResidualsHaveZeroMeanAndNoExposureOnEachDay) {
  Fixture f;
  const std::vector<std::size_t> exposures = {0, 2};
  EXPECT_GT(std::abs(covariance(f.scores_of(1), f.column(1, 0))), 0.01);
  neutralize_by_day(f.day, f.scores, f.x, 3, exposures);
  for (int d = 0; d < 2; ++d) {
    const auto residual = f.scores_of(d);
    EXPECT_NEAR(mean(residual), 0.0, 1e-12) << "day " << d;
    EXPECT_NEAR(covariance(residual, f.column(d, 0)), 0.0, 1e-12) << "day " << d;
    EXPECT_NEAR(covariance(residual, f.column(d, 2)), 0.0, 1e-12) << "day " << d;
    // The unneutralised column keeps its (chance) covariance: only the named
    // exposures are removed.
    EXPECT_GT(covariance(residual, residual), 0.005) << "day " << d;
  }
}

TEST(Neutralize, EqualsTheResidualOfALeastSquaresFitWithOneExposure) {
  Fixture f;
  const auto before = f.scores_of(0);
  const auto e = f.column(0, 0);
  const double slope = covariance(before, e) / covariance(e, e);
  neutralize_by_day(f.day, f.scores, f.x, 3, std::vector<std::size_t>{0});
  const auto after = f.scores_of(0);
  for (std::size_t i = 0; i < before.size(); ++i)
    EXPECT_NEAR(after[i], before[i] - mean(before) - slope * (e[i] - mean(e)), 1e-12);
}

TEST(Neutralize, NoExposureChangesNothing) {
  Fixture f;
  const auto before = f.scores;
  neutralize_by_day(f.day, f.scores, f.x, 3, {});
  EXPECT_EQ(f.scores, before);
}

TEST(Neutralize, ConstantOrRepeatedExposureIsSkipped) {
  Fixture f;
  for (std::size_t r = 0; r < f.day.size(); ++r) f.x[r * 3 + 1] = 0.5f;  // constant column
  auto once = f;
  neutralize_by_day(once.day, once.scores, once.x, 3, std::vector<std::size_t>{0});
  neutralize_by_day(f.day, f.scores, f.x, 3, std::vector<std::size_t>{0, 1, 0});
  for (std::size_t r = 0; r < f.scores.size(); ++r) EXPECT_NEAR(f.scores[r], once.scores[r], 1e-12);
}

TEST(Neutralize, MismatchedInputsAndUnknownNamesAreErrors) {
  Fixture f;
  EXPECT_THROW(neutralize_by_day(f.day, f.scores, f.x, 3, std::vector<std::size_t>{3}),
               core::InvalidInput);
  std::vector<double> short_scores(10);
  EXPECT_THROW(neutralize_by_day(f.day, short_scores, f.x, 3, std::vector<std::size_t>{0}),
               core::InvalidInput);
  EXPECT_EQ(exposure_columns({"a", "beta_60d", "c"}, {"beta_60d"}), std::vector<std::size_t>{1});
  try {
    exposure_columns({"a", "b"}, {"beta_60d"});
    FAIL() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("beta_60d"), std::string::npos);
  }
}

}  // namespace
}  // namespace ae::predictor
