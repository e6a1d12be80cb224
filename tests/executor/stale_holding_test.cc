// A held stock whose bars stopped (a gap, a delisting): under the benchmark
// profile the plan is made, the stock valued at its last close and left
// untouched; under held_data_gate (the reference profile) the plan stops.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "executor/errors.h"
#include "executor/planning/plan_input.h"
#include "executor/planning/planner.h"
#include "executor/risk_parameters.h"
#include "flat_history.h"

namespace ae::executor {
namespace {

const core::Date kDay = core::parse_date("2026-04-20");
const core::Date kAsOf = core::add_days(kDay, -1);

// Daily bars ending `days_before_as_of` days before the as-of date.
PriceHistory bars(int count, double price, int days_before_as_of = 0) {
  return testing::flat_history(core::add_days(kAsOf, -days_before_as_of), count, price);
}

core::Prediction prediction(const std::string& ticker, double alpha) {
  core::Prediction p;
  p.ticker = ticker;
  p.predicted_alpha = alpha;
  p.prediction_confidence = 0.5;
  p.predicted_direction = alpha > 0 ? core::Direction::kUp : core::Direction::kDown;
  return p;
}

struct StaleHolding : ::testing::Test {
  core::Signals signals;
  std::vector<core::Prediction> predictions{prediction("GONE", 0.05), prediction("LIVE", 0.03)};
  PriceHistories histories;
  PlanSources sources;

  StaleHolding() {
    signals.date = kAsOf;
    histories["SPY"] = bars(40, 400);
    histories["LIVE"] = bars(40, 50);
    histories["GONE"] = bars(40, 20, 6);  // its last close is 6 days old
    sources.date = kDay;
    sources.as_of = kAsOf;
    sources.signals = &signals;
    sources.predictions = &predictions;
    sources.positions = {{"GONE", 1000, 25, core::add_days(kAsOf, -60)}};
    sources.cash = 80000;
    sources.candidates_from_predictions = true;
  }
};

TEST_F(StaleHolding, StopsThePlanUnderTheHeldDataGate) {
  sources.held_data_gate = true;
  EXPECT_THROW(assemble_plan_input(sources, histories), PipelineHardFail);
}

TEST_F(StaleHolding, IsValuedAtItsLastCloseAndNeverTraded) {
  sources.held_data_gate = false;
  const auto in = assemble_plan_input(sources, histories);
  ASSERT_EQ(in.portfolio.positions.size(), 1u);
  const auto& gone = in.portfolio.positions.front();
  EXPECT_EQ(gone.stale_since, core::add_days(kAsOf, -6));
  EXPECT_DOUBLE_EQ(gone.market_value, 20000);
  EXPECT_DOUBLE_EQ(in.portfolio.nav, 100000);

  auto config = RiskConfig{};  // the benchmark-relative default
  config.held_data_gate = false;
  const auto plan = plan_day(in, config);
  for (const auto& exit : plan.book.urgent_exits) EXPECT_NE(exit.ticker, "GONE");
  std::map<std::string, double> bought;  // ticker -> share of NAV
  for (const auto& entry : plan.book.approved_entries) bought[entry.ticker] = entry.position_pct;
  EXPECT_FALSE(bought.count("GONE"));
  ASSERT_TRUE(bought.count("LIVE"));
  ASSERT_TRUE(bought.count("SPY"));
  // The stale 20% counts as stock: SPY fills the equity target around it.
  EXPECT_NEAR(bought["SPY"], config.target_equity_pct - 0.2 - bought["LIVE"], 1e-4);
}

TEST_F(StaleHolding, WithoutAnyBarIsValuedAtItsAverageCost) {
  sources.held_data_gate = false;
  histories.erase("GONE");
  const auto in = assemble_plan_input(sources, histories);
  EXPECT_DOUBLE_EQ(in.portfolio.positions.front().market_value, 25000);
  EXPECT_EQ(in.portfolio.positions.front().stale_since, kAsOf);
}

}  // namespace
}  // namespace ae::executor
