// The benchmark-relative construction with a zero-skill signal: on a market
// where every stock and SPY close at the same price every day, any selection
// earns exactly the benchmark, so the book must lose exactly what its fills
// paid against their quotes (spread, slippage, impact, commission) - the cost
// model is charged once per fill and nothing else moves the NAV.
#include <gtest/gtest.h>

#include <random>

#include "backtest/metrics.h"
#include "backtest/replay.h"
#include "core/nyse_calendar.h"
#include "executor/risk_parameters.h"
#include "market/bar_store.h"
#include "support/test_support.h"

namespace ae::backtest {
namespace {

constexpr int kStocks = 12;
constexpr int kDays = 90;

market::BarSeries flat_series(std::int32_t start, int rows, double price) {
  market::BarSeries series;
  series.start_index = start;
  for (int i = 0; i < rows; ++i) {
    market::Bar bar;
    bar.open = price;
    bar.close = price;
    bar.high = price * 1.01;
    bar.low = price * 0.99;
    bar.volume = 5e6;
    bar.vwap = price;
    series.push_back(bar);
  }
  return series;
}

std::string stock(int i) { return "S" + std::to_string(10 + i); }

TEST(ConstructionCosts, AZeroSkillSignalLosesExactlyItsCostsAgainstTheBenchmark) {
  test::TempDir dir;
  market::BarStore bars(dir.path() / "market");
  const auto& calendar = bars.calendar();
  const auto first = calendar.index_of(core::parse_date("2025-01-02"));
  bars.write("SPY", flat_series(first, kDays, 400));
  market::Universe universe;
  for (int i = 0; i < kStocks; ++i) {
    bars.write(stock(i), flat_series(first, kDays, 20 + 5 * i));
    market::Constituent c;
    c.ticker = stock(i);
    c.name = stock(i);
    c.sector = i % 2 ? market::Sector::kTechnology : market::Sector::kFinancial;
    c.memberships.push_back({"SP500", core::parse_date("2000-01-03"), std::nullopt});
    universe.constituents.push_back(c);
  }
  universe.macro_symbols = {"SPY"};
  bars.write_universe(universe);
  const SeriesCache series(bars);

  // Random alphas every day: a signal with no skill, ranks that churn.
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> alpha(-0.02, 0.05);
  DecisionInputs inputs;
  inputs.series = &series;
  for (int d = 30; d < kDays; ++d) {
    DecisionDay day;
    day.date = calendar.date_at(first + d);
    day.as_of = calendar.date_at(first + d - 1);
    auto signals = std::make_shared<core::Signals>();
    signals->date = day.as_of;
    day.signals = signals;
    auto predictions = std::make_shared<core::Predictions>();
    predictions->date = day.date;
    predictions->model_version = "zero-skill";
    for (int i = 0; i < kStocks; ++i) {
      core::Prediction p;
      p.ticker = stock(i);
      p.predicted_alpha = alpha(random);
      p.prediction_confidence = 0.5;
      p.predicted_direction = p.predicted_alpha > 0 ? core::Direction::kUp : core::Direction::kDown;
      predictions->predictions.push_back(p);
    }
    predictions->n_predictions = kStocks;
    day.predictions = predictions;
    inputs.days.push_back(day);
  }

  ReplayOptions options;
  options.config = executor::profile_risk_config(core::kDefaultProfile);
  ASSERT_TRUE(options.config.benchmark_relative);
  options.config.max_names = 4;
  options.config.min_holding_days = 3;
  options.config.hold_rank_multiple = 1;
  const auto result = replay(inputs, options);

  double costs = 0;
  bool sleeve = false, rotated = false;
  for (const auto& f : result.fills) {
    costs += f.cost;
    sleeve = sleeve || f.ticker == "SPY";
    rotated = rotated || f.action == "EXIT";
  }
  EXPECT_TRUE(sleeve) << "the idle capital is equitized in SPY";
  EXPECT_TRUE(rotated) << "the churning ranks made the book trade";
  EXPECT_GT(costs, 0);
  const double start = options.config.initial_cash;
  EXPECT_NEAR(result.nav.back(), start - costs, 1e-6);
  const auto metrics = compute_metrics(result);
  EXPECT_DOUBLE_EQ(metrics.spy.total_return, 0);
  EXPECT_NEAR(metrics.alpha, -costs / start, 1e-12);
  EXPECT_NEAR(metrics.costs, costs, 1e-9);
  EXPECT_GT(*metrics.exposure, 0.9);  // invested in stocks and the sleeve, not in cash
}

}  // namespace
}  // namespace ae::backtest
