// kill -9 of the trading process between send and fill: `ae trade --broker
// fix` against a child `ae exchange` whose fills wait 3 s (--latency-ms) is
// killed (SIGKILL) as soon as the venue acknowledged its first order; `ae
// trade` again logs on (the venue resends the fill it could not deliver, the
// open order's status is asked for) and finishes the day; `ae eod` reconciles
// the ledger against the broker. Exactly one order of each id reached the
// exchange, none was refused as a duplicate, the killed order's fill is in the
// ledger once, and the day's ledger is the paper broker's on the same home.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "core/error.h"
#include "core/home.h"
#include "core/sqlite.h"
#include "exchange/trading_home.h"
#include "support/exchange_process.h"
#include "support/test_support.h"

namespace ae::exchange::testing {
namespace {

pid_t start_trade(const std::filesystem::path& home) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setenv("AE_HOME", home.c_str(), 1);
    ::execl(AE_BINARY, AE_BINARY, "--log-level", "warn", "trade", "--clock", "virtual", "--date",
            kDay, "--broker", "fix", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// The first order the venue acknowledged while none has a fill yet, polled in
// the FIX broker's book; "" when the process ended first or after 60 s.
std::string first_acknowledged_order(const std::filesystem::path& book, pid_t trader) {
  for (int i = 0; i < 12'000; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    int status = 0;
    if (::waitpid(trader, &status, WNOHANG) == trader) return "";
    if (!std::filesystem::exists(book)) continue;
    try {
      core::Database db(book);
      auto acknowledged = db.prepare(
          "SELECT e.client_order_id FROM executions e JOIN orders o "
          "ON o.client_order_id = e.client_order_id WHERE e.exec_type = 'new' AND o.filled = 0");
      if (acknowledged.step()) return acknowledged.column_text(0);
    } catch (const core::Error&) {
      // the book is being created
    }
  }
  return "";
}

int count(core::Database& db, const std::string& sql, const std::string& id) {
  auto s = db.prepare(sql);
  s.bind(1, id);
  s.step();
  return static_cast<int>(s.column_int(0));
}

TEST(FixCrash, KilledBetweenSendAndFillTheRestartedDayTradesEachOrderOnce) {
  TradingHome paper;
  for (const auto* command : {"plan", "trade", "eod"}) {
    const auto run = test::run_ae(std::string("--log-level warn ") + command +
                                      " --clock virtual --date " + kDay + " --broker paper",
                                  paper.path());
    ASSERT_EQ(run.exit_code, 0) << command << ": " << run.err;
  }
  const auto expected = ledger_snapshot(paper.path());
  ASSERT_GT(expected.trades, 0);

  TradingHome home;
  const int port = test::free_port();
  test::write_fix_settings(home.path(), port);
  test::ExchangeProcess exchange(home.path(), port, {"--latency-ms", "3000"});
  auto run = test::run_ae(
      std::string("--log-level warn plan --clock virtual --date ") + kDay + " --broker fix",
      home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;

  const auto book = home.path() / "state" / "executor" / "fix" / "orders.db";
  const pid_t trader = start_trade(home.path());
  const auto killed = first_acknowledged_order(book, trader);
  ASSERT_FALSE(killed.empty()) << "no order was acknowledged before the trading process ended";
  ::kill(trader, SIGKILL);
  int status = 0;
  ::waitpid(trader, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  {
    core::Database db(book);
    EXPECT_EQ(
        count(db, "SELECT COUNT(*) FROM orders WHERE client_order_id = ? AND leaves > 0", killed),
        1)
        << killed << " was not working when the process died";
  }

  run = test::run_ae(
      std::string("--log-level warn trade --clock virtual --date ") + kDay + " --broker fix",
      home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  run = test::run_ae(
      std::string("--log-level warn eod --clock virtual --date ") + kDay + " --broker fix",
      home.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;  // ledger and broker reconcile
  const auto counts = exchange.stop();

  core::Database db(book);
  EXPECT_EQ(
      count(db, "SELECT COUNT(*) FROM orders WHERE client_order_id = ? AND filled > 0", killed), 1);
  core::Database ledger(core::Home(home.path()).ledger());
  EXPECT_EQ(count(ledger, "SELECT COUNT(*) FROM trades WHERE trade_id = ?", killed), 1);
  const auto actual = ledger_snapshot(home.path());
  EXPECT_EQ(counts.orders_received, actual.trades);  // one per order, the killed one too
  EXPECT_EQ(counts.duplicates_refused, 0);
  EXPECT_EQ(actual.positions.size(), expected.positions.size());
  EXPECT_EQ(actual.cash, expected.cash);
  EXPECT_EQ(actual.trades, expected.trades);
  EXPECT_EQ(actual.sources, std::set<std::string>{"fix"});
}

}  // namespace
}  // namespace ae::exchange::testing
