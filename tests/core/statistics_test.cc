#include "core/statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/error.h"
#include "core/information_coefficient.h"

namespace ae::core {
namespace {

using V = std::vector<double>;
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(Statistics, AverageRanksShareTiesAndSkipNonFiniteValues) {
  const auto ranks = average_ranks(V{3, 1, NAN, 3, 2, kInf});
  EXPECT_DOUBLE_EQ(ranks[0], 3.5);
  EXPECT_DOUBLE_EQ(ranks[1], 1.0);
  EXPECT_TRUE(std::isnan(ranks[2]));
  EXPECT_DOUBLE_EQ(ranks[3], 3.5);
  EXPECT_DOUBLE_EQ(ranks[4], 2.0);
  EXPECT_TRUE(std::isnan(ranks[5]));
}

TEST(Statistics, PearsonAndSpearman) {
  const std::vector<double> x = {1, 2, 3, 4, 5};
  const std::vector<double> y = {1, 4, 9, 16, 100};
  EXPECT_NEAR(spearman(x, y), 1.0, 1e-12);
  EXPECT_LT(pearson(x, y), 0.95);
  const std::vector<double> z = {5, 4, 3, 2, 1};
  EXPECT_NEAR(pearson(x, z), -1.0, 1e-12);
  // Ties get average ranks: x ranks (1.5, 1.5, 3) vs (1, 2, 3) -> 1.5 / sqrt(3).
  EXPECT_NEAR(spearman(V{1, 1, 2}, V{1, 2, 3}), 1.5 / std::sqrt(3.0), 1e-12);
}

TEST(Statistics, OnlyFinitePairsCount) {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NAN};
  const std::vector<double> y = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 1};
  EXPECT_NEAR(spearman(x, y), 1.0, 1e-12);
  EXPECT_NEAR(pearson(x, y), 1.0, 1e-12);
  std::vector<double> reversed(y.rbegin() + 1, y.rend());
  reversed.push_back(5);
  EXPECT_NEAR(spearman(x, reversed), -1.0, 1e-12);
  // An infinity is missing too: (1, 10), (3, 30), (4, 5) remain.
  const std::vector<double> a = {1, kInf, 3, 4}, b = {10, 20, 30, 5};
  EXPECT_DOUBLE_EQ(pearson(a, b), pearson(V{1, 3, 4}, V{10, 30, 5}));
}

TEST(Statistics, UndefinedBelowThreePairsOrWithoutVariation) {
  const std::vector<double> two = {1, 2}, two_more = {3, 5};
  EXPECT_TRUE(std::isnan(pearson(two, two_more)));
  EXPECT_TRUE(std::isnan(spearman(two, two_more)));
  EXPECT_NEAR(pearson(V{1, 2, 3}, V{3, 5, 7}), 1.0, 1e-12);
  // Three rows but one pair is not finite: two pairs left.
  EXPECT_TRUE(std::isnan(pearson(V{1, NAN, 3}, V{0.05, 0.01, 0.06})));
  EXPECT_TRUE(std::isnan(pearson(V{1, 1, 1}, V{1, 2, 3})));
  EXPECT_TRUE(std::isnan(spearman(V{1, 2, 3}, V{4, 4, 4})));
  // 0.1 three times averages to 0.10000000000000002: rounding noise of a
  // constant column, not variation.
  EXPECT_TRUE(std::isnan(pearson(V{0.1, 0.1, 0.1}, V{1, 2, 3})));
}

TEST(Statistics, ColumnsOfDifferentLengthAreRefused) {
  EXPECT_THROW(pearson(V{1, 2, 3}, V{1, 2}), InvalidInput);
  EXPECT_THROW(spearman(V{1, 2, 3}, V{1, 2}), InvalidInput);
}

TEST(Statistics, SummaryMeanStdevAndRatio) {
  const auto s = summarize(V{1, -0.5});
  EXPECT_EQ(s.count, 2u);
  EXPECT_DOUBLE_EQ(s.mean, 0.25);
  EXPECT_NEAR(s.stdev, std::sqrt(2 * 0.75 * 0.75), 1e-15);
  EXPECT_NEAR(s.ratio, 0.25 / std::sqrt(2 * 0.75 * 0.75), 1e-12);
  const auto one = summarize(V{0.3});
  EXPECT_DOUBLE_EQ(one.mean, 0.3);
  EXPECT_EQ(one.stdev, 0.0);
  EXPECT_EQ(one.ratio, 0.0);
  EXPECT_EQ(summarize(V{0.1, 0.1, 0.1}).ratio, 0.0);
  EXPECT_EQ(summarize(V{}).count, 0u);
}

TEST(Statistics, InformationCoefficientKeepsTheDaysWhereItIsDefined) {
  IcAccumulator accumulator;
  accumulator.add_day(V{1, 2, 3}, V{0.01, 0.02, 0.03});
  accumulator.add_day(V{1, 2, 3}, V{0.03, 0.01, 0.02});
  accumulator.add_day(V{1, 2}, V{0.01, 0.02});
  const IcSummary summary = accumulator.summary();
  EXPECT_EQ(summary.days, 2u);
  EXPECT_NEAR(summary.ic.mean, 0.25, 1e-12);
  EXPECT_NEAR(summary.rank_ic.mean, 0.25, 1e-12);
}

}  // namespace
}  // namespace ae::core
