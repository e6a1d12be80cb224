#include "exchange/trading_home.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/home.h"
#include "support/test_support.h"

namespace ae::exchange::testing {

TradingHome::TradingHome() {
  const auto synth =
      test::run_ae("data synth --tickers 20 --years 2 --seed 11 --end 2025-06-06", path());
  if (synth.exit_code != 0) throw std::runtime_error("ae data synth failed: " + synth.err);
  const auto day = executor::testing::trading_day();
  world_.write_inputs(day);
  world_.write_upstream_health(executor::testing::ny(day, 7, 0));
}

LedgerSnapshot ledger_snapshot(const std::filesystem::path& home) {
  LedgerSnapshot snapshot;
  snapshot.trade_rows =
      nlohmann::json::parse(test::run_ae("--output json ledger trades", home).out);
  for (auto& row : snapshot.trade_rows) {
    snapshot.sources.insert(row["source"].get<std::string>());
    row.erase("source");
  }
  snapshot.eod_csv = test::run_ae("ledger eod", home).out;
  executor::Ledger ledger(core::Home(home).ledger());
  snapshot.positions = ledger.positions();
  snapshot.cash = ledger.cash();
  snapshot.trades = static_cast<int>(ledger.trades().size());
  return snapshot;
}

void expect_same_ledger(const LedgerSnapshot& actual, const LedgerSnapshot& expected) {
  EXPECT_EQ(actual.trade_rows, expected.trade_rows);
  EXPECT_EQ(actual.eod_csv, expected.eod_csv);
  EXPECT_EQ(actual.trades, expected.trades);
  EXPECT_EQ(actual.cash, expected.cash);
  ASSERT_EQ(actual.positions.size(), expected.positions.size());
  for (const auto& [ticker, position] : expected.positions) {
    ASSERT_TRUE(actual.positions.count(ticker)) << ticker;
    EXPECT_EQ(actual.positions.at(ticker).shares, position.shares) << ticker;
    EXPECT_EQ(actual.positions.at(ticker).cost, position.cost) << ticker;
  }
}

}  // namespace ae::exchange::testing
