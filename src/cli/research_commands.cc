// `ae research ...`: the research stage (docs/research.md).
//   ae research run [--date D] [--force] [--agent STEP=COMMAND]... [--config FILE]
//        one run for a trading date (default: the last closed trading day);
//        prints regime, candidates, entries, exits
//   ae research show [--date D]
//        the signals file of a date (default: signals/latest.json)
// JSON: run {"date", "skipped", "signals_key", "regime", "universe",
// "scanned", "recommended", "buy_candidates", "entries", "exits",
// "population", "agent_fallbacks"}; show the signals document itself.
// Reads bars from $AE_HOME/market, writes the store under $AE_HOME/store and
// the research database $AE_HOME/state/research.db.
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/stage_runs.h"
#include "cli/command.h"
#include "core/clock.h"
#include "core/contracts/contract.h"
#include "core/error.h"
#include "core/sqlite.h"
#include "market/bar_store.h"
#include "research/pipeline.h"
#include "research/research_parameters.h"

namespace ae::cli {
namespace {

struct RunArguments {
  std::string date;
  bool force = false;
  std::vector<std::string> agents;
  std::string config;
};

std::string join(const std::vector<std::string>& items) {
  if (items.empty()) return "-";
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

std::map<std::string, std::string> parse_agents(const std::vector<std::string>& specs) {
  std::map<std::string, std::string> out;
  for (const auto& spec : specs) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0)
      throw core::InvalidInput("--agent '" + spec + "': expected STEP=COMMAND");
    out[spec.substr(0, eq)] = spec.substr(eq + 1);
  }
  return out;
}

void print_signals(const nlohmann::json& doc) {
  const auto signals = doc.get<core::Signals>();
  std::size_t enter = 0, hold = 0, exit = 0;
  for (const auto& e : signals.universe) {
    enter += e.signal == core::SignalAction::kEnter;
    hold += e.signal == core::SignalAction::kHold;
    exit += e.signal == core::SignalAction::kExit;
  }
  std::cout << "date            " << core::format_date(signals.date) << "\n"
            << "generated       " << signals.run_date.value_or("-") << "\n"
            << "regime          " << nlohmann::json(signals.market_regime).get<std::string>()
            << "\n"
            << "population      " << (signals.population ? signals.population->size() : 0) << "\n"
            << "signals         " << enter << " ENTER, " << hold << " HOLD, " << exit << " EXIT\n"
            << "buy candidates  " << signals.buy_candidates.size() << "\n\n";
  std::cout << std::left << std::setw(8) << "ticker" << std::setw(7) << "signal" << std::setw(7)
            << "score" << std::setw(7) << "rating" << std::setw(11) << "conviction" << std::setw(24)
            << "sector"
            << "sector_rating\n";
  for (const auto& e : signals.universe) {
    std::ostringstream score;
    if (e.score) score << std::fixed << std::setprecision(1) << *e.score;
    std::cout << std::left << std::setw(8) << e.ticker << std::setw(7)
              << nlohmann::json(e.signal).get<std::string>() << std::setw(7)
              << (e.score ? score.str() : "null") << std::setw(7)
              << nlohmann::json(e.rating).get<std::string>() << std::setw(11)
              << nlohmann::json(e.conviction).get<std::string>() << std::setw(24) << e.sector
              << nlohmann::json(e.sector_rating).get<std::string>() << "\n";
  }
}

void add_research_run(CLI::App& research, Dispatcher& dispatcher) {
  auto* run = research.add_subcommand("run", "Run the research stage for a trading date");
  auto args = std::make_shared<RunArguments>();
  run->add_option("--date", args->date, "Trading date (default: the last closed trading day)");
  run->add_flag("--force", args->force, "Re-run even if the date's signals exist");
  run->add_option("--agent", args->agents,
                  "External judge STEP=COMMAND (steps: macro, team_review, cio); repeatable");
  run->add_option("--config", args->config,
                  "Operator's YAML file (default $AE_HOME/config/research.yaml)");
  dispatcher.bind(run, [args](const Context& context) {
    const auto process_clock = core::make_process_clock();
    const core::Clock& clock = *process_clock;
    research::RunOptions options;
    options.date = args->date.empty() ? market::BarStore(context.home.market())
                                            .calendar()
                                            .last_closed_trading_day(clock.now())
                                      : core::parse_date(args->date);
    options.force = args->force;
    options.agents = parse_agents(args->agents);
    const auto result = ae::app::run_research_day(
        context.home, clock, options, nullptr,
        args->config.empty() ? std::nullopt : std::optional(std::filesystem::path(args->config)));
    if (result.skipped) {
      context.output.print({{"date", core::format_date(options.date)},
                            {"skipped", true},
                            {"signals_key", result.signals_key}},
                           [&](std::ostream& out) {
                             out << "skipped: " << result.signals_key
                                 << " exists (use --force to re-run)\n";
                           });
      return 0;
    }
    std::size_t fallbacks = 0;
    for (const auto& r : result.judgments) fallbacks += r.fallback_reason ? 1 : 0;
    if (context.output.json()) {
      context.output.print({{"date", core::format_date(result.date)},
                            {"skipped", false},
                            {"signals_key", result.signals_key},
                            {"regime", nlohmann::json(result.regime)},
                            {"universe", result.universe_size},
                            {"scanned", result.scanner_candidates},
                            {"recommended", result.recommendations},
                            {"buy_candidates", result.buy_candidates},
                            {"entries", result.entries},
                            {"exits", result.exits},
                            {"population", result.population_size},
                            {"agent_fallbacks", fallbacks}});
      return 0;
    }
    std::cout << "research " << core::format_date(result.date) << "\n"
              << "  regime          " << nlohmann::json(result.regime).get<std::string>() << "\n"
              << "  universe        " << result.universe_size << "\n"
              << "  candidates      " << result.scanner_candidates << " scanned, "
              << result.recommendations << " recommended\n"
              << "  buy candidates  " << result.buy_candidates.size() << ": "
              << join(result.buy_candidates) << "\n"
              << "  entries         " << result.entries.size() << ": " << join(result.entries)
              << "\n"
              << "  exits           " << result.exits.size() << ": " << join(result.exits) << "\n"
              << "  population      " << result.population_size << "\n"
              << "  agent fallbacks " << fallbacks << "\n"
              << "  written         " << result.signals_key << ", " << research::kLatestSignalsKey
              << "\n";
    return 0;
  });
}

void add_research_show(CLI::App& research, Dispatcher& dispatcher) {
  auto* show = research.add_subcommand("show", "Print a date's signals (default: the latest)");
  auto date = std::make_shared<std::string>();
  show->add_option("--date", *date, "Signal date");
  dispatcher.bind(show, [date](const Context& context) {
    core::FileSystemStore store(context.home.store());
    const std::string key = date->empty() ? std::string(research::kLatestSignalsKey)
                                          : research::signals_key(core::parse_date(*date));
    nlohmann::json doc;
    try {
      doc = core::read_contract(store, core::Contract::kSignals, key);
    } catch (const core::NotFound&) {
      throw core::NotFound("no signals at " + key + " (run `ae research run` first)");
    }
    context.output.print(doc, [&](std::ostream&) { print_signals(doc); });
    return 0;
  });
}

}  // namespace

void add_research_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* research = app.add_subcommand("research", "The research stage: universe scan to signals");
  research->require_subcommand(1);
  add_research_run(*research, dispatcher);
  add_research_show(*research, dispatcher);
}

}  // namespace ae::cli
