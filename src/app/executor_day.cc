#include "app/executor_day.h"

#include <memory>

#include "app/executor_broker.h"
#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/market_time.h"
#include "core/nyse_calendar.h"
#include "executor/intraday/minute_prices.h"
#include "executor/ledger/ledger.h"
#include "executor/planning/inputs.h"
#include "executor/planning/morning_planner.h"
#include "executor/planning/order_book_store.h"
#include "executor/risk_config.h"
#include "market/bar_store.h"
#include "ops/metric_store.h"
#include "ops/ops_database.h"

namespace ae::app {
namespace {

// Everything one executor use case needs, wired over a home.
struct ExecutorDay {
  ExecutorDay(const core::Home& home, core::Date day, const std::string& clock_kind,
              std::chrono::minutes new_york_time, const std::string& requested_broker)
      : date(day),
        store(home.store()),
        bars(home.market()),
        clock(core::make_clock(clock_kind, core::new_york_instant(date, new_york_time))),
        parameters(executor::load_executor_parameters(home, store)),
        config(executor::risk_config_from(parameters)),
        prices(bars, calendar),
        trading(home, requested_broker, config, *clock, prices),
        ledger(home.ledger()),
        ops_database(ops::open_ops_database(home.ops_database())),
        metrics(*ops_database),
        order_books(home.order_book()) {
    ledger.ensure_opening_cash(config.initial_cash);
  }

  core::Date date;
  core::FileSystemStore store;
  market::BarStore bars;
  core::NyseCalendar calendar;
  std::unique_ptr<core::Clock> clock;
  core::ParameterSet parameters;
  executor::RiskConfig config;
  executor::SimulatedMinutePrices prices;
  ExecutorBroker trading;
  executor::Ledger ledger;
  std::unique_ptr<core::Database> ops_database;
  ops::MetricStore metrics;
  executor::OrderBookStore order_books;
};

}  // namespace

core::OrderBook plan_day(const core::Home& home, core::Date date, const std::string& clock_kind,
                         const std::string& broker) {
  ExecutorDay day(home, date, clock_kind, kPlannerTime, broker);
  return executor::run_morning_planner(date, {day.store, day.bars, day.trading.broker(), day.ledger,
                                              day.order_books, *day.clock, day.metrics, day.config})
      .book;
}

executor::DaemonSummary trade_day(const core::Home& home, core::Date date,
                                  const std::string& clock_kind, const std::string& broker) {
  ExecutorDay day(home, date, clock_kind, kDaemonStart, broker);
  ops::relax_durability_for_heartbeats(*day.ops_database);
  executor::DaemonDeps deps{day.store,  day.trading.broker(), day.ledger, day.order_books,
                            *day.clock, day.metrics,          day.config, day.calendar};
  if (const auto timeout = day.trading.order_timeout()) deps.order_timeout = *timeout;
  return executor::run_daemon(date, deps);
}

executor::EodResult close_day(const core::Home& home, core::Date date,
                              const std::string& clock_kind, const std::string& broker) {
  ExecutorDay day(home, date, clock_kind, kEodTime, broker);
  return executor::run_eod(date, {day.store, day.bars, day.trading.broker(), day.ledger, *day.clock,
                                  &day.metrics, day.config.held_data_gate});
}

}  // namespace ae::app
