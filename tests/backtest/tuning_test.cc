// Tuning: the parameter grid and its seeded sampling, the time split into
// training and holdout, the promotion gates (table-driven from
// tests/backtest/tuning_cases/*.json), promotion files and the regression
// rollback. The evaluation is a table here; sweep_test.cc covers the sweep.
#include "backtest/tuning.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "backtest/parameter_grid.h"
#include "backtest/promotion.h"
#include "core/artifact_store.h"
#include "core/error.h"
#include "executor/risk_parameters.h"
#include "support/test_support.h"

namespace ae::backtest {
namespace {

using core::Date;
using executor::RiskConfig;

std::vector<Date> weekdays(Date first, int count) {
  std::vector<Date> out;
  for (auto d = first; static_cast<int>(out.size()) < count; d = core::add_days(d, 1)) {
    const auto w = core::weekday_of(d);
    if (w != std::chrono::Saturday && w != std::chrono::Sunday) out.push_back(d);
  }
  return out;
}

ParameterGrid grid_of(std::vector<GridAxis> axes) { return ParameterGrid(std::move(axes)); }

template <typename Fn>
std::string error_of(Fn&& fn) {
  try {
    fn();
  } catch (const core::InvalidInput& e) {
    return e.what();
  }
  return "(no InvalidInput thrown)";
}

// ---------------------------------------------------------------- grid

TEST(ParameterGrid, ReferenceCoreGridHas1728Combinations) {
  const auto grid = reference_core_grid();
  EXPECT_EQ(grid.size(), 4u * 3 * 4 * 3 * 3 * 4);
  for (std::size_t i : {0ul, 1ul, 777ul, grid.size() - 1}) EXPECT_EQ(grid.index_of(grid.at(i)), i);
  EXPECT_EQ(describe(grid.at(0)),
            "min_score=65 max_position_pct=0.05 atr_multiplier=2 time_decay_reduce_days=5 "
            "time_decay_exit_days=10 profit_take_pct=0.15");
}

TEST(ParameterGrid, AppliesEachAxisToItsRiskConfigField) {
  const auto grid = reference_core_grid();
  const auto combo = grid.at(grid.size() - 1);  // every axis at its largest value
  RiskConfig base;
  base.drawdown_circuit_breaker = 0.07;
  const auto c = apply_combination(combo, base);
  EXPECT_DOUBLE_EQ(c.min_score_to_enter, 80);
  EXPECT_DOUBLE_EQ(c.max_position_pct, 0.15);
  EXPECT_DOUBLE_EQ(c.atr_multiplier, 4);
  EXPECT_EQ(c.time_decay_reduce_days, 10);
  EXPECT_EQ(c.time_decay_exit_days, 20);
  EXPECT_DOUBLE_EQ(c.profit_take_pct, 0.30);
  EXPECT_DOUBLE_EQ(c.drawdown_circuit_breaker, 0.07);  // untouched
  const auto json = combination_json(combo);
  EXPECT_TRUE(json["time_decay_exit_days"].is_number_integer());
  EXPECT_EQ(json["time_decay_exit_days"], 20);
}

TEST(ParameterGrid, TheTunedObjectItWritesIsWhatTheExecutorReads) {
  const auto combo = reference_core_grid().at(5);
  auto parameters = executor::risk_parameters();
  const auto skipped = parameters.apply_tuned(combination_json(combo), "test");
  EXPECT_TRUE(skipped.empty());
  const auto c = executor::risk_config_from(parameters);
  const auto expected =
      apply_combination(combo, executor::risk_config_from(executor::risk_parameters()));
  EXPECT_DOUBLE_EQ(c.min_score_to_enter, expected.min_score_to_enter);
  EXPECT_DOUBLE_EQ(c.profit_take_pct, expected.profit_take_pct);
  EXPECT_EQ(c.time_decay_exit_days, expected.time_decay_exit_days);
}

TEST(ParameterGrid, BadGridsAreRefusedWithClearMessages) {
  EXPECT_EQ(error_of([] { grid_of({}); }), "parameter grid: no axes (empty grid)");
  EXPECT_EQ(error_of([] {
              grid_of({{"atr_multiplier", {}}});
            }),
            "parameter grid: axis 'atr_multiplier' has no values");
  EXPECT_EQ(error_of([] {
              grid_of({{"drawdown_circuit_breaker", {0.05}}});
            }),
            "parameter grid: 'drawdown_circuit_breaker' is a safety parameter and is never tuned");
  EXPECT_EQ(error_of([] {
              grid_of({{"max_sector_pct", {0.3}}});
            }),
            "parameter grid: 'max_sector_pct' is a safety parameter and is never tuned");
  EXPECT_EQ(error_of([] {
              grid_of({{"max_equity_pct", {0.8}}});
            }),
            "parameter grid: 'max_equity_pct' is a safety parameter and is never tuned");
  EXPECT_NE(error_of([] {
              grid_of({{"no_such", {1}}});
            }).find("unknown parameter 'no_such'"),
            std::string::npos);
  EXPECT_EQ(error_of([] {
              grid_of({{"atr_multiplier", {20}}});
            }),
            "parameter grid: atr_multiplier = 20 is outside [0.5, 10]");
  EXPECT_EQ(error_of([] {
              grid_of({{"time_decay_exit_days", {10.5}}});
            }),
            "parameter grid: time_decay_exit_days = 10.5 must be a whole number");
  EXPECT_EQ(error_of([] {
              grid_of({{"atr_multiplier", {2}}, {"atr_multiplier", {3}}});
            }),
            "parameter grid: axis 'atr_multiplier' given twice");
  EXPECT_EQ(error_of([] {
              parameter_grid_from_json({{"axes", nlohmann::json::object()}});
            }),
            "parameter grid: no axes (empty grid)");
}

TEST(ParameterGrid, FromJsonOrdersAxesByNameAndSortsValues) {
  const auto grid = parameter_grid_from_json(nlohmann::json::parse(
      R"({"axes": {"profit_take_pct": [0.3, 0.2, 0.2], "min_score": [70]}})"));
  ASSERT_EQ(grid.axes().size(), 2u);
  EXPECT_EQ(grid.size(), 2u);
  EXPECT_EQ(describe(grid.at(0)), "min_score=70 profit_take_pct=0.2");
}

TEST(ParameterGrid, CurrentValuesAreSeededIntoTheGridAsTheBaseline) {
  RiskConfig current;  // min_score 30, atr 2.5, ..., not all on the core grid
  const auto seeded = reference_core_grid().with_values_of(current);
  EXPECT_EQ(seeded.size(), 5u * 3 * 4 * 3 * 4 * 4);  // +30 min_score, +14 exit days
  const auto baseline = seeded.combination_of(current);
  EXPECT_EQ(describe(baseline),
            "min_score=30 max_position_pct=0.05 atr_multiplier=2.5 time_decay_reduce_days=7 "
            "time_decay_exit_days=14 profit_take_pct=0.25");
  EXPECT_THROW(reference_core_grid().combination_of(current), core::InvalidInput);
}

TEST(ParameterGrid, TheTuningGridHasTheAxesTheConstructionActsOn) {
  RiskConfig benchmark;  // the default: benchmark-relative
  ASSERT_TRUE(benchmark.benchmark_relative);
  const auto grid = tuning_grid(benchmark);
  std::vector<std::string> names;
  for (const auto& axis : grid.axes()) names.push_back(axis.name);
  EXPECT_EQ(names, (std::vector<std::string>{"max_names", "stock_sleeve_pct", "min_holding_days",
                                             "hold_rank_multiple"}));
  EXPECT_EQ(describe(grid.combination_of(benchmark)),
            "max_names=50 stock_sleeve_pct=0.6 min_holding_days=21 hold_rank_multiple=3");

  RiskConfig reference;
  reference.benchmark_relative = false;
  EXPECT_EQ(tuning_grid(reference).axes().front().name, "min_score");
  EXPECT_EQ(tuning_grid(reference).size(), reference_core_grid().with_values_of(reference).size());
}

TEST(Sampling, IsDeterministicForASeedUniqueAndStartsWithTheBaseline) {
  const auto grid = reference_core_grid().with_values_of(RiskConfig{});
  const auto baseline = grid.combination_of(RiskConfig{});
  const auto a = sample_combinations(grid, baseline, 60, 7);
  const auto b = sample_combinations(grid, baseline, 60, 7);
  const auto c = sample_combinations(grid, baseline, 60, 8);
  ASSERT_EQ(a.combinations.size(), 60u);
  EXPECT_FALSE(a.full_grid);
  EXPECT_EQ(a.combinations, b.combinations);
  EXPECT_NE(a.combinations, c.combinations);
  EXPECT_EQ(a.combinations[0], baseline);
  std::set<std::size_t> indices;
  for (const auto& combo : a.combinations) indices.insert(grid.index_of(combo));
  EXPECT_EQ(indices.size(), 60u);
}

// Pinned: the std::mt19937_64 stream and our rejection sampling are portable,
// so seed 42 draws these combinations everywhere.
TEST(Sampling, PinnedCombinationsForSeed42) {
  const auto grid = reference_core_grid();
  const auto baseline = grid.at(0);
  const auto s = sample_combinations(grid, baseline, 4, 42);
  std::vector<std::size_t> got;
  for (const auto& combo : s.combinations) got.push_back(grid.index_of(combo));
  EXPECT_EQ(got, (std::vector<std::size_t>{0, 443, 1674, 1678}));
}

TEST(Sampling, FallsBackToTheFullGridWhenTrialsCoverIt) {
  const ParameterGrid grid({{"atr_multiplier", {2, 3}}, {"profit_take_pct", {0.2, 0.3}}});
  const auto baseline = grid.at(2);
  const auto s = sample_combinations(grid, baseline, 10, 1);
  EXPECT_TRUE(s.full_grid);
  ASSERT_EQ(s.combinations.size(), 4u);
  EXPECT_EQ(s.combinations[0], baseline);
  EXPECT_EQ(s.combinations[1], grid.at(0));
  EXPECT_EQ(s.combinations[3], grid.at(3));
  EXPECT_EQ(error_of([&] { sample_combinations(grid, baseline, 0, 1); }),
            "tuning: max_trials must be at least 1");
}

// ---------------------------------------------------------------- spans

TEST(Spans, HoldoutIsTheLaterDisjointPart) {
  const auto days =
      weekdays(Date{std::chrono::year{2024}, std::chrono::January, std::chrono::day{1}}, 100);
  const auto spans = split_spans(days, 0.3);
  EXPECT_EQ(spans.training.size(), 70u);
  EXPECT_EQ(spans.holdout.size(), 30u);
  EXPECT_LT(spans.training.back(), spans.holdout.front());
  std::set<Date> training(spans.training.begin(), spans.training.end());
  for (const auto& d : spans.holdout) EXPECT_EQ(training.count(d), 0u);
  EXPECT_EQ(spans.training.size() + spans.holdout.size(), days.size());
}

TEST(Spans, BadSpansAreRefused) {
  EXPECT_EQ(error_of([] { split_spans({}, 0.3); }), "tuning: the date span has no trading days");
  const auto days =
      weekdays(Date{std::chrono::year{2024}, std::chrono::January, std::chrono::day{1}}, 3);
  EXPECT_NE(error_of([&] { split_spans(days, 0.3); }).find("too few to split"), std::string::npos);
  EXPECT_NE(error_of([&] { split_spans(days, 1.0); }).find("must be between 0 and 1"),
            std::string::npos);
  auto unsorted =
      weekdays(Date{std::chrono::year{2024}, std::chrono::January, std::chrono::day{1}}, 10);
  std::swap(unsorted[2], unsorted[3]);
  EXPECT_NE(error_of([&] { split_spans(unsorted, 0.3); }).find("not strictly increasing"),
            std::string::npos);
}

// ---------------------------------------------------------------- gates (data-driven)

TEST(Gates, TableDrivenCases) {
  const auto dir = test::source_path("tests/backtest/tuning_cases");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 10u);
  std::set<std::string> refused_gates;
  for (const auto& file : files) {
    SCOPED_TRACE(file.filename().string());
    std::ifstream stream(file);
    const auto c = nlohmann::json::parse(stream);
    const auto& in = c["input"];
    GateInput input;
    input.n_valid = in["n_valid"].get<std::size_t>();
    input.best_trades = in["best_trades"].get<int>();
    input.best_sharpe = in["best_sharpe"].get<double>();
    input.best_objective = in["best_objective"].get<double>();
    input.baseline_objective = in["baseline_objective"].get<double>();
    if (!in["holdout_sharpe"].is_null()) input.holdout_sharpe = in["holdout_sharpe"].get<double>();
    const auto gates = evaluate_gates(input, GateThresholds{});
    ASSERT_EQ(gates.size(), 5u);
    std::string refused;
    for (const auto& g : gates)
      if (!g.passed && refused.empty()) refused = g.name;
    const std::string expected =
        c["refused_by"].is_null() ? "" : c["refused_by"].get<std::string>();
    EXPECT_EQ(refused, expected) << c["description"];
    if (!refused.empty()) refused_gates.insert(refused);
  }
  // Every gate refuses in at least one case.
  EXPECT_EQ(refused_gates,
            (std::set<std::string>{"valid_combinations", "min_trades", "sharpe_non_negative",
                                   "improvement", "holdout"}));
}

// ---------------------------------------------------------------- run_tuning

// A table of figures keyed by atr_multiplier (the one axis of the test grid),
// recording the days each evaluation saw.
struct FakeWorld {
  std::map<double, RunMetrics> training, holdout;
  std::set<Date> holdout_days;
  std::vector<std::vector<Date>> calls;

