// train_walk_forward on a small hand-made dataset: concurrent fits give the
// same models as one thread, every fold reports progress exactly once, and
// the learned signal shows out of sample.
#include "predictor/trainer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <random>
#include <set>

#include "core/error.h"

namespace ae::predictor {
namespace {

// 300 days x 40 tickers x 4 features in [0, 1]; label = 0.02 (x0 - 0.5) + noise.
Dataset make_dataset() {
  Dataset data;
  data.feature_names = {"a", "b", "c", "d"};
  for (int t = 0; t < 40; ++t) data.tickers.push_back("T" + std::to_string(t));
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(0, 1);
  std::normal_distribution<float> noise(0, 0.02f);
  for (int day = 0; day < 300; ++day) {
    for (std::uint32_t t = 0; t < 40; ++t) {
      data.day.push_back(day);
      data.ticker_of.push_back(t);
      float x0 = 0;
      for (int c = 0; c < 4; ++c) {
        const float v = u(rng);
        if (c == 0) x0 = v;
        data.x.push_back(v);
      }
      data.y.push_back(0.02f * (x0 - 0.5f) + noise(rng));
    }
  }
  return data;
}

TrainOptions options(unsigned threads) {
  TrainOptions o;
  o.plan = {
      .min_train_days = 100, .test_window_days = 50, .purge_days = 5, .validation_fraction = 0.15};
  o.booster.max_rounds = 40;
  o.booster.early_stopping_rounds = 10;
  o.booster.xgb = {{"tree_method", "hist"}, {"objective", "reg:squarederror"},
                   {"max_depth", "3"},      {"eta", "0.1"},
                   {"subsample", "0.8"},    {"seed", "1"},
                   {"verbosity", "0"}};
  o.threads = threads;
  return o;
}

TEST(Trainer, ConcurrentFitsEqualOneThreadAndReportEachFoldOnce) {
  const auto data = make_dataset();
  std::mutex mutex;
  std::multiset<int> reported;
  const auto progress = [&](const FoldReport& report, std::size_t total) {
    const std::lock_guard lock(mutex);
    EXPECT_EQ(total, 4u);
    reported.insert(report.fold.index);
  };
  const auto one = train_walk_forward(data, options(1));
  const auto two = train_walk_forward(data, options(2), progress);
  EXPECT_EQ(reported, (std::multiset<int>{0, 1, 2, 3}));
  ASSERT_EQ(one.folds.size(), 4u);
  ASSERT_EQ(two.folds.size(), 4u);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(two.folds[k].fold.index, static_cast<int>(k));  // stitched in fold order
    EXPECT_EQ(one.folds[k].best_round, two.folds[k].best_round);
  }
  EXPECT_EQ(one.oos.day, two.oos.day);
  EXPECT_EQ(one.oos.prediction, two.oos.prediction);
  EXPECT_EQ(one.final_best_round, two.final_best_round);
  EXPECT_EQ(one.model.save_json(), two.model.save_json());
  // OOS days are non-decreasing and never inside the first training span.
  EXPECT_TRUE(std::is_sorted(two.oos.day.begin(), two.oos.day.end()));
  EXPECT_GE(two.oos.day.front(), 100);
  EXPECT_GT(two.overall.rank_ic, 0.2);  // the planted x0 signal, out of sample
}

TEST(Trainer, TheInformativeFeatureHasTheLargestGain) {
  const auto trained = train_walk_forward(make_dataset(), options(1));
  const auto gain = trained.model.total_gain(4);
  ASSERT_EQ(gain.size(), 4u);
  EXPECT_GT(gain[0], 0);
  for (std::size_t c = 1; c < 4; ++c) EXPECT_GT(gain[0], 3 * gain[c]) << c;
}

TEST(Trainer, TooShortForOneFoldIsInvalidInput) {
  auto data = make_dataset();
  auto o = options(2);
  o.plan.min_train_days = 400;
  EXPECT_THROW(train_walk_forward(data, o), core::InvalidInput);
}

TEST(Trainer, NeutralisedScoresCarryNoExposureToTheNamedFeature) {
  const auto data = make_dataset();
  const auto plain = train_walk_forward(data, options(2));
  auto o = options(2);
  o.neutralize = {"a"};  // the informative feature: what is left is noise
  const auto neutral = train_walk_forward(data, o);
  EXPECT_GT(plain.overall.ic, 0.2);
  EXPECT_LT(std::abs(neutral.overall.ic), 0.1);
  ASSERT_EQ(neutral.oos.day.size(), plain.oos.day.size());
  // Per day, the out-of-sample scores have a zero mean: residuals.
  std::map<std::int32_t, double> day_sum;
  for (std::size_t i = 0; i < neutral.oos.day.size(); ++i)
    day_sum[neutral.oos.day[i]] += neutral.oos.prediction[i];
  for (const auto& [day, sum] : day_sum) EXPECT_NEAR(sum, 0.0, 1e-9) << day;
  o.neutralize = {"beta_60d"};
  EXPECT_THROW(train_walk_forward(data, o), core::InvalidInput);
}

}  // namespace
}  // namespace ae::predictor
