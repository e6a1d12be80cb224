// Corporate actions in the live executor (ledger/corporate_action_booking.h):
// a holding whose bars stop as it leaves the universe, or that a merger in
// corporate_actions.csv takes over, is settled on the broker and in the
// ledger by EOD or by the next morning's planner - under the reference
// profile's held data gate, which used to stop every plan after it - once,
// however often they run.
#include "executor/ledger/corporate_action_booking.h"

#include <gtest/gtest.h>

#include <fstream>

#include "executor_fixture.h"

namespace ae::executor::testing {
namespace {

// The world after one traded day, and a copy of its market to rewrite: the
// days after trading_day() are what the tests make them.
struct AfterOneDay : ::testing::Test, Ready {
  core::Date day1 = trading_day();
  core::Date day2 = calendar.next_trading_day(day1);
  core::Date day3 = calendar.next_trading_day(day2);
  test::TempDir copy;
  std::unique_ptr<market::BarStore> bars;
  std::string gone;  // a held ticker
  int shares = 0;

  AfterOneDay() {
    plan(day1);
    trade(day1);
    eod(day1);
    std::filesystem::copy(shared_market().root(), copy.path(),
                          std::filesystem::copy_options::recursive);
    bars = std::make_unique<market::BarStore>(copy.path());
    const auto positions = ledger.positions();
    EXPECT_FALSE(positions.empty());
    gone = positions.begin()->first;
    shares = positions.begin()->second.shares;
  }

  // `gone`'s bars end on day1 and it leaves the universe on day2.
  void delist_in_the_data() {
    auto series = bars->read(gone).to_series();
    series.resize(
        static_cast<std::size_t>(bars->calendar().index_of(day1) - series.start_index + 1));
    bars->write(gone, series);
    auto universe = bars->read_universe();
    for (auto& c : universe.constituents)
      if (c.ticker == gone)
        for (auto& m : c.memberships)
          if (!m.removed) m.removed = day2;
    bars->write_universe(universe);
  }

  double close_on(const std::string& ticker, core::Date date) {
    return bars->read(ticker).value_on(market::Field::kClose, date);
  }

  EodResult eod_on_copy(core::Date date) {
    core::VirtualClock clock(ny(date, 16, 30));
    auto paper = broker(clock);
    return run_eod(date, {store, *bars, *paper, ledger, clock, &metrics, config.held_data_gate});
  }

  PlannerRun plan_on_copy(core::Date date) {
    std::erase(candidates, gone);  // research signals no ticker that stopped trading
    write_inputs(date);
    write_upstream_health(ny(date, 7, 0));
    core::VirtualClock clock(ny(date, 8, 0));
    auto paper = broker(clock);
    return run_morning_planner(date,
                               {store, *bars, *paper, ledger, order_books, clock, metrics, config});
  }

  int trades_of(const std::string& id) {
    int n = 0;
    for (const auto& t : ledger.trades()) n += t.trade_id == id;
    return n;
  }
};

TEST_F(AfterOneDay, EodCashesOutAHoldingThatStoppedTradingAsItLeftTheUniverse) {
  ASSERT_TRUE(config.held_data_gate);
  delist_in_the_data();
  const double last_close = close_on(gone, day1);
  core::VirtualClock before_clock(ny(day2, 16, 0));
  const double cash_before = broker(before_clock)->cash();

  eod_on_copy(day2);  // no close on day2 for `gone`: no longer a hard fail
  const auto id = client_order_id(day2, gone, "DELISTED");
  ASSERT_EQ(trades_of(id), 1);
  for (const auto& t : ledger.trades())
    if (t.trade_id == id) {
      EXPECT_EQ(t.action, "EXIT");
      EXPECT_EQ(t.shares, shares);
      EXPECT_DOUBLE_EQ(t.fill_price, last_close);
      EXPECT_EQ(t.exit_reason.value_or("").rfind("delisted", 0), 0u);
      EXPECT_TRUE(t.realized_pnl);
    }
  core::VirtualClock clock(ny(day2, 16, 45));
  const auto paper = broker(clock);
  for (const auto& p : paper->positions()) EXPECT_NE(p.ticker, gone);
  EXPECT_NEAR(paper->cash(), cash_before + shares * last_close, 1e-6);
  ASSERT_TRUE(paper->order_status(id));
  EXPECT_EQ(paper->order_status(id)->status, core::OrderStatus::kFilled);

  eod_on_copy(day2);  // a re-run books nothing twice
  EXPECT_EQ(trades_of(id), 1);
  EXPECT_NO_THROW(plan_on_copy(day3));
  expect_ledger_equals_broker(*this);
}

TEST_F(AfterOneDay, TheNextMorningsPlannerSettlesItWhenEodDidNot) {
  delist_in_the_data();
  EXPECT_NO_THROW(plan_on_copy(day3));  // as_of day2: `gone` has no close, the gate holds
  EXPECT_EQ(trades_of(client_order_id(day2, gone, "DELISTED")), 1);
  expect_ledger_equals_broker(*this);
}

TEST_F(AfterOneDay, AStockMergerFromTheFileBuysTheAcquirerAndPaysCashInLieu) {
  std::string acquirer;
  for (const auto& t : tradable_tickers(10))
    if (t != gone && !ledger.positions().count(t)) acquirer = t;
  ASSERT_FALSE(acquirer.empty());
  std::ofstream(copy.path() / "corporate_actions.csv")
      << "date,ticker,action,cash,acquirer,ratio\n"
      << core::format_date(day2) << "," << gone << ",stock_merger,1.50," << acquirer << ",0.3\n";
  const double acquirer_close = close_on(acquirer, day1);
  core::VirtualClock before_clock(ny(day2, 16, 0));
  const double cash_before = broker(before_clock)->cash();

  eod_on_copy(day2);
  const int acquired = static_cast<int>(shares * 0.3);
  core::VirtualClock clock(ny(day2, 16, 45));
  const auto paper = broker(clock);
  int held_acquirer = 0;
  for (const auto& p : paper->positions()) {
    EXPECT_NE(p.ticker, gone);
    if (p.ticker == acquirer) held_acquirer = p.shares;
  }
  EXPECT_EQ(held_acquirer, acquired);
  EXPECT_NEAR(paper->cash(),
              cash_before + shares * 1.50 + (shares * 0.3 - acquired) * acquirer_close, 1e-6);
  EXPECT_EQ(trades_of(client_order_id(day2, gone, "STOCK_MERGER")), 1);
  EXPECT_EQ(trades_of(client_order_id(day2, acquirer, "MERGER_FROM_" + gone)), 1);
  eod_on_copy(day2);
  EXPECT_EQ(trades_of(client_order_id(day2, gone, "STOCK_MERGER")), 1);
  expect_ledger_equals_broker(*this);
}

}  // namespace
}  // namespace ae::executor::testing
