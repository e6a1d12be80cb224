// End to end over the simulated market: plan -> trade -> eod, the coverage
// guard and gates as the planner applies them, idempotency of every step.
#include <gtest/gtest.h>

#include "core/atomic_file.h"
#include "core/contracts/contract.h"
#include "core/contracts/health.h"
#include "executor/errors.h"
#include "executor_fixture.h"

namespace ae::executor::testing {
namespace {

core::HealthRecord health(const core::ArtifactStore& store, const std::string& module) {
  return core::read_contract(store, core::Contract::kHealth, core::health_key(module))
      .get<core::HealthRecord>();
}

TEST(Pipeline, FixtureHasTradableCandidates) {
  World w;
  ASSERT_EQ(w.candidates.size(), 3u);
}

TEST(Pipeline, PlanWritesTheOrderBookHealthAndMetric) {
  Ready w;
  const auto run = w.plan(trading_day());
  EXPECT_EQ(run.book.approved_entries.size(), 3u);
  EXPECT_TRUE(w.order_books.has_book(trading_day()));
  EXPECT_EQ(health(w.store, "executor").status, core::HealthStatus::kOk);
  // The coverage metric (0 missing), then the planner's heartbeat.
  const auto metrics = w.metrics.data();
  ASSERT_EQ(metrics.size(), 2u);
  EXPECT_EQ(metrics[0].name, "unscored_buy_candidates_count");
  EXPECT_EQ(metrics[0].value, 0);
  EXPECT_EQ(metrics[1].name, "Heartbeat");
  EXPECT_EQ(metrics[1].dimensions.at("Process"), "executor-morning");
  EXPECT_TRUE(w.store.exists("order_books/2025-06-04/summary.json"));
}

TEST(Pipeline, PlanningTwiceGivesTheSameBook) {
  Ready w;
  w.plan(trading_day());
  const auto first = core::read_file(w.order_books.path());
  w.plan(trading_day());
  EXPECT_EQ(core::read_file(w.order_books.path()), first);
}

TEST(Pipeline, CoverageGapRefusesToPlan) {
  World w;
  w.write_inputs(trading_day(), {w.candidates[1]});
  w.write_upstream_health(ny(trading_day(), 7, 0));
  try {
    w.plan(trading_day());
    FAIL() << "expected UnscoredBuyCandidatesError";
  } catch (const UnscoredBuyCandidatesError& e) {
    EXPECT_EQ(e.missing(), std::vector<std::string>{w.candidates[1]});
  }
  EXPECT_FALSE(w.order_books.exists());
  const auto h = health(w.store, "executor");
  EXPECT_EQ(h.status, core::HealthStatus::kFailed);
  ASSERT_TRUE(h.error);
  EXPECT_NE(h.error->find(w.candidates[1]), std::string::npos);
  ASSERT_EQ(w.metrics.data().size(), 1u);
  EXPECT_EQ(w.metrics.data()[0].value, 1);
}

TEST(Pipeline, StaleUpstreamHealthIsAHardFailAndWritesNoBook) {
  World w;
  w.write_inputs(trading_day());
  w.write_upstream_health(ny(trading_day(), 7, 0) - std::chrono::hours(30));
  try {
    w.plan(trading_day());
    FAIL();
  } catch (const PipelineHardFail& e) {
    EXPECT_NE(std::string(e.what()).find("predictor_inference"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(w.order_books.exists());
}

TEST(Pipeline, UnknownTickerFailsTheAtrGate) {
  World w;
  w.candidates.push_back("NOPE");
  w.write_inputs(trading_day());
  w.write_upstream_health(ny(trading_day(), 7, 0));
  try {
    w.plan(trading_day());
    FAIL();
  } catch (const PipelineHardFail& e) {
    EXPECT_NE(std::string(e.what()).find("ATR gate"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("NOPE"), std::string::npos);
  }
  EXPECT_FALSE(w.order_books.exists());
}

TEST(Pipeline, MissingSignalsIsAHardFail) {
  World w;
  w.write_upstream_health(ny(trading_day(), 7, 0));
  EXPECT_THROW(w.plan(trading_day()), PipelineHardFail);
}

TEST(Pipeline, DaemonExecutesTheBookAndTheLedgerEqualsTheBroker) {
  Ready w;
  w.plan(trading_day());
  const auto day = w.trade(trading_day());
  EXPECT_TRUE(day.had_order_book);
  EXPECT_EQ(day.minutes, 390);
  EXPECT_EQ(day.entries, 3);  // time_expiry at 15:55 at the latest
  const auto book = w.order_books.load(trading_day());
  EXPECT_TRUE(book.approved_entries.empty());
  int entered = 0;
  for (const auto& record : book.executed_today) entered += record["action"] == "ENTER";
  EXPECT_EQ(entered, 3);
  expect_ledger_equals_broker(w);
  EXPECT_EQ(health(w.store, "executor_daemon").status, core::HealthStatus::kOk);
}

TEST(Pipeline, RunningTheDaemonTwiceTradesOnce) {
  Ready w;
  w.plan(trading_day());
  w.trade(trading_day());
  const auto trades = w.ledger.trades().size();
  const auto again = w.trade(trading_day());
  EXPECT_EQ(again.entries, 0);
  EXPECT_EQ(w.ledger.trades().size(), trades);
  expect_ledger_equals_broker(w);
}

TEST(Pipeline, ReplanningAfterTradingDoesNotReAddExecutedEntries) {
  Ready w;
  w.plan(trading_day());
  w.trade(trading_day());
  w.plan(trading_day());
  EXPECT_TRUE(w.order_books.load(trading_day()).approved_entries.empty());
}

TEST(Pipeline, KilledMidDayAndRestartedMatchesAnUninterruptedDay) {
  Ready whole;
  whole.plan(trading_day());
  whole.trade(trading_day());

  Ready crashed;
  crashed.plan(trading_day());
  const auto kill = ny(trading_day(), 12, 0);
  crashed.trade(trading_day(), kill);
  crashed.trade(trading_day(), std::nullopt, kill);

  const auto a = whole.ledger.trades(), b = crashed.ledger.trades();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].trade_id, b[i].trade_id);
    EXPECT_EQ(a[i].shares, b[i].shares);
    EXPECT_DOUBLE_EQ(a[i].fill_price, b[i].fill_price);
  }
  expect_ledger_equals_broker(crashed);
}

TEST(Pipeline, DaemonWithoutABookGivesUpAtTheClose) {
  World w;
  const auto day = w.trade(trading_day());
  EXPECT_FALSE(day.had_order_book);
  EXPECT_EQ(health(w.store, "executor_daemon").status, core::HealthStatus::kDegraded);
}

TEST(Pipeline, EodRecordsNavAndReRunsToTheSameRow) {
  Ready w;
  w.plan(trading_day());
  w.trade(trading_day());
  const auto first = w.eod(trading_day());
  EXPECT_GT(first.row.portfolio_nav, 0);
  EXPECT_NEAR(first.cash_difference, 0, 1e-6);
  const auto csv = w.store.get("trades/eod_pnl.csv");
  const auto trades_csv_text = w.store.get("trades/trades_full.csv");
  w.eod(trading_day());
  EXPECT_EQ(w.store.get("trades/eod_pnl.csv"), csv);
  EXPECT_EQ(w.store.get("trades/trades_full.csv"), trades_csv_text);
  EXPECT_EQ(w.ledger.eod_rows().size(), 1u);
  EXPECT_EQ(health(w.store, "eod_reconcile").status, core::HealthStatus::kOk);
  // Each successful reconcile is a heartbeat for the executor-eod alarm.
  int eod_beats = 0;
  for (const auto& m : w.metrics.data())
    if (m.name == "Heartbeat" && m.dimensions.at("Process") == "executor-eod") ++eod_beats;
  EXPECT_EQ(eod_beats, 2);
}

TEST(Pipeline, EodNextDayComputesReturnAndAlphaAndPeakNav) {
  Ready w;
  w.plan(trading_day());
  w.trade(trading_day());
  w.eod(trading_day());
  const core::NyseCalendar calendar;
  const auto next = calendar.next_trading_day(trading_day());
  const auto r = w.eod(next);
  ASSERT_TRUE(r.row.daily_return_pct);
  ASSERT_TRUE(r.row.daily_alpha_pct);
  EXPECT_NEAR(*r.row.daily_alpha_pct, *r.row.daily_return_pct - *r.row.spy_return_pct, 1e-9);
  EXPECT_DOUBLE_EQ(*w.ledger.peak_nav(),
                   std::max(w.ledger.eod_rows()[0].portfolio_nav, r.row.portfolio_nav));
  // The drawdown's window: only the rows on or after `since` count.
  EXPECT_DOUBLE_EQ(*w.ledger.peak_nav(next), r.row.portfolio_nav);
  EXPECT_FALSE(w.ledger.peak_nav(calendar.next_trading_day(next)));
}

TEST(Pipeline, EodRefusesABrokerThatDisagreesWithTheLedger) {
  Ready w;
  w.plan(trading_day());
  w.trade(trading_day());
  {
    core::Database db(w.home.path() / "state" / "paper_broker.db");
    db.execute("UPDATE account SET cash = cash + 5000");
  }
  try {
    w.eod(trading_day());
    FAIL();
  } catch (const PipelineHardFail& e) {
    EXPECT_NE(std::string(e.what()).find("unexplained cash"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(w.ledger.eod_rows().empty());
  EXPECT_EQ(health(w.store, "eod_reconcile").status, core::HealthStatus::kFailed);
}

TEST(Pipeline, EodRefusesNegativeCash) {
  Ready w;
  {
    core::VirtualClock clock(ny(trading_day(), 8, 0));
    w.broker(clock);  // creates the account
  }
  core::Database db(w.home.path() / "state" / "paper_broker.db");
  db.execute("UPDATE account SET cash = -1");
  EXPECT_THROW(w.eod(trading_day()), PipelineHardFail);
  EXPECT_TRUE(w.ledger.eod_rows().empty());
}

}  // namespace
}  // namespace ae::executor::testing
