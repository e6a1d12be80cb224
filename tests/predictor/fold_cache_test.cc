// FoldModelCache through train_walk_forward: a training on a longer history
// reuses the folds an earlier one fit on the same rows and gives exactly what
// a training without the cache gives; rows that differ in one label, or other
// booster parameters, are never served from the cache. Backed by a store, the
// folds outlive the cache (a later process reuses them), an unreadable entry
// is fit again, and pruning keeps only what the last training used.
#include "predictor/fold_cache.h"

#include <gtest/gtest.h>

#include <random>

#include "core/artifact_store.h"
#include "predictor/trainer.h"
#include "support/test_support.h"

namespace ae::predictor {
namespace {

// `days` days x 30 tickers x 3 features; label = 0.02 (x0 - 0.5) + noise.
// The first rows of a longer dataset are those of a shorter one.
Dataset make_dataset(int days) {
  Dataset data;
  data.feature_names = {"a", "b", "c"};
  for (int t = 0; t < 30; ++t) data.tickers.push_back("T" + std::to_string(t));
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> u(0, 1);
  std::normal_distribution<float> noise(0, 0.02f);
  for (int day = 0; day < days; ++day) {
    for (std::uint32_t t = 0; t < 30; ++t) {
      data.day.push_back(day);
      data.ticker_of.push_back(t);
      const float x0 = u(rng);
      data.x.insert(data.x.end(), {x0, u(rng), u(rng)});
      data.y.push_back(0.02f * (x0 - 0.5f) + noise(rng));
    }
  }
  return data;
}

TrainOptions options(FoldModelCache* cache) {
  TrainOptions o;
  o.plan = {
      .min_train_days = 100, .test_window_days = 40, .purge_days = 5, .validation_fraction = 0.15};
  o.booster.max_rounds = 30;
  o.booster.early_stopping_rounds = 8;
  o.booster.xgb = {{"tree_method", "hist"}, {"objective", "reg:squarederror"},
                   {"max_depth", "3"},      {"eta", "0.1"},
                   {"subsample", "0.8"},    {"seed", "1"},
                   {"verbosity", "0"}};
  o.threads = 2;
  o.fold_cache = cache;
  return o;
}

void expect_same(const TrainedModel& a, const TrainedModel& b) {
  ASSERT_EQ(a.folds.size(), b.folds.size());
  for (std::size_t k = 0; k < a.folds.size(); ++k) {
    EXPECT_EQ(a.folds[k].best_round, b.folds[k].best_round) << k;
    EXPECT_EQ(a.folds[k].metrics.ic, b.folds[k].metrics.ic) << k;
  }
  EXPECT_EQ(a.oos.day, b.oos.day);
  EXPECT_EQ(a.oos.prediction, b.oos.prediction);
  EXPECT_EQ(a.overall.rank_ic, b.overall.rank_ic);
  EXPECT_EQ(a.calibrator.to_json(), b.calibrator.to_json());
  EXPECT_EQ(a.model.save_json(), b.model.save_json());
}

TEST(FoldModelCache, ALongerHistoryReusesTheEarlierFoldsAndGivesTheSameTraining) {
  FoldModelCache cache;
  const auto shorter = train_walk_forward(make_dataset(210), options(&cache));
  EXPECT_EQ(shorter.reused_folds, 0u);
  ASSERT_EQ(shorter.folds.size(), 3u);  // tests from days 100, 140, 180 (the last cut at 209)

  const auto longer_data = make_dataset(300);
  const auto longer = train_walk_forward(longer_data, options(&cache));
  ASSERT_EQ(longer.folds.size(), 5u);
  // The three folds of the shorter history fit on the same rows; the third
  // one now tests a full window, on the model it had.
  EXPECT_EQ(longer.reused_folds, 3u);
  expect_same(longer, train_walk_forward(longer_data, options(nullptr)));
}

TEST(FoldModelCache, OneDifferentLabelIsAMiss) {
  FoldModelCache cache;
  train_walk_forward(make_dataset(210), options(&cache));
  auto changed = make_dataset(210);
  changed.y[5] = std::nextafter(changed.y[5], 1.0f);  // day 0: in every fold's fit rows
  const auto trained = train_walk_forward(changed, options(&cache));
  EXPECT_EQ(trained.reused_folds, 0u);
  expect_same(trained, train_walk_forward(changed, options(nullptr)));
}

TEST(FoldModelCache, TheKeyNamesTheBoosterParametersAndEveryRow) {
  const auto data = make_dataset(20);
  const DenseRows fit{data.x, 3, data.y};
  const DenseRows valid{std::span(data.x).first(30), 3, std::span(data.y).first(10)};
  auto params = options(nullptr).booster;
  const auto key = FoldModelCache::key(params, fit, valid);
  EXPECT_EQ(key, FoldModelCache::key(params, fit, valid));
  auto deeper = params;
  deeper.xgb["max_depth"] = "4";
  EXPECT_NE(key, FoldModelCache::key(deeper, fit, valid));
  auto longer = params;
  longer.max_rounds += 1;
  EXPECT_NE(key, FoldModelCache::key(longer, fit, valid));
  auto x = data.x;
  x.back() = std::nextafter(x.back(), 2.0f);
  EXPECT_NE(key, FoldModelCache::key(params, {x, 3, data.y}, valid));
  // The same floats cut into other rows are another input.
  EXPECT_NE(key, FoldModelCache::key(params, {data.x, 6, data.y}, valid));
  EXPECT_NE(key, FoldModelCache::key(params, valid, fit));
}

TEST(FoldModelCache, FindGivesWhatInsertStoredAndTheFirstInsertWins) {
  FoldModelCache cache;
  EXPECT_EQ(cache.find("k"), nullptr);
  const auto stored = cache.insert("k", XgbModel());
  EXPECT_EQ(cache.find("k"), stored);
  EXPECT_EQ(cache.insert("k", XgbModel()), stored);
}

TEST(FoldModelCache, BackedByAStoreALaterCacheReusesTheFoldsAndGivesTheSameTraining) {
  ae::test::TempDir dir;
  core::FileSystemStore store(dir.path());
  {
    FoldModelCache earlier(store, "folds/");
    EXPECT_EQ(train_walk_forward(make_dataset(210), options(&earlier)).reused_folds, 0u);
  }
  EXPECT_EQ(store.list("folds/").size(), 3u);
  const auto longer_data = make_dataset(300);
  FoldModelCache later(store, "folds/");  // a new process: nothing in memory
  const auto longer = train_walk_forward(longer_data, options(&later));
  EXPECT_EQ(longer.reused_folds, 3u);
  expect_same(longer, train_walk_forward(longer_data, options(nullptr)));
  EXPECT_EQ(later.prune_unused(), 0u);  // it used all five
  EXPECT_EQ(store.list("folds/").size(), 5u);

  // Other booster parameters: nothing reused, and pruning leaves only this
  // training's folds.
  FoldModelCache other(store, "folds/");
  auto deeper = options(&other);
  deeper.booster.xgb["max_depth"] = "4";
  EXPECT_EQ(train_walk_forward(longer_data, deeper).reused_folds, 0u);
  EXPECT_EQ(other.prune_unused(), 5u);
  EXPECT_EQ(store.list("folds/").size(), 5u);
}

TEST(FoldModelCache, AnUnreadableStoredFoldIsFitAgainAndRewritten) {
  ae::test::TempDir dir;
  core::FileSystemStore store(dir.path());
  const auto data = make_dataset(300);
  {
    FoldModelCache first(store, "folds/");
    train_walk_forward(data, options(&first));
  }
  const auto names = store.list("folds/");
  ASSERT_EQ(names.size(), 5u);
  store.put(names.front(), "{ not a model");
  FoldModelCache second(store, "folds/");
  const auto again = train_walk_forward(data, options(&second));
  EXPECT_EQ(again.reused_folds, 4u);
  expect_same(again, train_walk_forward(data, options(nullptr)));
  EXPECT_NO_THROW(XgbModel::load_json(store.get(names.front()), names.front()));
}

}  // namespace
}  // namespace ae::predictor
