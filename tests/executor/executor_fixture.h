// A small simulated world for the executor's end-to-end tests: one shared
// simulated market (20 tickers, 2 years, built once per test binary) and, per
// test, a fresh $AE_HOME-like state (store, ledger, paper broker, order book)
// with research signals, predictions and upstream health files for the
// trading date, plus helpers to run the planner, the daemon and EOD on
// virtual clocks.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/nyse_calendar.h"
#include "executor/broker/paper_broker.h"
#include "executor/intraday/daemon.h"
#include "executor/intraday/minute_prices.h"
#include "executor/ledger/eod.h"
#include "executor/ledger/ledger.h"
#include "executor/planning/morning_planner.h"
#include "executor/planning/order_book_store.h"
#include "executor/risk_config.h"
#include "executor/risk_parameters.h"
#include "market/bar_store.h"
#include "support/test_support.h"

namespace ae::executor::testing {

// The shared market; `day()` is a trading day with a full history before it.
const market::BarStore& shared_market();
core::Date trading_day();
// Constituents with a bar on trading_day() and 250 bars before it.
std::vector<std::string> tradable_tickers(std::size_t count);

core::Timestamp ny(core::Date date, int hour, int minute);

class World {
 public:
  explicit World(std::size_t n_candidates = 3);

  // Research and predictor outputs for `date`; `unscored` tickers get no row.
  void write_inputs(core::Date date, const std::vector<std::string>& unscored = {});
  void write_upstream_health(core::Timestamp now);

  PlannerRun plan(core::Date date);
  DaemonSummary trade(core::Date date, std::optional<core::Timestamp> stop_at = std::nullopt,
                      std::optional<core::Timestamp> start = std::nullopt);
  EodResult eod(core::Date date);

  // A broker over the world's account whose clock is `clock`.
  std::unique_ptr<PaperBroker> broker(core::Clock& clock);

  test::TempDir home;
  core::FileSystemStore store;
  RiskConfig config = profile_risk_config("reference");  // the signal-entry construction
  core::NyseCalendar calendar;
  SimulatedMinutePrices prices;
  Ledger ledger;
  OrderBookStore order_books;
  core::RecordingMetricSink metrics;
  std::vector<std::string> candidates;
};

// A world with the day's inputs and fresh upstream health: ready to plan.
struct Ready : World {
  Ready() {
    write_inputs(trading_day());
    write_upstream_health(ny(trading_day(), 7, 0));
  }
};

// The ledger's positions and cash equal the paper broker's after the close.
void expect_ledger_equals_broker(World& w);

}  // namespace ae::executor::testing
