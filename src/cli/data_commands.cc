// `ae data ...`: the market data store under $AE_HOME/market.
//   ae data synth [--tickers 900] [--years 10] [--seed 42] [--end DATE]
//                 generate the simulated market; it replaces the store all or
//                 nothing (market/synth/install.h)
//   ae data import DIR | [--per-ticker FILE...] [--long FILE...] [--universe FILE...]
//                 import a data folder (market/import/data_folder.h) or CSV
//                 files (validated in full before anything is written); prints
//                 the warnings per kind with the worst of each, the
//                 quarantined symbol-days and the path of the full report
//   ae data check [--as-of DATE]   health table; exit 1 on a blocking problem
//                 (each blocking check is also a line on stderr, as for refresh)
//   ae data close [--date D] [--per-ticker FILE...] [--long FILE...]
//                 import the session's bars if given, confirm its closes and
//                 record health/daily_data.json (the eod pipeline's step)
//   ae data refresh [--date D] [--per-ticker FILE...] [--long FILE...]
//                 the weekly data phase: import if given, the quality report
//                 as of the last session on or before D (exit 1 on a blocking
//                 problem), then `data close` for that session
//   ae data show SYMBOL [--from DATE] [--to DATE]   bars as CSV
// JSON: synth the market's summary (synth.json); import {"symbols", "bars",
// "universe_tickers", "warnings", "warning_kinds": [{"kind", "count",
// "worst"}], "quarantined": [...], "held_out_bars", "report"}; check
// {"as_of", "blocking", "rows": [{"check", "status", "detail"}]}; close
// {"date", "members", "with_close", "missing", "degraded"}; refresh {"as_of",
// "blocking", "rows", "closes"}; show {"symbol", "bars": [{"date", "open",
// "high", "low", "close", "volume", "vwap", "factor"}]} (null for NaN).
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "app/data_sessions.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/error.h"
#include "market/bar_store.h"
#include "market/data_check.h"
#include "market/import/data_folder.h"
#include "market/import/import_summary.h"
#include "market/import/importer.h"
#include "market/session_closes.h"
#include "market/synth/install.h"
#include "market/synth/synthetic_market.h"