  Evaluate evaluate() {
    return [this](const std::vector<RiskConfig>& configs, std::span<const Date> days) {
      calls.emplace_back(days.begin(), days.end());
      const bool is_holdout = holdout_days.count(days.front()) > 0;
      std::vector<RunMetrics> out;
      for (const auto& c : configs) {
        const auto& table = is_holdout ? holdout : training;
        auto it = table.find(c.atr_multiplier);
        out.push_back(it == table.end() ? RunMetrics{false, "not in table"} : it->second);
      }
      return out;
    };
  }
};

RunMetrics figures(double sharpe, double mdd, int trades) {
  RunMetrics m;
  m.sharpe = sharpe;
  m.max_drawdown = mdd;
  m.n_trades = trades;
  m.n_days = 50;
  m.total_alpha = sharpe / 10;
  return m;
}

struct TuningFixture : ::testing::Test {
  ParameterGrid grid{{{"atr_multiplier", {2, 3, 4, 5, 6}}}};
  RiskConfig current;  // atr 2.5: the baseline
  TuningSpans spans = split_spans(
      weekdays(Date{std::chrono::year{2024}, std::chrono::January, std::chrono::day{1}}, 100), 0.3);
  FakeWorld world;
  TuningOptions options;

  void SetUp() override {
    world.holdout_days = {spans.holdout.begin(), spans.holdout.end()};
    world.training = {{2.5, figures(0.8, -0.10, 80)}, {2, figures(0.5, -0.10, 90)},
                      {3, figures(1.2, -0.08, 75)},   {4, figures(1.0, -0.05, 60)},
                      {5, figures(0.2, -0.20, 40)},   {6, figures(0.1, -0.30, 20)}};
    world.holdout = {{2.5, figures(0.7, -0.05, 30)}, {3, figures(0.9, -0.04, 25)}};
  }
};

TEST_F(TuningFixture, PromotesTheBestWhenEveryGatePassesAndHoldoutIsOnlyLaterDays) {
  const auto d = run_tuning(grid, current, spans, world.evaluate(), options);
  ASSERT_EQ(d.sample.combinations.size(), 6u);  // full grid + baseline
  EXPECT_TRUE(d.sample.full_grid);
  ASSERT_TRUE(d.best);
  EXPECT_EQ(describe(d.sample.combinations[*d.best]), "atr_multiplier=3");
  EXPECT_TRUE(d.promoted) << d.refused_by;
  // objective = Sharpe - 0.5 |MDD|: 3 -> 1.16, 4 -> 0.975, 2.5 -> 0.75, ...
  EXPECT_EQ(describe(d.sample.combinations[d.ranking[1]]), "atr_multiplier=4");
  // Two evaluations: the training span, then the holdout span with exactly
  // the best and the baseline; the holdout never includes a training day.
  ASSERT_EQ(world.calls.size(), 2u);
  EXPECT_EQ(world.calls[0], spans.training);
  EXPECT_EQ(world.calls[1], spans.holdout);
  EXPECT_LT(world.calls[0].back(), world.calls[1].front());
  ASSERT_TRUE(d.best_holdout && d.baseline_holdout);
  EXPECT_DOUBLE_EQ(d.best_holdout->sharpe, 0.9);
  EXPECT_DOUBLE_EQ(d.baseline_holdout->sharpe, 0.7);
  const auto json = decision_json(d, options);
  EXPECT_EQ(json["promoted"], true);
  EXPECT_EQ(json["best"]["parameters"]["atr_multiplier"], 3.0);
  EXPECT_EQ(json["best"]["holdout"]["sharpe"], 0.9);
  EXPECT_EQ(json["holdout_span"][0], core::format_date(spans.holdout.front()));
  EXPECT_EQ(json["gates"].size(), 5u);
}

TEST_F(TuningFixture, RefusesWhenTheHoldoutCollapses) {
  world.holdout[3] = figures(0.3, -0.10, 25);  // < 0.5 x 1.2
  const auto d = run_tuning(grid, current, spans, world.evaluate(), options);
  EXPECT_FALSE(d.promoted);
  EXPECT_EQ(d.refused_by, "holdout");
}

TEST_F(TuningFixture, InvalidRunsAreNotRankedAndTooFewRefuse) {
  for (double atr : {2.0, 4.0, 5.0, 6.0}) world.training[atr].valid = false;
  const auto d = run_tuning(grid, current, spans, world.evaluate(), options);
  EXPECT_EQ(d.ranking.size(), 2u);
  EXPECT_FALSE(d.promoted);
  EXPECT_EQ(d.refused_by, "valid_combinations");
  EXPECT_FALSE(decision_json(d, options)["best"].is_null());
}

TEST_F(TuningFixture, SameSeedSameDecision) {
  ParameterGrid wide = reference_core_grid();
  auto flat = [](const std::vector<RiskConfig>& configs, std::span<const Date>) {
    std::vector<RunMetrics> out;
    for (const auto& c : configs)
      out.push_back(figures(c.atr_multiplier * c.profit_take_pct + c.max_position_pct, -0.1, 60));
    return out;
  };
  options.max_trials = 20;
  const auto a = decision_json(run_tuning(wide, current, spans, flat, options), options);
  const auto b = decision_json(run_tuning(wide, current, spans, flat, options), options);
  EXPECT_EQ(a, b);
  options.seed = 43;
  EXPECT_NE(decision_json(run_tuning(wide, current, spans, flat, options), options)["ranking"],
            a["ranking"]);
}

TEST_F(TuningFixture, OverlappingSpansAreRefused) {
  auto bad = spans;
  bad.holdout.insert(bad.holdout.begin(), bad.training.back());
  EXPECT_NE(error_of([&] {
              run_tuning(grid, current, bad, world.evaluate(), options);
            }).find("must start after the training span ends"),
            std::string::npos);
  bad.training.clear();
  EXPECT_NE(error_of([&] {
              run_tuning(grid, current, bad, world.evaluate(), options);
            }).find("must both have days"),
            std::string::npos);
}

// ---------------------------------------------------------------- store: promotion, rollback

TEST_F(TuningFixture, ApplyWritesParamsPreviousAndHistoryThenRegressionRollsBack) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  store.put(executor::kTunedParametersKey, R"({"atr_multiplier": 2.5})");
  const Date day{std::chrono::year{2024}, std::chrono::June, std::chrono::day{1}};
  const auto now = core::parse_timestamp("2024-06-01T12:00:00Z");
  const auto d = run_tuning(grid, current, spans, world.evaluate(), options);
  const auto out = apply_decision(store, d, options, day, now);
  EXPECT_FALSE(out["written"].is_null());
  EXPECT_EQ(out["regression"]["checked"], false);  // nothing promoted before

