// The sweep's checkpoint: a sweep over a longer span resumes from the books
// saved after a shorter one and ends bit for bit where a sweep from the first
// day ends (runs and books), each book from the saved book of its
// configuration; a checkpoint whose days or market differ, an unreadable
// one, or a sweep that reports metrics, steps every day again (and gives the
// same figures); a day without a digest is never saved.
#include "backtest/sweep_checkpoint.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "backtest/oracle_world_fixture.h"
#include "backtest/same_run_fixture.h"
#include "backtest/sweep.h"
#include "core/artifact_store.h"
#include "core/metric_sink.h"
#include "executor/risk_parameters.h"
#include "market/bar_store.h"
#include "support/test_support.h"

namespace ae::backtest {
namespace {

using executor::RiskConfig;
using test_world::oracle_world;

constexpr std::string_view kKey = "backtest/checkpoints/test.json";

std::vector<RiskConfig> two_configs() {
  auto a = executor::profile_risk_config("benchmark");
  a.initial_cash = 100'000;
  auto b = a;
  b.max_names = 5;
  return {a, b};
}

void expect_same_runs(const SweepResult& got, const SweepResult& want) {
  ASSERT_EQ(got.runs.size(), want.runs.size());
  for (std::size_t b = 0; b < want.runs.size(); ++b) {
    SCOPED_TRACE("book " + std::to_string(b));
    EXPECT_EQ(got.runs[b].error, want.runs[b].error);
    EXPECT_EQ(got.runs[b].result.label, want.runs[b].result.label);
    test_world::expect_same_run(got.runs[b].result, want.runs[b].result);
  }
}

// A copy of the world's market with one close of `symbol` 1 % higher: its
// row `from_end` rows before the last.
struct RevisedMarket {
  test::TempDir dir;
  std::unique_ptr<market::BarStore> bars;
  std::unique_ptr<SeriesCache> series;
  core::Date revised_on;
  RevisedMarket(const std::string& symbol, std::size_t from_end) {
    std::filesystem::copy(oracle_world().dir.path(), dir.path(),
                          std::filesystem::copy_options::recursive);
    bars = std::make_unique<market::BarStore>(dir.path());
    const auto view = bars->read(symbol);
    auto bar = view.bar(view.size() - 1 - from_end);
    bar.close *= 1.01;
    bar.high = std::max(bar.high, bar.close);
    bars->merge(symbol, {bar});
    revised_on = bar.date;
    series = std::make_unique<SeriesCache>(*bars);
  }
};

class SweepCheckpointTest : public ::testing::Test {
 protected:
  test::TempDir dir;
  core::FileSystemStore store{dir.path()};
  const std::vector<DecisionDay>& days = oracle_world().inputs.days;
  std::span<const DecisionDay> first_part() const { return {days.data(), days.size() * 3 / 5}; }

  SweepOptions checkpointed() {
    SweepOptions options;
    options.checkpoint = {&store, std::string(kKey)};
    return options;
  }
  // Days stepped by a sweep of every day with the checkpoint (the others were resumed).
  std::size_t stepped(const SeriesCache& series, std::span<const DecisionDay> over,
                      const std::vector<RiskConfig>& configs, SweepResult* result = nullptr) {
    auto swept = run_sweep(series, over, configs, checkpointed());
    const auto n = swept.timings.days;
    if (result) *result = std::move(swept);
    return n;
  }
};

TEST_F(SweepCheckpointTest, ALongerSpanResumesAfterTheSavedDaysAndEndsAsAFreshSweep) {
  const auto& series = *oracle_world().series;
  const auto configs = two_configs();
  const auto fresh = run_sweep(series, days, configs);
  ASSERT_GT(fresh.runs[0].result.fills.size(), 10u) << "the world must trade";

  EXPECT_EQ(stepped(series, first_part(), configs), first_part().size());
  EXPECT_TRUE(store.exists(kKey));
  SweepResult resumed;
  std::vector<std::pair<std::size_t, std::size_t>> progress;
  auto options = checkpointed();
  options.progress = [&](std::size_t done, std::size_t total) {
    progress.emplace_back(done, total);
  };
  resumed = run_sweep(series, days, configs, options);
  EXPECT_EQ(resumed.timings.days, days.size() - first_part().size());
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.front(), std::make_pair(first_part().size(), days.size()));
  expect_same_runs(resumed, fresh);

  // The books after the resume are those of a sweep from the first day: the
  // two checkpoints are the same bytes (cash, holdings, recent NAVs, peak).
  test::TempDir other_dir;
  core::FileSystemStore other(other_dir.path());
  auto from_first = checkpointed();
  from_first.checkpoint.store = &other;
  run_sweep(series, days, configs, from_first);
  EXPECT_EQ(store.get(kKey), other.get(kKey));

