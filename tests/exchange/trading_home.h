// A home ready for the executor's day, for the tests that run the real `ae`
// over FIX: the executor's simulated world on its trading_day() (2025-06-04):
// the market (`ae data synth` with the world's own options), the day's
// signals and predictions, fresh upstream health; and the ledger of a home as
// `ae ledger` prints it, to compare two runs.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "executor/executor_fixture.h"
#include "executor/ledger/ledger.h"

namespace ae::exchange::testing {

inline constexpr const char* kDay = "2025-06-04";  // executor::testing::trading_day()

class TradingHome {
 public:
  TradingHome();  // throws std::runtime_error when `ae data synth` fails
  std::filesystem::path path() const { return world_.home.path(); }

 private:
  executor::testing::World world_;
};

// What the ledger holds after a day: `ae ledger trades` (every column but
// `source`, which says which broker filled each trade) and `ae ledger eod`,
// the positions and the cash the trades imply.
struct LedgerSnapshot {
  nlohmann::json trade_rows;
  std::set<std::string> sources;
  std::string eod_csv;
  std::map<std::string, executor::LedgerPosition> positions;
  double cash = 0;
  int trades = 0;
};

LedgerSnapshot ledger_snapshot(const std::filesystem::path& home);

// gtest expectations that `actual` equals `expected`, exactly, but for the
// trades' sources.
void expect_same_ledger(const LedgerSnapshot& actual, const LedgerSnapshot& expected);

}  // namespace ae::exchange::testing
