// The executor's day through the real `ae` binary over a real FIX session:
// `ae plan`, `ae trade` and `ae eod` with the FIX broker against a child
// `ae exchange` on loopback (QuickFIX on both ends) leave the same ledger as
// the paper broker on the same home and date (each trade recorded with its
// broker as source); each way of choosing the broker
// (--broker, config/executor.yaml, AE_BROKER) reaches the executor. A logon
// that fails is an error, a metric and an alarm.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "exchange/trading_home.h"
#include "support/exchange_process.h"
#include "support/test_support.h"

namespace ae::exchange::testing {
namespace {

std::string day_command(const std::string& command, const std::string& options = "") {
  return "--log-level warn " + command + " --clock virtual --date " + kDay + options;
}

TEST(FixDay, PlanTradeEodOverFixLeaveTheLedgerOfThePaperBroker) {
  TradingHome paper;
  TradingHome fix;

  for (const auto* command : {"plan", "trade", "eod"}) {
    const auto run = test::run_ae(day_command(command, " --broker paper"), paper.path());
    ASSERT_EQ(run.exit_code, 0) << command << ": " << run.err;
  }
  const auto expected = ledger_snapshot(paper.path());
  ASSERT_GT(expected.trades, 0) << "the paper day traded nothing";

  const int port = test::free_port();
  test::write_fix_settings(fix.path(), port);
  test::ExchangeProcess exchange(fix.path(), port);
  // The morning plan: the command line's --broker.
  auto run = test::run_ae(day_command("plan", " --broker fix"), fix.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The intraday daemon: the home's config/executor.yaml.
  std::ofstream(fix.path() / "config" / "executor.yaml") << "broker: fix\n";
  run = test::run_ae(day_command("trade"), fix.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::filesystem::remove(fix.path() / "config" / "executor.yaml");
  // End of day: AE_BROKER.
  ::setenv("AE_BROKER", "fix", 1);
  run = test::run_ae(day_command("eod"), fix.path());
  ::unsetenv("AE_BROKER");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto counts = exchange.stop();

  const auto actual = ledger_snapshot(fix.path());
  expect_same_ledger(actual, expected);
  EXPECT_EQ(expected.sources, std::set<std::string>{"paper"});
  EXPECT_EQ(actual.sources, std::set<std::string>{"fix"});
  EXPECT_FALSE(std::filesystem::exists(fix.path() / "state" / "executor" / "paper_broker.db"))
      << "a step of the FIX day opened the paper broker";
  EXPECT_EQ(counts.orders_received, expected.trades);
  EXPECT_EQ(counts.duplicates_refused, 0);
}

TEST(FixDay, UnknownBrokerSettingIsAnErrorNamingWhereItCameFrom) {
  test::TempDir home;
  auto run = test::run_ae(day_command("trade", " --broker ib"), home.path());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("error: --broker (or AE_BROKER): broker 'ib' is not paper or fix"),
            std::string::npos)
      << run.err;
  std::filesystem::create_directories(home.path() / "config");
  std::ofstream(home.path() / "config" / "executor.yaml") << "broker: ib\n";
  run = test::run_ae(day_command("plan"), home.path());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("config/executor.yaml: broker 'ib' is not paper or fix"),
            std::string::npos)
      << run.err;
}

TEST(FixDay, ALogonFailureIsAnErrorAMetricAndAnAlarm) {
  TradingHome home;
  test::write_fix_settings(home.path(), test::free_port());  // nobody listens there
  const auto trade = test::run_ae(day_command("trade", " --broker fix"), home.path());
  EXPECT_EQ(trade.exit_code, 3);
  EXPECT_NE(trade.err.find("error: fix: no logon to FIX.4.4:ALPHAENGINE->EXCHANGE at 127.0.0.1:"),
            std::string::npos)
      << trade.err;
  // At the daemon's start, 09:25 New York (13:25 UTC).
  const auto metric = test::run_ae(
      "metrics get AlphaEngine/Broker fix_logon_failures_count --stat Sum --period 3600 "
      "--from 2025-06-04T00:00:00Z --to 2025-06-05T00:00:00Z",
      home.path());
  EXPECT_EQ(metric.out, "2025-06-04T13:00:00Z\t1\t1\n") << metric.err;
  const auto alarms = test::run_ae("alarms evaluate --at 2025-06-04T14:00:05Z", home.path());
  EXPECT_EQ(alarms.exit_code, 0) << alarms.err;
  EXPECT_NE(alarms.out.find("alpha-engine-broker-fix-logon-failure: INSUFFICIENT_DATA -> ALARM"),
            std::string::npos)
      << alarms.out;
  EXPECT_EQ(alarms.out.find("alpha-engine-broker-fix-disconnect: INSUFFICIENT_DATA -> ALARM"),
            std::string::npos)
      << alarms.out;
}

}  // namespace
}  // namespace ae::exchange::testing