namespace ae::cli {
namespace {

core::Date last_closed_day(const market::BarStore& store) {
  const auto process_clock = core::make_process_clock();
  const core::Clock& clock = *process_clock;
  return store.calendar().last_closed_trading_day(clock.now());
}

std::string number(double value) {
  if (std::isnan(value)) return "";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

void add_synth(CLI::App& data, Dispatcher& dispatcher) {
  auto* synth = data.add_subcommand("synth", "Generate the simulated market (replaces the store)");
  auto options = std::make_shared<market::synth::SynthOptions>();
  auto end = std::make_shared<std::string>();
  synth->add_option("--tickers", options->tickers, "Number of constituents")->capture_default_str();
  synth->add_option("--years", options->years, "Years of daily history")->capture_default_str();
  synth->add_option("--seed", options->seed, "Random seed (same seed, same bytes)")
      ->capture_default_str();
  synth->add_option("--end", *end, "Last trading day (default: the last closed trading day)");
  synth
      ->add_option("--signal-strength", options->signal_strength,
                   "Planted component strength (kappa)")
      ->capture_default_str();
  dispatcher.bind(synth, [options, end](const Context& context) {
    const market::BarStore store(context.home.market());
    market::synth::SynthOptions chosen = *options;
    chosen.end = end->empty() ? last_closed_day(store) : core::parse_date(*end);
    const auto generated = market::synth::generate_market(chosen, store.calendar());
    ProgressBar bar("synth: writing series");
    market::synth::install_market(
        context.home.market(), context.home.market_staging(), generated, chosen,
        [&bar](std::size_t done, std::size_t total) { bar.update(done, total); });
    const auto summary = market::synth::summary_json(chosen, generated.summary);
    context.output.print(nlohmann::json::parse(summary),
                         [&](std::ostream& out) { out << summary; });
    return 0;
  });
}

nlohmann::json import_json(const ae::app::DataImport& imported) {
  const auto& result = imported.result;
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& kind : market::summarize_warnings(result.warnings)) {
    nlohmann::json worst = nlohmann::json::array();
    for (const auto& issue : kind.worst) worst.push_back(issue.describe());
    kinds.push_back(
        {{"kind", market::issue_kind_name(kind.kind)}, {"count", kind.count}, {"worst", worst}});
  }
  nlohmann::json quarantined = nlohmann::json::array();
  for (const auto& day : result.quarantined) quarantined.push_back(day.reason());
  return {{"symbols", result.symbols},
          {"bars", result.bars},
          {"universe_tickers", result.universe_tickers},
          {"warnings", result.warnings.size()},
          {"warning_kinds", kinds},
          {"quarantined", quarantined},
          {"held_out_bars", result.held_out_bars},
          {"report", imported.report.string()}};
}

void print_import(const ae::app::DataImport& imported) {
  const auto& result = imported.result;
  std::cout << "imported " << result.symbols << " symbol(s), " << result.bars << " bar(s)";
  if (result.universe_tickers > 0) {
    std::cout << ", universe of " << result.universe_tickers << " ticker(s)";
  }
  std::cout << "\n" << result.warnings.size() << " warning(s)\n";
  for (const auto& kind : market::summarize_warnings(result.warnings)) {
    std::cout << "  " << market::issue_kind_name(kind.kind) << ": " << kind.count << ", worst "
              << kind.worst.size() << ":\n";
    for (const auto& issue : kind.worst) std::cout << "    " << issue.describe() << "\n";
  }
  std::cout << result.quarantined.size() << " quarantined symbol-day(s), " << result.held_out_bars
            << " earlier bar(s) held out\n";
  for (const auto& day : result.quarantined) std::cout << "  " << day.reason() << "\n";
  std::cout << "report: " << imported.report.string() << "\n";
}

void add_import(CLI::App& data, Dispatcher& dispatcher) {
  auto* import = data.add_subcommand("import", "Import a data folder, or CSV bars and universes");
  auto folder = std::make_shared<std::string>();
  auto request = std::make_shared<market::ImportRequest>();
  import->add_option("folder", *folder,
                     "Data folder: universe.csv, stocks/, macro/, optional stocks_short_history/");
  import->add_option("--per-ticker", request->per_ticker_files,
                     "Per-ticker CSVs (Date,Open,High,Low,Close,Adj Close,Volume); ticker = file "
                     "name");
  import->add_option("--long", request->long_files,
                     "Long CSVs (ticker,date,open,high,low,close,volume[,vwap])");
  import->add_option("--universe", request->universe_files,
                     "Universe CSVs (ticker,name,sector,index[,added,removed]), merged");
  dispatcher.bind(import, [folder, request](const Context& context) {
    const bool files = !request->per_ticker_files.empty() || !request->long_files.empty() ||
                       !request->universe_files.empty();
    if (files && !folder->empty()) {
      throw core::InvalidInput(
          "data import: give a folder or --per-ticker/--long/--universe files, not both");
    }
    if (!files && folder->empty()) {
      throw core::InvalidInput(
          "data import: give a folder, or --per-ticker, --long and/or --universe files");
    }
    const auto clock = core::make_process_clock();
    const auto imported = ae::app::import_data(
        context.home, *clock, folder->empty() ? *request : market::folder_request(*folder));
    context.output.print(import_json(imported), [&](std::ostream&) { print_import(imported); });
    return 0;
  });
}

nlohmann::json report_json(const market::CheckReport& report) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : report.rows)
    rows.push_back({{"check", row.check},
                    {"status", market::check_status_name(row.status)},
                    {"detail", row.detail}});
  return {
      {"as_of", core::format_date(report.as_of)}, {"blocking", report.blocking()}, {"rows", rows}};
}

// A blocking report says why on stderr too, whatever the output format: the
// report itself goes to stdout, and a pipeline's command step shows stderr.
void explain_blocking(const market::CheckReport& report, std::string_view command) {
  for (const auto& row : report.rows)
    if (row.status == market::CheckStatus::kFail)
      std::cerr << command << ": blocking: " << row.check << ": " << row.detail << "\n";
}

void add_data_check(CLI::App& data, Dispatcher& dispatcher) {
  auto* check = data.add_subcommand("check", "Data-quality report; exit 1 on a blocking problem");
  auto as_of = std::make_shared<std::string>();
  check->add_option("--as-of", *as_of, "Trading day to check (default: the last closed one)");
  dispatcher.bind(check, [as_of](const Context& context) {
    market::BarStore store(context.home.market());
    const core::Date day = as_of->empty() ? last_closed_day(store) : core::parse_date(*as_of);
    const auto report = market::check_store(store, day);
    context.output.print(report_json(report),
                         [&](std::ostream& out) { out << market::format_report(report); });
    explain_blocking(report, "data check");
    return report.blocking() ? kExitNegative : kExitOk;
  });
}

// The options `data close` and `data refresh` share: a date and the bars to
// import before anything else.
struct SessionArgs {
  std::string date;
  market::ImportRequest import;
};

std::shared_ptr<SessionArgs> add_session_options(CLI::App* command, const std::string& date_help) {
  auto args = std::make_shared<SessionArgs>();
  command->add_option("--date", args->date, date_help);
  command->add_option("--per-ticker", args->import.per_ticker_files,
                      "Per-ticker CSVs to import first");
  command->add_option("--long", args->import.long_files, "Long CSVs to import first");
  return args;
}

