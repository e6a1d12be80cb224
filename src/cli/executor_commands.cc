// `ae plan|trade|eod|ledger`: the executor (docs/executor.md).
//   ae plan  --date D [--clock virtual|real]  the morning planner: order book for D
//   ae trade --date D [--clock virtual|real]  the intraday daemon over the paper broker
//   ae eod   --date D [--clock virtual|real]  end-of-day reconcile, eod_pnl, CSV exports
//   ae ledger trades|eod|shadow [--date D]    print the ledger's tables as CSV
// With the virtual clock (the default, for simulation) the planner runs at
// 08:00, the daemon from 09:25 and EOD at 16:30 New York time on D. Metrics
// (the coverage guard's unscored_buy_candidates_count, the daemon's
// heartbeat) go to the ops metric store ($AE_HOME/state/ops.db), where
// `ae alarms` evaluates them.
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/market_time.h"
#include "core/nyse_calendar.h"
#include "executor/daemon.h"
#include "executor/eod.h"
#include "executor/inputs.h"
#include "executor/ledger.h"
#include "executor/minute_prices.h"
#include "executor/morning_planner.h"
#include "executor/order_book_store.h"
#include "executor/paper_broker.h"
#include "executor/risk_config.h"
#include "ops/metric_store.h"
#include "ops/ops_database.h"

namespace ae::cli {
namespace {

struct Options {
  std::string date;
  std::string clock = "virtual";
};

// Everything one executor command needs, wired over $AE_HOME.
struct Session {
  Session(const Context& context, const Options& options, std::chrono::minutes ny_time)
      : date(core::parse_date(options.date)),
        store(context.home.store()),
        bars(context.home.market()),
        clock(core::make_clock(options.clock, core::new_york_instant(date, ny_time))),
        parameters(executor::load_executor_parameters(context.home, store)),
        config(executor::risk_config_from(parameters)),
        prices(bars, calendar),
        broker(context.home.paper_broker(), config.initial_cash, *clock, prices,
               executor::default_execution_models(config)),
        ledger(context.home.ledger()),
        ops_database(ops::open_ops_database(context.home.ops_database())),
        metrics(*ops_database),
        order_books(context.home.order_book()) {
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
  executor::PaperBroker broker;
  executor::Ledger ledger;
  std::unique_ptr<core::Database> ops_database;
  ops::MetricStore metrics;
  executor::OrderBookStore order_books;
};

std::shared_ptr<Options> add_options(CLI::App* command) {
  auto options = std::make_shared<Options>();
  command->add_option("--date", options->date, "Trading date (YYYY-MM-DD)")->required();
  command->add_option("--clock", options->clock, "virtual (simulation) or real (production)")
      ->capture_default_str();
  return options;
}

void print_table(executor::Ledger& ledger, const std::string& sql, int columns,
                 const std::string& header, const std::string& date) {
  std::cout << header << "\n";
  auto s = ledger.database().prepare(sql);
  if (!date.empty()) s.bind(1, date);
  while (s.step()) {
    for (int i = 0; i < columns; ++i) {
      if (i) std::cout << ",";
      if (!s.is_null(i)) std::cout << s.column_text(i);
    }
    std::cout << "\n";
  }
}

}  // namespace

void add_executor_commands(CLI::App& app, Dispatcher& dispatcher) {
  using std::chrono::hours;
  using std::chrono::minutes;

  auto* plan = app.add_subcommand("plan", "Morning planner: write the order book for a date");
  auto plan_options = add_options(plan);
  dispatcher.bind(plan, [plan_options](const Context& context) {
    Session s(context, *plan_options, hours(8));
    const auto run = executor::run_morning_planner(
        s.date,
        {s.store, s.bars, s.broker, s.ledger, s.order_books, *s.clock, s.metrics, s.config});
    std::cout << nlohmann::json(run.book).dump(2) << "\n";
    return 0;
  });

  auto* trade = app.add_subcommand("trade", "Intraday daemon: execute the order book for a date");
  auto trade_options = add_options(trade);
  dispatcher.bind(trade, [trade_options](const Context& context) {
    Session s(context, *trade_options, hours(9) + minutes(25));
    // One heartbeat a minute: committed without an fsync each (WAL keeps a
    // committed datum through a crash of the process, not of the machine).
    s.ops_database->execute("PRAGMA synchronous=NORMAL");
    const auto summary = executor::run_daemon(s.date, {s.store, s.broker, s.ledger, s.order_books,
                                                       *s.clock, s.metrics, s.config, s.calendar});
    std::cout << nlohmann::json{{"date", trade_options->date},
                                {"order_book", summary.had_order_book},
                                {"minutes", summary.minutes},
                                {"entries", summary.entries},
                                {"exits", summary.exits},
                                {"broker_fills", summary.broker_fills}}
                     .dump()
              << "\n";
    return 0;
  });

  auto* eod = app.add_subcommand("eod", "End-of-day reconcile: NAV, P&L, ledger vs broker");
  auto eod_options = add_options(eod);
  dispatcher.bind(eod, [eod_options](const Context& context) {
    Session s(context, *eod_options, hours(16) + minutes(30));
    const auto result =
        executor::run_eod(s.date, {s.store, s.bars, s.broker, s.ledger, *s.clock, &s.metrics});
    const auto& r = result.row;
    const auto value = [](const std::optional<double>& v) {
      return v ? nlohmann::json(*v) : nlohmann::json();
    };
    std::cout << nlohmann::json{{"date", eod_options->date},
                                {"portfolio_nav", r.portfolio_nav},
                                {"total_cash", r.total_cash},
                                {"daily_return_pct", value(r.daily_return_pct)},
                                {"spy_return_pct", value(r.spy_return_pct)},
                                {"daily_alpha_pct", value(r.daily_alpha_pct)},
                                {"unrealized_pnl", r.unrealized_pnl},
                                {"realized_pnl", r.realized_pnl}}
                     .dump()
              << "\n";
    return 0;
  });

  auto* ledger = app.add_subcommand("ledger", "Print the executor's ledger tables as CSV");
  ledger->require_subcommand(1);
  auto* trades = ledger->add_subcommand("trades", "Every trade (trades/trades_full.csv columns)");
  dispatcher.bind(trades, [](const Context& context) {
    executor::Ledger l(context.home.ledger());
    std::cout << executor::trades_csv(l);
    return 0;
  });
  auto* eod_rows = ledger->add_subcommand("eod", "Daily NAV and P&L (trades/eod_pnl.csv columns)");
  dispatcher.bind(eod_rows, [](const Context& context) {
    executor::Ledger l(context.home.ledger());
    std::cout << executor::eod_pnl_csv(l);
    return 0;
  });
  auto* shadow = ledger->add_subcommand("shadow", "Blocked entries and why");
  auto shadow_date = std::make_shared<std::string>();
  shadow->add_option("--date", *shadow_date, "Only this date");
  dispatcher.bind(shadow, [shadow_date](const Context& context) {
    executor::Ledger l(context.home.ledger());
    print_table(l,
                std::string("SELECT date, ticker, block_reason, research_score, sector, "
                            "intended_shares, intended_dollars FROM executor_shadow_book") +
                    (shadow_date->empty() ? "" : " WHERE date = ?") + " ORDER BY date, ticker",
                7,
                "date,ticker,block_reason,research_score,sector,intended_shares,"
                "intended_dollars",
                *shadow_date);
    return 0;
  });
}

}  // namespace ae::cli
