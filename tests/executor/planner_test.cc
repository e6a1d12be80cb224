#include "executor/planning/planner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <utility>

#include "executor/risk_parameters.h"
#include "flat_history.h"

namespace ae::executor {
namespace {

const core::Date kDay = core::parse_date("2026-04-20");

core::SignalEntry signal(std::string ticker, core::SignalAction action, double score = 80) {
  core::SignalEntry e;
  e.ticker = std::move(ticker);
  e.signal = action;
  e.score = score;
  e.sector = "Technology";
  return e;
}

// `bars` daily bars at `price` up to the day before kDay (flat_history.h);
// with `falling_from`, closes falling by 1 a day from it instead.
PriceHistory flat(int bars, double price = 100, std::optional<double> falling_from = {}) {
  auto h = testing::flat_columns(core::add_days(kDay, -1), bars, price);
  if (falling_from)
    for (int i = 0; i < bars; ++i) h.close[static_cast<std::size_t>(i)] = *falling_from - i;
  return PriceHistory::own_columns(std::move(h));
}

core::Prediction prediction(std::string ticker, bool veto = false) {
  core::Prediction p;
  p.ticker = std::move(ticker);
  p.prediction_confidence = 0.5;
  p.predicted_alpha = veto ? -0.0123 : 0.01;
  p.combined_rank = veto ? 40 : 1;
  p.gbm_veto = veto;
  return p;
}

struct Fixture {
  core::Signals signals;
  PriceHistories histories;
  PredictionsByTicker predictions;
  PlanInput in;
  RiskConfig config = profile_risk_config("reference");  // the signal-entry construction