nlohmann::json closes_json(const market::SessionCloses& closes, core::Date day) {
  return {{"date", core::format_date(day)},
          {"members", closes.members},
          {"with_close", closes.with_close},
          {"missing", closes.missing},
          {"degraded", closes.degraded}};
}

void print_closes(const market::SessionCloses& closes, core::Date day) {
  std::cout << core::format_date(day) << ": " << closes.with_close << " of " << closes.members
            << " members closed" << (closes.degraded ? " (degraded)" : "") << "\n";
}

std::optional<core::Date> optional_date(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return core::parse_date(text);
}

void add_close(CLI::App& data, Dispatcher& dispatcher) {
  auto* close = data.add_subcommand(
      "close", "Import a session's bars (optional), confirm its closes, record daily_data health");
  auto args = add_session_options(close, "The session (default: the last closed one)");
  dispatcher.bind(close, [args](const Context& context) {
    const auto clock = core::make_process_clock();
    const auto closed =
        ae::app::close_session(context.home, *clock, optional_date(args->date), args->import);
    context.output.print(closes_json(closed.closes, closed.day),
                         [&](std::ostream&) { print_closes(closed.closes, closed.day); });
    return 0;
  });
}

void add_refresh(CLI::App& data, Dispatcher& dispatcher) {
  auto* refresh = data.add_subcommand(
      "refresh", "Weekly data phase: import (optional), quality report, record daily_data health");
  auto args = add_session_options(refresh, "Any day; uses the last session on or before it");
  dispatcher.bind(refresh, [args](const Context& context) {
    const auto clock = core::make_process_clock();
    const auto refreshed =
        ae::app::refresh_data(context.home, *clock, optional_date(args->date), args->import);
    auto document = report_json(refreshed.report);
    document["closes"] =
        refreshed.closes ? closes_json(*refreshed.closes, refreshed.day) : nlohmann::json();
    context.output.print(document, [&](std::ostream& out) {
      out << market::format_report(refreshed.report);
      if (refreshed.closes) print_closes(*refreshed.closes, refreshed.day);
    });
    explain_blocking(refreshed.report, "data refresh");
    return refreshed.closes ? kExitOk : kExitNegative;
  });
}

void add_show(CLI::App& data, Dispatcher& dispatcher) {
  auto* show = data.add_subcommand("show", "Print a symbol's bars as CSV");
  auto symbol = std::make_shared<std::string>();
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  show->add_option("symbol", *symbol, "Ticker or macro symbol")->required();
  show->add_option("--from", *from, "First date (inclusive)");
  show->add_option("--to", *to, "Last date (inclusive)");
  dispatcher.bind(show, [symbol, from, to](const Context& context) {
    market::BarStore store(context.home.market());
    const auto view = store.read(*symbol);
    const core::Date lo = from->empty() ? market::kCalendarEpoch : core::parse_date(*from);
    const core::Date hi = to->empty() ? market::kCalendarHorizon : core::parse_date(*to);
    if (context.output.json()) {
      const auto value = [](double v) {
        return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
      };
      nlohmann::json bars = nlohmann::json::array();
      for (std::size_t row = 0; row < view.size(); ++row) {
        const auto bar = view.bar(row);
        if (bar.date < lo || bar.date > hi || bar.missing()) continue;
        bars.push_back({{"date", core::format_date(bar.date)},
                        {"open", value(bar.open)},
                        {"high", value(bar.high)},
                        {"low", value(bar.low)},
                        {"close", value(bar.close)},
                        {"volume", value(bar.volume)},
                        {"vwap", value(bar.vwap)},
                        {"factor", value(bar.factor)}});
      }
      context.output.print({{"symbol", *symbol}, {"bars", bars}});
      return 0;
    }
    std::cout << "date,open,high,low,close,volume,vwap,factor\n";
    for (std::size_t row = 0; row < view.size(); ++row) {
      const auto bar = view.bar(row);
      if (bar.date < lo || bar.date > hi || bar.missing()) continue;
      std::cout << core::format_date(bar.date) << ',' << number(bar.open) << ',' << number(bar.high)
                << ',' << number(bar.low) << ',' << number(bar.close) << ',' << number(bar.volume)
                << ',' << number(bar.vwap) << ',' << number(bar.factor) << '\n';
    }
    return 0;
  });
}

}  // namespace

void add_data_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* data = app.add_subcommand("data", "Market data: simulate, import, check ($AE_HOME/market)");
  data->require_subcommand(1);
  add_synth(*data, dispatcher);
  add_import(*data, dispatcher);
  add_data_check(*data, dispatcher);
  add_close(*data, dispatcher);
  add_refresh(*data, dispatcher);
  add_show(*data, dispatcher);
}

}  // namespace ae::cli
