#include "executor/morning_planner.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/contracts/contract.h"
#include "core/contracts/health_writer.h"
#include "core/text.h"
#include "executor/coverage_guard.h"
#include "executor/day_journal.h"
#include "executor/errors.h"
#include "executor/gates.h"
#include "executor/inputs.h"
#include "executor/market_data.h"

namespace ae::executor {
namespace {

nlohmann::json summary_of(const core::OrderBook& book, const Plan& plan) {
  nlohmann::json approved = nlohmann::json::array(), blocked = nlohmann::json::array(),
                 exits = nlohmann::json::array(), covers = nlohmann::json::array();
  for (const auto& e : book.approved_entries) approved.push_back({{"ticker", e.ticker}});
  for (const auto& b : plan.blocked)
    blocked.push_back({{"ticker", b.ticker}, {"reason", b.block_reason}});
  for (const auto& x : book.urgent_exits) {
    if (x.signal == core::ExitAction::kCover)
      covers.push_back({{"ticker", x.ticker}});
    else
      exits.push_back({{"ticker", x.ticker}, {"reason", x.reason}});
  }
  return {{"date", core::format_date(book.date)},
          {"entries_approved", approved},
          {"entries_blocked", blocked},
          {"exits", exits},
          {"covers", covers}};
}

PlannerRun plan_once(core::Date date, const PlannerDeps& d) {
  PlannerRun run;
  const auto& calendar = d.bars.calendar();
  if (!calendar.is_trading_day(date))
    throw core::InvalidInput(fmt::format("plan: {} is not a trading day", core::format_date(date)));

  auto signals = read_signals_with_fallback(d.store, date);
  run.warnings = signals.warnings;
  const auto predictions = read_predictions(d.store, date);
  assert_predictions_cover_buy_candidates(signals.signals, predictions, d.metrics, d.clock.now());
  const auto as_of = calendar.date_at(calendar.index_of(date) - 1);
  check_upstream_health(d.store, d.clock.now(), as_of);
  PlanInput in;
  in.run_date = date;
  in.signals = &signals.signals;
  in.signal_age_days = signals.age_days;
  if (predictions)
    for (const auto& p : predictions->predictions) in.predictions[core::to_upper(p.ticker)] = p;

  const auto actionable = actionable_signals(signals.signals);
  std::map<std::string, const core::SignalEntry*> by_ticker;
  std::vector<std::string> enter;
  for (const auto& s : actionable) {
    by_ticker[s.ticker] = &s;
    if (s.signal == core::SignalAction::kEnter) enter.push_back(s.ticker);
  }
  const auto universe = d.bars.has_universe() ? d.bars.read_universe() : market::Universe{};
  auto sector_of = [&](const std::string& ticker) -> std::string {
    if (auto it = by_ticker.find(ticker); it != by_ticker.end() && !it->second->sector.empty())
      return canonical_sector_name(it->second->sector);
    if (const auto* c = universe.find(ticker)) return std::string(market::sector_name(c->sector));
    return "";
  };

  std::vector<std::string> held;
  for (const auto& p : d.broker.positions()) held.push_back(p.ticker);
  std::vector<std::string> symbols = held;
  symbols.insert(symbols.end(), enter.begin(), enter.end());
  symbols.push_back("SPY");
  for (const auto& t : held) symbols.push_back(sector_etf_for(sector_of(t)));
  const auto histories = load_histories(d.bars, symbols, as_of);
  in.histories = &histories;
  check_spy_fresh(histories, as_of);
  std::vector<std::string> need_atr = held;
  need_atr.insert(need_atr.end(), enter.begin(), enter.end());
  in.atr_pct = require_atr(histories, need_atr, as_of);

  in.portfolio.cash = d.broker.cash();
  if (!std::isfinite(in.portfolio.cash) || in.portfolio.cash < 0)
    throw PipelineHardFail(
        fmt::format("broker cash {:.2f} is negative or not finite", in.portfolio.cash));
  double nav = in.portfolio.cash;
  for (const auto& p : d.broker.positions()) {
    const auto h = histories.find(p.ticker);
    if (h == histories.end() || h->second.dates.back() != as_of)
      throw PipelineHardFail(
          fmt::format("no close on {} for held {}", core::format_date(as_of), p.ticker));
    Position position;
    position.ticker = p.ticker;
    position.shares = p.shares;
    position.avg_cost = p.avg_cost;
    position.market_value = p.shares * h->second.close.back();
    position.entry_date = d.ledger.latest_entry_date(p.ticker);
    position.sector = sector_of(p.ticker);
    if (auto it = by_ticker.find(p.ticker); it != by_ticker.end())
      position.research_score = it->second->score;
    nav += position.market_value;
    in.prices[p.ticker] = h->second.close.back();
    in.sector_etf[p.ticker] = sector_etf_for(position.sector);
    in.portfolio.positions.push_back(std::move(position));
  }
  in.portfolio.nav = nav;
  in.peak_nav = std::max(d.ledger.peak_nav().value_or(nav), nav);
  for (const auto& t : enter) {
    in.sector_of[t] = sector_of(t);
    if (auto h = histories.find(t); h != histories.end() && h->second.dates.back() == as_of) {
      in.prices[t] = h->second.close.back();
      if (std::isfinite(h->second.vwap.back())) in.vwap[t] = h->second.vwap.back();
    }
  }
  for (const auto& p : in.portfolio.positions) in.sector_of[p.ticker] = p.sector;

  run.plan = plan_day(in, d.config);
  // The file may lag what the daemon already did today (its journal): bring
  // it up to date before merging, and let the daemon's live stops stand.
  const DayJournal journal(d.ledger, date);
  run.book = d.order_books.update(date, [&](core::OrderBook& book) {
    journal.apply(book);
    merge_plan_into_book(book, run.plan.book);
    journal.apply(book);
  });
  d.ledger.replace_shadow_book(date, run.plan.blocked);
  const auto day = core::format_date(date);
  d.store.put("trades/order_book/" + day + ".json", nlohmann::json(run.book).dump(2) + "\n");
  d.store.put("order_books/" + day + "/summary.json",
              summary_of(run.book, run.plan).dump(2) + "\n");
  return run;
}

}  // namespace

PlannerRun run_morning_planner(core::Date date, const PlannerDeps& d) {
  try {
    auto run = plan_once(date, d);
    d.metrics.put_metric(
        {"AlphaEngine", "Heartbeat", {{"Process", "executor-morning"}}, 1, "Count", d.clock.now()});
    core::write_health(d.store, "executor", core::HealthStatus::kOk, date, d.clock.now(),
                       {{"n_enter", run.book.approved_entries.size()},
                        {"n_exit", run.book.urgent_exits.size()},
                        {"n_stops", run.book.active_stops.size()},
                        {"n_blocked", run.plan.blocked.size()},
                        {"dd_multiplier", run.plan.dd_multiplier}},
                       run.warnings, std::nullopt);
    spdlog::info("plan {}: {} entries, {} exits, {} stops, {} blocked", core::format_date(date),
                 run.book.approved_entries.size(), run.book.urgent_exits.size(),
                 run.book.active_stops.size(), run.plan.blocked.size());
    return run;
  } catch (const std::exception& error) {
    try {
      core::write_health(d.store, "executor", core::HealthStatus::kFailed, date, d.clock.now(),
                         nlohmann::json::object(), {}, std::string(error.what()));
    } catch (const std::exception& health_error) {
      spdlog::error("plan: could not write health/executor.json: {}", health_error.what());
    }
    throw;
  }
}

}  // namespace ae::executor
