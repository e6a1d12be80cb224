// `ae plan|trade|eod|ledger`: the executor (docs/executor.md).
//   ae plan  --date D [--clock virtual|real] [--broker paper|fix]  the morning planner
//   ae trade --date D [--clock virtual|real] [--broker paper|fix]  the intraday daemon
//   ae eod   --date D [--clock virtual|real] [--broker paper|fix]  end-of-day reconcile
//   ae ledger trades|eod|shadow [--date D]    print the ledger's tables as CSV
// --broker defaults to $AE_BROKER, else config/executor.yaml (docs/broker-fix.md).
//   (ledger only reads: it works on a full disk)
// Parse, call the executor use cases (app/executor_day.h: when each runs on
// the virtual clock, where metrics go), print JSON (plan: the order book;
// trade and eod: a summary object; ledger with --output json: an array of
// row objects keyed by the CSV's columns). Without --clock they run on the
// real clock, unless $AE_CLOCK or a parent virtual run says otherwise.
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "app/executor_day.h"
#include "cli/clock_option.h"
#include "cli/command.h"
#include "cli/csv_document.h"
#include "core/market_time.h"
#include "executor/ledger/ledger.h"
#include "executor/ledger/shadow_book_csv.h"

namespace ae::cli {
namespace {

struct Options {
  std::string date;
  std::string clock;  // empty: clock_kind()'s default

  // The clock kind, announced when it is a virtual clock starting at the
  // step's scheduled time on the date.
  std::string chosen_clock(std::chrono::minutes scheduled) const {
    const auto kind = clock_kind(clock);
    announce_clock(kind, core::new_york_instant(core::parse_date(date), scheduled));
    return kind;
  }
  std::string broker;  // "" for the home's setting
};

std::shared_ptr<Options> add_options(CLI::App* command) {
  auto options = std::make_shared<Options>();
  command->add_option("--date", options->date, "Trading date (YYYY-MM-DD)")->required();
  add_clock_option(command, options->clock, "simulation at the step's scheduled time on --date");
  command
      ->add_option("--broker", options->broker,
                   "paper or fix (default: $AE_BROKER, else broker of config/executor.yaml)")
      ->envname("AE_BROKER");
  return options;
}

int print_csv(const Context& context, const std::string& csv) {
  context.output.print(csv_to_json(csv), [&](std::ostream& out) { out << csv; });
  return 0;
}

}  // namespace

void add_executor_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* plan = app.add_subcommand("plan", "Morning planner: write the order book for a date");
  auto plan_options = add_options(plan);
  dispatcher.bind(plan, [plan_options](const Context& context) {
    const auto book =
        ae::app::plan_day(context.home, core::parse_date(plan_options->date),
                          plan_options->chosen_clock(ae::app::kPlannerTime), plan_options->broker);
    context.output.print(nlohmann::json(book));
    return 0;
  });

  auto* trade = app.add_subcommand("trade", "Intraday daemon: execute the order book for a date");
  auto trade_options = add_options(trade);
  dispatcher.bind(trade, [trade_options](const Context& context) {
    const auto summary = ae::app::trade_day(context.home, core::parse_date(trade_options->date),
                                            trade_options->chosen_clock(ae::app::kDaemonStart),
                                            trade_options->broker);
    context.output.print({{"date", trade_options->date},
                          {"order_book", summary.had_order_book},
                          {"minutes", summary.minutes},
                          {"entries", summary.entries},
                          {"exits", summary.exits},
                          {"broker_fills", summary.broker_fills}});
    return 0;
  });

  auto* eod = app.add_subcommand("eod", "End-of-day reconcile: NAV, P&L, ledger vs broker");
  auto eod_options = add_options(eod);
  dispatcher.bind(eod, [eod_options](const Context& context) {
    const auto result =
        ae::app::close_day(context.home, core::parse_date(eod_options->date),
                           eod_options->chosen_clock(ae::app::kEodTime), eod_options->broker);
    const auto& r = result.row;
    const auto value = [](const std::optional<double>& v) {
      return v ? nlohmann::json(*v) : nlohmann::json();
    };
    context.output.print({{"date", eod_options->date},
                          {"portfolio_nav", r.portfolio_nav},
                          {"total_cash", r.total_cash},
                          {"daily_return_pct", value(r.daily_return_pct)},
                          {"spy_return_pct", value(r.spy_return_pct)},
                          {"daily_alpha_pct", value(r.daily_alpha_pct)},
                          {"unrealized_pnl", r.unrealized_pnl},
                          {"realized_pnl", r.realized_pnl}});
    return 0;
  });

  auto* ledger = app.add_subcommand("ledger", "Print the executor's ledger tables as CSV");
  ledger->require_subcommand(1);
  auto* trades = ledger->add_subcommand("trades", "Every trade (trades/trades_full.csv columns)");
  dispatcher.bind(trades, [](const Context& context) {
    executor::Ledger l(context.home.ledger(), core::kReadOnly);
    return print_csv(context, executor::trades_csv(l));
  });
  auto* eod_rows = ledger->add_subcommand("eod", "Daily NAV and P&L (trades/eod_pnl.csv columns)");
  dispatcher.bind(eod_rows, [](const Context& context) {
    executor::Ledger l(context.home.ledger(), core::kReadOnly);
    return print_csv(context, executor::eod_pnl_csv(l));
  });
  auto* shadow = ledger->add_subcommand("shadow", "Blocked entries and why");
  auto shadow_date = std::make_shared<std::string>();
  shadow->add_option("--date", *shadow_date, "Only this date");
  dispatcher.bind(shadow, [shadow_date](const Context& context) {
    executor::Ledger l(context.home.ledger(), core::kReadOnly);
    return print_csv(context, executor::shadow_book_csv(l, *shadow_date));
  });
}

}  // namespace ae::cli