  Fixture() {
    signals.date = kDay;
    in.run_date = kDay;
    in.signals = &signals;
    in.histories = &histories;
    in.portfolio.nav = 1e6;
    in.portfolio.cash = 1e6;
    in.peak_nav = 1e6;
  }
  void enter(const std::string& ticker, double score = 80, bool veto = false, bool priced = true) {
    signals.buy_candidates.push_back(signal(ticker, core::SignalAction::kEnter, score));
    histories[ticker] = flat(70);
    if (priced) in.prices.set(ticker, 100);
    in.atr_pct.set(ticker, 0.02);
    in.vwap.set(ticker, 101);
    in.sector_of.set(ticker, "Technology");
    predictions[ticker] = prediction(ticker, veto);
  }
  void hold(const std::string& ticker, int shares, std::string sector = "Energy") {
    in.portfolio.positions.push_back(
        {ticker, shares, 100, shares * 100.0, kDay, std::move(sector), 60.0, std::nullopt});
    histories[ticker] = flat(70);
    in.prices.set(ticker, 100);
    in.atr_pct.set(ticker, 0.02);
  }
  Plan plan() {
    in.predictions = std::make_shared<const PredictionsByTicker>(predictions);
    return plan_day(in, config);
  }
};

std::string reason_for(const Plan& plan, const std::string& ticker) {
  for (const auto& b : plan.blocked)
    if (b.ticker == ticker) return b.block_reason;
  return "";
}

TEST(Planner, ApprovesAnEntryWithTriggersAndSizingFactors) {
  Fixture f;
  f.enter("AAA");
  const auto plan = f.plan();
  ASSERT_EQ(plan.book.approved_entries.size(), 1u);
  const auto& e = plan.book.approved_entries[0];
  EXPECT_EQ(e.ticker, "AAA");
  EXPECT_EQ(e.shares, 500);  // 1/1 capped at 5% of 1e6 at $100
  EXPECT_DOUBLE_EQ(e.atr_pct, 0.02);
  EXPECT_DOUBLE_EQ(*e.atr_value, 2.0);
  EXPECT_DOUBLE_EQ(e.triggers["pullback_pct"].get<double>(), 0.02);
  EXPECT_DOUBLE_EQ(e.triggers["vwap"].get<double>(), 101);
  EXPECT_DOUBLE_EQ(e.triggers["support_level"].get<double>(), 99);
  EXPECT_DOUBLE_EQ(e.sizing_factors.confidence_adj, 0.70 + 0.60 * 0.5);
  EXPECT_TRUE(plan.blocked.empty());
}

TEST(Planner, AlreadyHeldIsCheckedFirst) {
  Fixture f;
  f.enter("AAA", 10, /*veto=*/true);
  f.hold("AAA", 10, "Technology");
  EXPECT_EQ(reason_for(f.plan(), "AAA"), "already in portfolio");
}

TEST(Planner, MomentumGateComesBeforePriceAndSizing) {
  Fixture f;
  f.enter("AAA", 80, false, /*priced=*/false);
  f.histories["AAA"] = flat(70, 100, /*falling_from=*/200);
  EXPECT_NE(reason_for(f.plan(), "AAA").find("momentum"), std::string::npos);
}

TEST(Planner, MissingPriceBlocks) {
  Fixture f;
  f.enter("AAA", 80, false, /*priced=*/false);
  EXPECT_EQ(reason_for(f.plan(), "AAA"), "no current price");
}

TEST(Planner, NanOrNonPositivePriceBlocks) {
  for (const double bad : {std::nan(""), 0.0, -5.0}) {
    Fixture f;
    f.enter("AAA");
    f.in.prices.set("AAA", bad);
    const auto plan = f.plan();
    EXPECT_EQ(reason_for(plan, "AAA"), "no current price") << bad;
    EXPECT_TRUE(plan.book.approved_entries.empty()) << bad;
  }
}

TEST(Planner, ZeroSharesComesBeforeTheGbmVeto) {
  Fixture f;
  f.enter("AAA", 80, /*veto=*/true);
  f.in.portfolio.nav = 5'000;  // 5% = $250 < $500
  EXPECT_EQ(reason_for(f.plan(), "AAA"), "shares round to 0");
}

TEST(Planner, GbmVetoComesAfterSizingAndBeforeTheRiskGuard) {
  Fixture f;
  f.enter("AAA", /*score=*/5, /*veto=*/true);  // the risk guard would block on score too
  const auto plan = f.plan();
  EXPECT_EQ(reason_for(plan, "AAA"), "GBM veto: α=-1.23%, rank=40");
  ASSERT_EQ(plan.blocked.size(), 1u);
  EXPECT_EQ(plan.blocked[0].intended_shares, 500);
}

TEST(Planner, RiskGuardIsLast) {
  Fixture f;
  f.enter("AAA", /*score=*/5);
  EXPECT_NE(reason_for(f.plan(), "AAA").find("score"), std::string::npos);
}

TEST(Planner, ApprovedEntriesCountTowardsSectorExposure) {
  Fixture f;
  for (const auto* t : {"A1", "A2", "A3", "A4", "A5", "A6"}) f.enter(t);
  f.config.max_sector_pct = 0.12;  // each entry is 1/6 capped at 5%: two fit, the third not
  const auto plan = f.plan();
  EXPECT_EQ(plan.book.approved_entries.size(), 2u);
  EXPECT_NE(reason_for(plan, "A3").find("sector"), std::string::npos);
}

TEST(Planner, BuyCandidatesWinOverUniverseAndTickersAreUpperCased) {
  Fixture f;
  f.enter("AAA");
  f.signals.buy_candidates[0].ticker = "aaa";
  f.signals.universe.push_back(signal("AAA", core::SignalAction::kHold));
  const auto index = index_signals(f.signals);
  ASSERT_EQ(index.actionable.size(), 1u);
  EXPECT_EQ(index.actionable[0].ticker, "AAA");
  EXPECT_EQ(index.actionable[0].entry->signal, core::SignalAction::kEnter);
  ASSERT_EQ(index.enter.size(), 1u);
  EXPECT_EQ(index.enter[0].ticker, "AAA");
  EXPECT_EQ(index.research,
            (std::map<std::string, core::SignalAction>{{"AAA", core::SignalAction::kEnter}}));
}

TEST(Planner, ExitsReducesStopsAndCovers) {
  Fixture f;
  f.hold("GONE", 100);
  f.hold("HALF", 101);
  f.hold("KEEP", 40);
  f.hold("SHORT", -30);
  f.signals.universe = {signal("GONE", core::SignalAction::kExit),
                        signal("HALF", core::SignalAction::kReduce),
                        signal("KEEP", core::SignalAction::kHold)};
  const auto plan = f.plan();
  ASSERT_EQ(plan.book.urgent_exits.size(), 3u);
  EXPECT_EQ(plan.book.urgent_exits[0].ticker, "GONE");
  EXPECT_EQ(plan.book.urgent_exits[0].shares, 100);
  EXPECT_EQ(plan.book.urgent_exits[1].ticker, "HALF");
  EXPECT_EQ(plan.book.urgent_exits[1].signal, core::ExitAction::kReduce);
  EXPECT_EQ(plan.book.urgent_exits[1].shares, 50);
  EXPECT_EQ(plan.book.urgent_exits[2].signal, core::ExitAction::kCover);
  EXPECT_EQ(plan.book.urgent_exits[2].shares, 30);
  ASSERT_EQ(plan.book.active_stops.size(), 2u);  // HALF and KEEP (not GONE, not the short)
  EXPECT_EQ(plan.book.active_stops[1].ticker, "KEEP");
  EXPECT_DOUBLE_EQ(plan.book.active_stops[1].current_stop, 96);  // 100 - 2 x 2%
}

TEST(Planner, DrawdownHaltsEntriesAndForcesExits) {
  Fixture f;
  f.enter("AAA");
  f.hold("LOW", 10);
  f.in.peak_nav = 1.1e6;  // -9%
  const auto plan = f.plan();
  EXPECT_DOUBLE_EQ(plan.dd_multiplier, 0);
  EXPECT_TRUE(plan.book.approved_entries.empty());
  ASSERT_EQ(plan.book.urgent_exits.size(), 1u);
  EXPECT_EQ(plan.book.urgent_exits[0].reason, "drawdown_forced_exit");
}

TEST(Planner, SamePlanTwiceIsIdentical) {
  Fixture f;
  f.enter("AAA");
  f.enter("BBB");
  f.hold("KEEP", 40);
  EXPECT_EQ(f.plan().book, f.plan().book);
}

}  // namespace
}  // namespace ae::executor