  const auto tuned = nlohmann::json::parse(store.get(executor::kTunedParametersKey));
  EXPECT_EQ(tuned["atr_multiplier"], 3.0);
  EXPECT_EQ(tuned["n_combos_tested"], 6);
  EXPECT_EQ(tuned["updated_at"], "2024-06-01T12:00:00Z");
  EXPECT_EQ(nlohmann::json::parse(store.get(kPreviousParametersKey))["atr_multiplier"], 2.5);
  EXPECT_EQ(store.get("config/executor_params_history/2024-06-01.json"),
            store.get(executor::kTunedParametersKey));
  // The executor reads it without skipping anything (metadata keys ignored).
  auto parameters = executor::risk_parameters();
  EXPECT_TRUE(parameters.apply_tuned(tuned, "test").empty());

  // A week later: Sharpe within 20% of the promoted holdout 0.9 -> kept.
  GateThresholds t;
  auto kept = check_regression(store, 0.75, t, day);
  EXPECT_TRUE(kept.checked);
  EXPECT_FALSE(kept.rolled_back);
  EXPECT_EQ(nlohmann::json::parse(store.get(executor::kTunedParametersKey))["atr_multiplier"], 3.0);
  // More than 20% below 0.9 (floor 0.72) -> rolled back to the previous object.
  auto rolled = check_regression(store, 0.71, t, day);
  EXPECT_TRUE(rolled.rolled_back) << rolled.detail;
  EXPECT_EQ(store.get(executor::kTunedParametersKey), R"({"atr_multiplier": 2.5})");
  EXPECT_FALSE(store.exists(kPromotionBaselineKey));
  // Nothing left to check after a rollback.
  EXPECT_FALSE(check_regression(store, 0.1, t, day).checked);
}