  // The checkpoint now holds every day: the same span again steps none.
  SweepResult again;
  EXPECT_EQ(stepped(series, days, configs, &again), 0u);
  expect_same_runs(again, fresh);
}

// A book resumes the saved book of its configuration, wherever that was in
// the saved list; a configuration never saved steps every day; each ends as
// in a sweep from the first day.
TEST_F(SweepCheckpointTest, EachBookResumesTheSavedBookOfItsConfiguration) {
  const auto& series = *oracle_world().series;
  const auto configs = two_configs();
  const std::size_t saved = first_part().size(), rest = days.size() - saved;

  stepped(series, first_part(), configs);
  const std::vector<RiskConfig> swapped = {configs[1], configs[0]};
  SweepResult result;
  EXPECT_EQ(stepped(series, days, swapped, &result), rest) << "another order";
  EXPECT_EQ(result.timings.book_days, 2 * rest);
  expect_same_runs(result, run_sweep(series, days, swapped));

  stepped(series, first_part(), configs);
  auto other = configs;
  other[1].max_names = 6;
  EXPECT_EQ(stepped(series, days, other, &result), days.size()) << "another configuration";
  EXPECT_EQ(result.timings.book_days, rest + days.size()) << "the first book resumes";
  expect_same_runs(result, run_sweep(series, days, other));

  stepped(series, first_part(), configs);
  auto neither = configs;
  neither[0].max_names = 7;
  neither[1].max_names = 6;
  EXPECT_EQ(stepped(series, days, neither, &result), days.size());
  EXPECT_EQ(result.timings.book_days, 2 * days.size()) << "no configuration in common";
}

TEST_F(SweepCheckpointTest, OtherDecisionsStepEveryDay) {
  const auto& series = *oracle_world().series;
  const auto configs = two_configs();
  const auto fresh = run_sweep(series, days, configs);

  stepped(series, first_part(), configs);
  auto changed = days;
  changed[3].digest = "a day that decides otherwise";
  EXPECT_EQ(stepped(series, changed, configs), days.size()) << "a changed day";

  stepped(series, first_part(), configs);
  auto later = std::vector<DecisionDay>(days.begin() + 1, days.end());
  EXPECT_EQ(stepped(series, later, configs), later.size()) << "another first day";

  stepped(series, first_part(), configs);
  SweepResult result;
  EXPECT_EQ(stepped(series, days, configs, &result), days.size() - first_part().size());
  expect_same_runs(result, fresh);
}

TEST_F(SweepCheckpointTest, ARevisedBarBeforeTheSavedEndStepsEveryDay) {
  const auto& world = oracle_world();
  const auto configs = two_configs();
  stepped(*world.series, first_part(), configs);

  // The same market with one close revised on a saved day.
  const auto symbol = world.series->universe().constituents.front().ticker;
  const RevisedMarket revised(symbol, 199);
  ASSERT_LT(revised.revised_on, first_part().back().date);
  EXPECT_EQ(stepped(*revised.series, days, configs), days.size());

  // A bar after the saved days is not something they read.
  stepped(*world.series, first_part(), configs);
  const RevisedMarket later(symbol, 0);
  ASSERT_GT(later.revised_on, first_part().back().date);
  EXPECT_EQ(stepped(*later.series, days, configs), days.size() - first_part().size());
}

TEST_F(SweepCheckpointTest, AnUnreadableCheckpointIsIgnoredAndReplaced) {
  const auto& series = *oracle_world().series;
  const auto configs = two_configs();
  store.put(kKey, "{ not json");
  EXPECT_EQ(stepped(series, first_part(), configs), first_part().size());
  store.put(kKey, R"({"format": 1})");
  EXPECT_EQ(stepped(series, first_part(), configs), first_part().size());
  EXPECT_EQ(stepped(series, days, configs), days.size() - first_part().size());
}

TEST_F(SweepCheckpointTest, NothingIsSavedForADayWithoutADigestOrWhenMetricsAreReported) {
  const auto& series = *oracle_world().series;
  const auto configs = two_configs();
  auto unknown = std::vector<DecisionDay>(first_part().begin(), first_part().end());
  unknown[2].digest.clear();
  stepped(series, unknown, configs);
  EXPECT_FALSE(store.exists(kKey));

  core::NullMetricSink metrics;
  auto options = checkpointed();
  options.metrics = &metrics;
  run_sweep(series, first_part(), configs, options);
  EXPECT_FALSE(store.exists(kKey));
  stepped(series, first_part(), configs);
  EXPECT_EQ(run_sweep(series, days, configs, options).timings.days, days.size())
      << "metrics of the saved days would go unreported";
}

}  // namespace
}  // namespace ae::backtest
