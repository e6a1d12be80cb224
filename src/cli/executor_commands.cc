// `ae plan|trade|eod|ledger`: the executor (docs/executor.md).
//   ae plan  --date D [--clock virtual|real]  the morning planner: order book for D
//   ae trade --date D [--clock virtual|real]  the intraday daemon over the paper broker
//   ae eod   --date D [--clock virtual|real]  end-of-day reconcile, eod_pnl, CSV exports
//   ae ledger trades|eod|shadow [--date D]    print the ledger's tables as CSV
//                                             (reads only: works on a full disk)
// Parse, call the executor use cases (app/executor_day.h: when each runs on
// the virtual clock, where metrics go), print JSON.
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "app/executor_day.h"
#include "cli/command.h"
#include "executor/ledger/ledger.h"
#include "executor/ledger/shadow_book_csv.h"

namespace ae::cli {
namespace {

struct Options {
  std::string date;
  std::string clock = "virtual";
};

std::shared_ptr<Options> add_options(CLI::App* command) {
  auto options = std::make_shared<Options>();
  command->add_option("--date", options->date, "Trading date (YYYY-MM-DD)")->required();
  command->add_option("--clock", options->clock, "virtual (simulation) or real (production)")
      ->capture_default_str();
  return options;
}

}  // namespace

void add_executor_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* plan = app.add_subcommand("plan", "Morning planner: write the order book for a date");
  auto plan_options = add_options(plan);
  dispatcher.bind(plan, [plan_options](const Context& context) {
    const auto book =
        ae::app::plan_day(context.home, core::parse_date(plan_options->date), plan_options->clock);
    std::cout << nlohmann::json(book).dump(2) << "\n";
    return 0;
  });

  auto* trade = app.add_subcommand("trade", "Intraday daemon: execute the order book for a date");
  auto trade_options = add_options(trade);
  dispatcher.bind(trade, [trade_options](const Context& context) {
    const auto summary = ae::app::trade_day(context.home, core::parse_date(trade_options->date),
                                            trade_options->clock);
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
    const auto result =
        ae::app::close_day(context.home, core::parse_date(eod_options->date), eod_options->clock);
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
    executor::Ledger l(context.home.ledger(), core::kReadOnly);
    std::cout << executor::trades_csv(l);
    return 0;
  });
  auto* eod_rows = ledger->add_subcommand("eod", "Daily NAV and P&L (trades/eod_pnl.csv columns)");
  dispatcher.bind(eod_rows, [](const Context& context) {
    executor::Ledger l(context.home.ledger(), core::kReadOnly);
    std::cout << executor::eod_pnl_csv(l);
    return 0;
  });
  auto* shadow = ledger->add_subcommand("shadow", "Blocked entries and why");
  auto shadow_date = std::make_shared<std::string>();
  shadow->add_option("--date", *shadow_date, "Only this date");
  dispatcher.bind(shadow, [shadow_date](const Context& context) {
    executor::Ledger l(context.home.ledger(), core::kReadOnly);
    std::cout << executor::shadow_book_csv(l, *shadow_date);
    return 0;
  });
}

}  // namespace ae::cli