TEST(Regression, RollbackWithoutPreviousRemovesTheTunedObject) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  const Date day{std::chrono::year{2024}, std::chrono::June, std::chrono::day{1}};
  Promotion p;
  p.parameters = {{"atr_multiplier", 3.0}};
  p.training_sharpe = 1.0;
  p.holdout_sharpe = 0.8;
  promote_parameters(store, p, day, core::parse_timestamp("2024-06-01T12:00:00Z"));
  EXPECT_FALSE(store.exists(kPreviousParametersKey));
  const auto r = check_regression(store, 0.5, GateThresholds{}, day);
  EXPECT_TRUE(r.rolled_back);
  EXPECT_FALSE(store.exists(executor::kTunedParametersKey));
}

TEST(Regression, SkippedWhenTheOperatorReplacedThePromotedParameters) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path());
  const Date day{std::chrono::year{2024}, std::chrono::June, std::chrono::day{1}};
  Promotion p;
  p.parameters = {{"atr_multiplier", 3.0}};
  p.holdout_sharpe = 0.8;
  promote_parameters(store, p, day, core::parse_timestamp("2024-06-01T12:00:00Z"));
  store.put(executor::kTunedParametersKey, R"({"atr_multiplier": 4.0, "manual_override": true})");
  const auto r = check_regression(store, 0.1, GateThresholds{}, day);
  EXPECT_FALSE(r.checked);
  EXPECT_FALSE(r.rolled_back);
  EXPECT_EQ(nlohmann::json::parse(store.get(executor::kTunedParametersKey))["atr_multiplier"], 4.0);
}

}  // namespace
}  // namespace ae::backtest
