#include "executor/planning/exits.h"

#include <gtest/gtest.h>

#include <utility>

namespace ae::executor {
namespace {

const core::Date kStart = core::parse_date("2026-01-05");

// `n` daily bars, closes from `closes` (or flat at 100), high/low +-1.
PriceHistory history(std::vector<double> closes) {
  PriceColumns h;
  for (std::size_t i = 0; i < closes.size(); ++i) {
    h.dates.push_back(core::add_days(kStart, static_cast<int>(i)));
    h.close.push_back(closes[i]);
    h.high.push_back(closes[i] + 1);
    h.low.push_back(closes[i] - 1);
  }
  return PriceHistory::own_columns(std::move(h));
}

struct Fixture {
  Portfolio portfolio;
  PriceHistories histories;
  TickerValues<double> prices;
  std::map<std::string, core::SignalAction> research_signals;
  std::map<std::string, std::string> sector_etf;
  ExitInput input{core::Date{}, &portfolio, &histories, &prices, &research_signals, &sector_etf};
  Fixture(double avg_cost, double price, std::vector<double> closes, int entry_offset = 0) {
    portfolio.nav = 1e6;
    portfolio.positions.push_back({"AAA", 100, avg_cost, 100 * price,
                                   core::add_days(kStart, entry_offset), "Technology", 60.0,
                                   std::nullopt});
    if (!closes.empty()) histories["AAA"] = history(closes);
    input.run_date = core::add_days(kStart, 40);
    prices.set("AAA", price);
    sector_etf["AAA"] = "XLK";
  }
};

TEST(Exits, AtrTrailingStopFiresBelowHighestHighMinusAtr) {
  Fixture f(100, 95, std::vector<double>(30, 100));  // ATR 2, highest high 101 -> stop 96
  const auto out = evaluate_strategy_exits(f.input, RiskConfig{});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].reason, "atr_trailing_stop");
  EXPECT_EQ(out[0].action, core::ExitAction::kExit);
}

TEST(Exits, SectorEtfVetoSuppressesTheStop) {
  std::vector<double> rising;
  for (int i = 0; i < 30; ++i) rising.push_back(100 + i);  // +~20% in 20 bars
  Fixture f(100, 110, rising);  // highest high 130, stop 130 - 2.5*ATR(~2) ~ 125 > 110
  f.histories["XLK"] = history(std::vector<double>(30, 50));  // flat sector
  EXPECT_TRUE(evaluate_strategy_exits(f.input, RiskConfig{}).empty() ||
              evaluate_strategy_exits(f.input, RiskConfig{})[0].reason != "atr_trailing_stop");
  f.histories["XLK"] = history(rising);  // sector did as well: no veto
  const auto out = evaluate_strategy_exits(f.input, RiskConfig{});
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].reason, "atr_trailing_stop");
}

TEST(Exits, FallbackStopWithoutHistory) {
  Fixture f(100, 89, {});
  const auto out = evaluate_strategy_exits(f.input, RiskConfig{});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].reason, "fallback_stop");
  Fixture g(100, 91, {});
  for (const auto& d : evaluate_strategy_exits(g.input, RiskConfig{}))
    EXPECT_NE(d.reason, "fallback_stop");
}

TEST(Exits, ProfitTakeReduces) {
  Fixture f(80, 100.5, std::vector<double>(30, 100));
  const auto out = evaluate_strategy_exits(f.input, RiskConfig{});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].reason, "profit_take");
  EXPECT_EQ(out[0].action, core::ExitAction::kReduce);
}

TEST(Exits, MomentumExitNeedsLowRsiToo) {
  std::vector<double> falling;
  for (int i = 0; i < 40; ++i) falling.push_back(200 - i * 2.5);  // -30% over 20 bars
  Fixture f(105, 102.5, falling, 39);  // entered yesterday: no ATR stop, fallback at 94.5
  const auto out = evaluate_strategy_exits(f.input, RiskConfig{});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].reason, "momentum_exit");
}

TEST(Exits, TimeDecayReducesThenExitsForHoldOrNoSignal) {
  Fixture f(100, 100.5, std::vector<double>(60, 100), 30);  // 8 weekdays before run date
  auto out = evaluate_strategy_exits(f.input, RiskConfig{});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].reason, "time_decay_reduce");
  f.portfolio.positions[0].entry_date = core::add_days(kStart, 10);  // ~22 weekdays
  out = evaluate_strategy_exits(f.input, RiskConfig{});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].reason, "time_decay_exit");
  f.research_signals["AAA"] = core::SignalAction::kEnter;  // not HOLD: no decay
  EXPECT_TRUE(evaluate_strategy_exits(f.input, RiskConfig{}).empty());
}

TEST(Exits, PositionsAlreadyExitingOrWithoutEntryDateAreSkipped) {
  Fixture f(100, 50, std::vector<double>(30, 100));
  f.research_signals["AAA"] = core::SignalAction::kExit;
  EXPECT_TRUE(evaluate_strategy_exits(f.input, RiskConfig{}).empty());
  f.research_signals.clear();
  f.portfolio.positions[0].entry_date.reset();
  EXPECT_TRUE(evaluate_strategy_exits(f.input, RiskConfig{}).empty());
}

TEST(Exits, WeekdaysHeld) {
  const auto friday = core::parse_date("2026-04-17");
  EXPECT_EQ(weekdays_held(friday, core::parse_date("2026-04-20")), 1);  // Monday
  EXPECT_EQ(weekdays_held(friday, core::parse_date("2026-04-24")), 5);
  EXPECT_EQ(weekdays_held(friday, friday), 0);
  EXPECT_EQ(weekdays_held(friday, core::parse_date("2026-04-10")), 0);  // before the entry
  // Every entry weekday and every span up to ten weeks, counted day by day.
  for (int start = 0; start < 7; ++start) {
    const auto entry = core::add_days(friday, start);
    int counted = 0;
    for (int span = 1; span <= 70; ++span) {
      const auto day = core::add_days(entry, span);
      const auto w = core::weekday_of(day);
      if (w != std::chrono::Saturday && w != std::chrono::Sunday) ++counted;
      EXPECT_EQ(weekdays_held(entry, day), counted) << core::format_date(entry) << " + " << span;
    }
  }
}

TEST(DrawdownForcedExits, LowestScoreThenSmallestValueFirst) {
  Portfolio p;
  p.positions = {{"HI", 10, 1, 500, std::nullopt, "", 90.0, std::nullopt},
                 {"LO_BIG", 10, 1, 900, std::nullopt, "", 40.0, std::nullopt},
                 {"LO_SMALL", 10, 1, 100, std::nullopt, "", 40.0, std::nullopt},
                 {"NOSCORE", 10, 1, 100, std::nullopt, "", std::nullopt, std::nullopt}};
  EXPECT_TRUE(drawdown_forced_exits(p, 1.0, {}).empty());
  auto one = drawdown_forced_exits(p, 0.5, {});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].ticker, "LO_SMALL");
  auto two = drawdown_forced_exits(p, 0.25, {"LO_SMALL"});
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].ticker, "LO_BIG");
  EXPECT_EQ(two[1].ticker, "NOSCORE");  // score 50
}

}  // namespace
}  // namespace ae::executor
