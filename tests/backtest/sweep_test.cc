// The sweep: each combination's run equals its own replay (replay.h: same
// fills, same NAV path, same guard firings) on a small synthetic world, with one combination and
// with several, in parallel and serially; combinations really differ; bad
// input; the sweep as tuning's evaluator with a real later holdout; the
// replay stepped alongside the rule books equals the replay on its own, and
// the rule contributions are the differences of the books' returns.
#include "backtest/sweep.h"

#include <gtest/gtest.h>

#include <set>

#include "backtest/day_step.h"
#include "backtest/oracle_world_fixture.h"
#include "backtest/parameter_grid.h"
#include "backtest/replay.h"
#include "backtest/rule_contribution.h"
#include "backtest/same_run_fixture.h"
#include "backtest/tuning.h"
#include "core/error.h"
#include "executor/planning/plan_input.h"
#include "executor/risk_parameters.h"
#include "support/test_support.h"

namespace ae::backtest {
namespace {

using core::Date;
using executor::RiskConfig;

using test_world::oracle_world;

RiskConfig base_config() {
  // The reference profile: the reference core grid's axes act on its
  // construction.
  auto c = executor::profile_risk_config("reference");
  c.initial_cash = 100'000;
  return c;
}

// One book on its own: the backtester's replay (replay.h), whose DayMarket
// is built for exactly the symbols that book's planner needs.
BacktestResult single_replay(const DecisionInputs& inputs, const RiskConfig& config) {
  ReplayOptions options;
  options.config = config;
  return replay(inputs, options);
}

void expect_same_run(const SweepRun& sweep, const BacktestResult& single) {
  ASSERT_TRUE(sweep.error.empty()) << sweep.error;
  test_world::expect_same_run(sweep.result, single);
}

std::vector<RiskConfig> some_configs() {
  const auto grid = reference_core_grid();
  std::vector<RiskConfig> configs{base_config()};
  for (std::size_t i : {17ul, 400ul, 1111ul})
    configs.push_back(apply_combination(grid.at(i), base_config()));
  for (auto& c : configs) c.min_score_to_enter = std::min(c.min_score_to_enter, 55.0);
  return configs;
}

TEST(Sweep, OneCombinationEqualsItsSingleReplayAndTrades) {
  const auto& w = oracle_world();
  const auto config = base_config();
  const auto sweep = run_sweep(*w.series, w.inputs.days, {config});
  const auto single = single_replay(w.inputs, config);
  ASSERT_EQ(sweep.runs.size(), 1u);
  expect_same_run(sweep.runs[0], single);
  // The world is not trivial: the book traded and exits happened.
  std::set<std::string> actions;
  for (const auto& f : single.fills) actions.insert(f.action);
  EXPECT_TRUE(actions.count("ENTER"));
  EXPECT_GE(actions.size(), 2u);
  EXPECT_GT(single.fills.size(), 20u);
}

TEST(Sweep, EachOfSeveralCombinationsEqualsItsOwnReplayInParallelAndSerially) {
  const auto& w = oracle_world();
  const auto configs = some_configs();
  const auto parallel = run_sweep(*w.series, w.inputs.days, configs);
  SweepOptions serial_options;
  serial_options.parallel = false;
  const auto serial = run_sweep(*w.series, w.inputs.days, configs, serial_options);
  ASSERT_EQ(parallel.runs.size(), configs.size());
  std::set<double> final_navs;
  for (std::size_t i = 0; i < configs.size(); ++i) {
    SCOPED_TRACE("combination " + std::to_string(i));
    const auto single = single_replay(w.inputs, configs[i]);
    expect_same_run(parallel.runs[i], single);
    expect_same_run(serial.runs[i], single);
    final_navs.insert(parallel.runs[i].result.nav.back());
  }
  // Combinations are not silently identical (the reference's wrong-key bug).
  EXPECT_EQ(final_navs.size(), configs.size());
  EXPECT_EQ(parallel.timings.days, w.inputs.days.size());
  EXPECT_EQ(parallel.timings.book_days, w.inputs.days.size() * configs.size());
}

TEST(Sweep, ProgressIsReportedEveryDayAndTheRunStartsTheDayBefore) {
  const auto& w = oracle_world();
  std::vector<std::size_t> seen;
  SweepOptions options;
  options.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, 10u);
    seen.push_back(done);
  };
  const std::span<const DecisionDay> ten(w.inputs.days.data(), 10);
  const auto sweep = run_sweep(*w.series, ten, {base_config()}, options);
  EXPECT_EQ(seen, (std::vector<std::size_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  const auto& r = sweep.runs[0].result;
  EXPECT_EQ(r.dates.front(), w.inputs.days.front().as_of);
  EXPECT_EQ(r.nav.front(), 100'000);
  EXPECT_EQ(r.dates.size(), 11u);
  EXPECT_EQ(r.spy_close.size(), 11u);
  EXPECT_TRUE(run_metrics(sweep.runs[0]).valid);
}

TEST(Sweep, BadInputIsRefusedClearly) {
  const auto& w = oracle_world();
  try {
    run_sweep(*w.series, {}, {base_config()});
    FAIL();
  } catch (const core::InvalidInput& e) {
    EXPECT_STREQ(e.what(), "sweep: no trading days to sweep");
  }
  try {
    run_sweep(*w.series, w.inputs.days, {});
    FAIL();
  } catch (const core::InvalidInput& e) {
    EXPECT_STREQ(e.what(), "sweep: no parameter combinations to run");
  }
  std::vector<DecisionDay> backwards{w.inputs.days[1], w.inputs.days[0]};
  EXPECT_THROW(run_sweep(*w.series, backwards, {base_config()}), core::InvalidInput);
  const auto evaluate = sweep_evaluator(w.inputs);
  const std::vector<Date> unknown{core::parse_date("2020-01-02")};
  try {
    evaluate({base_config()}, unknown);
    FAIL();
  } catch (const core::InvalidInput& e) {
    EXPECT_STREQ(e.what(), "sweep: no decision inputs for 2020-01-02");
  }
}

TEST(Sweep, AsTuningsEvaluatorTheHoldoutRunsOnlyOnLaterDays) {
  const auto& w = oracle_world();
  std::vector<Date> dates;
  for (const auto& d : w.inputs.days) dates.push_back(d.date);
  const auto spans = split_spans(dates, 0.3);
  std::vector<std::pair<Date, Date>> calls;
  const auto sweep = sweep_evaluator(w.inputs);
  Evaluate spy_on = [&](const std::vector<RiskConfig>& configs, std::span<const Date> days) {
    calls.emplace_back(days.front(), days.back());
    return sweep(configs, days);
  };
  const ParameterGrid grid({{"atr_multiplier", {2, 3}}, {"profit_take_pct", {0.15, 0.3}}});
  TuningOptions options;
  options.max_trials = 3;
  options.seed = 9;
  const auto d = run_tuning(grid, base_config(), spans, spy_on, options);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0], std::make_pair(spans.training.front(), spans.training.back()));
  EXPECT_EQ(calls[1], std::make_pair(spans.holdout.front(), spans.holdout.back()));
  EXPECT_EQ(d.ranking.size(), 3u);  // all valid
  EXPECT_FALSE(d.promoted);         // 3 < 5 valid combinations
  EXPECT_EQ(d.refused_by, "valid_combinations");
  ASSERT_TRUE(d.best_holdout);
  EXPECT_EQ(d.best_holdout->n_days, static_cast<int>(spans.holdout.size()));
  const auto again = run_tuning(grid, base_config(), spans, sweep, options);
  EXPECT_EQ(decision_json(again, options), decision_json(d, options));
}

TEST(Sweep, TheReplayAlongsideTheRuleBooksEqualsTheReplayOnItsOwn) {
  const auto& w = oracle_world();
  const auto config = base_config();
  ReplayOptions options;
  options.config = config;
  std::size_t progress_calls = 0;
  options.progress = [&](std::size_t, std::size_t) { ++progress_calls; };
  const auto flipped = flipped_rule_configs(config);
  ASSERT_EQ(flipped.size(), 4u);
  const auto together = replay_alongside(w.inputs, options, flipped);
  EXPECT_EQ(progress_calls, w.inputs.days.size());
  options.progress = {};
  const auto alone = replay(w.inputs, options);
  SweepRun as_run;
  as_run.result = together.replay;
  expect_same_run(as_run, alone);
  EXPECT_EQ(together.replay.label, "replay");
  ASSERT_EQ(together.replay.predictions.size(), alone.predictions.size());
  for (std::size_t d = 0; d < alone.predictions.size(); ++d) {
    EXPECT_EQ(together.replay.predictions[d].date, alone.predictions[d].date);
    EXPECT_EQ(together.replay.predictions[d].predicted, alone.predictions[d].predicted);
    EXPECT_EQ(together.replay.predictions[d].realised, alone.predictions[d].realised);
  }
  ASSERT_EQ(together.alongside.size(), flipped.size());
  for (std::size_t i = 0; i < flipped.size(); ++i) {
    SCOPED_TRACE("flipped rule " + std::to_string(i));
    expect_same_run(together.alongside[i], single_replay(w.inputs, flipped[i]));
  }
}

TEST(Sweep, RuleContributionsAreTheReturnsOfTheReportedBookMinusEachFlippedOne) {
  const auto& w = oracle_world();
  auto config = base_config();
  config.drawdown_breaker_enabled = true;
  config.gbm_veto_enabled = false;
  const auto flipped = flipped_rule_configs(config);
  EXPECT_FALSE(flipped[0].drawdown_breaker_enabled);
  EXPECT_TRUE(flipped[3].gbm_veto_enabled);
  ReplayOptions options;
  options.config = config;
  const auto together = replay_alongside(w.inputs, options, flipped);
  const auto reported = compute_metrics(together.replay);
  const auto contributions = rule_contributions(config, reported, together.alongside);
  ASSERT_EQ(contributions.size(), 4u);
  const std::vector<std::string> names = {"drawdown_breaker", "atr_stops", "sector_caps",
                                          "gbm_veto"};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(contributions[i].rule, names[i]);
    const auto own = compute_metrics(single_replay(w.inputs, flipped[i]));
    EXPECT_EQ(contributions[i].contribution(),
              reported.portfolio.total_return - own.portfolio.total_return);
  }
  EXPECT_TRUE(contributions[0].enabled);
  EXPECT_FALSE(contributions[3].enabled);

  auto failed = together.alongside;
  failed[2].error = "2026-01-05: boom";
  try {
    rule_contributions(config, reported, failed);
    FAIL();
  } catch (const core::InvalidInput& e) {
    EXPECT_STREQ(e.what(),
                 "rule contributions: the replay with sector_caps flipped: 2026-01-05: boom");
  }
  EXPECT_THROW(rule_contributions(config, reported, std::span(failed).first(3)),
               core::InvalidInput);
}

}  // namespace
}  // namespace ae::backtest
