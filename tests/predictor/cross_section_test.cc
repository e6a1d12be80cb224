#include "predictor/cross_section.h"

#include <gtest/gtest.h>

#include <cmath>

#include "predictor/evaluation.h"
#include "predictor/walk_forward.h"

namespace ae::predictor {
namespace {

TEST(RankNormalize, TiesAverageAndNaNIsHalf) {
  std::vector<double> v = {3, 1, NAN, 3, 2};
  rank_normalize(v);
  // finite: 1 (rank 1), 2 (rank 2), 3,3 (ranks 3.5) -> (r-1)/3
  EXPECT_DOUBLE_EQ(v[1], 0.0);
  EXPECT_DOUBLE_EQ(v[4], 1.0 / 3);
  EXPECT_DOUBLE_EQ(v[0], 2.5 / 3);
  EXPECT_DOUBLE_EQ(v[3], 2.5 / 3);
  EXPECT_DOUBLE_EQ(v[2], 0.5);
}

TEST(RankNormalize, OneOrNoFiniteValueGivesHalf) {
  std::vector<double> v = {NAN, 4, NAN};
  rank_normalize(v);
  EXPECT_EQ(v, (std::vector<double>{0.5, 0.5, 0.5}));
  std::vector<double> single = {7};
  rank_normalize(single);
  EXPECT_EQ(single[0], 0.5);
}

TEST(Deciles, QcutOfRanks) {
  std::vector<double> v;
  for (int i = 0; i < 20; ++i) v.push_back(19 - i);
  v.push_back(NAN);
  const auto d = deciles(v);
  EXPECT_EQ(d[19], 0);  // value 0
  EXPECT_EQ(d[18], 0);  // value 1
  EXPECT_EQ(d[17], 1);
  EXPECT_EQ(d[0], 9);  // value 19
  EXPECT_EQ(d[20], -1);
}

TEST(Evaluate, PerfectAndInvertedSignals) {
  std::vector<std::int32_t> day;
  std::vector<double> p, y;
  for (int d = 0; d < 5; ++d) {
    for (int i = 0; i < 20; ++i) {
      day.push_back(d);
      p.push_back(i - 10 + 0.5);
      y.push_back((i - 10 + 0.5) * (d + 1));
    }
  }
  auto m = evaluate(day, p, y);
  EXPECT_NEAR(m.ic, 1.0, 1e-12);
  EXPECT_NEAR(m.rank_ic, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(m.hit_rate, 1.0);
  EXPECT_GT(m.decile_spread, 0);
  EXPECT_EQ(m.days, 5u);
  for (auto& v : p) v = -v;
  m = evaluate(day, p, y);
  EXPECT_NEAR(m.rank_ic, -1.0, 1e-12);
  EXPECT_LT(m.decile_spread, 0);
}

TEST(WalkForward, WindowsAndPurge) {
  WalkForwardPlan plan;  // 504 / 126 / purge 21 / 15% validation
  const auto folds = plan_folds(0, 1000, plan);
  ASSERT_EQ(folds.size(), 4u);  // tests start at 504, 630, 756, 882
  EXPECT_EQ(folds[0].test.first, 504);
  EXPECT_EQ(folds[0].test.last, 629);
  EXPECT_EQ(folds[3].test.first, 882);
  EXPECT_EQ(folds[3].test.last, 1000);  // last fold is short
  for (const auto& f : folds) {
    // No label window of a fitted or validation row reaches the test window.
    EXPECT_LT(f.validation.last + plan.purge_days, f.test.first);
    EXPECT_LT(f.fit.last + plan.purge_days, f.validation.first);
    EXPECT_EQ(f.fit.first, 0);
    EXPECT_GT(f.validation.last - f.validation.first + 1, 0);
  }
  EXPECT_TRUE(plan_folds(0, 500, plan).empty());
}

}  // namespace
}  // namespace ae::predictor
