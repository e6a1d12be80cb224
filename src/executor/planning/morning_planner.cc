#include "executor/planning/morning_planner.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/contracts/contract.h"
#include "core/contracts/health_writer.h"
#include "core/text.h"
#include "executor/errors.h"
#include "executor/intraday/day_journal.h"
#include "executor/ledger/corporate_action_booking.h"
#include "executor/planning/coverage_guard.h"
#include "executor/planning/gates.h"
#include "executor/planning/inputs.h"
#include "executor/planning/market_data.h"
#include "executor/planning/plan_input.h"

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

  auto signals = read_signals_with_fallback(d.store, date, d.config.signal_cadence_days);
  run.warnings = signals.warnings;
  const auto predictions = read_predictions(d.store, date);
  assert_predictions_cover_buy_candidates(signals.signals, predictions, d.metrics, d.clock.now());
  const auto as_of = calendar.date_at(calendar.index_of(date) - 1);
  check_upstream_health(d.store, d.clock.now(), as_of);
  // A holding delisted or merged by the last close is sold before it is
  // valued (EOD books it too; a re-run books nothing twice).
  book_corporate_actions(as_of, d.broker, d.ledger, d.bars, d.clock);
  PlanSources sources;
  sources.date = date;
  sources.as_of = as_of;
  sources.signals = &signals.signals;
  sources.signal_age_days = signals.age_days;
  if (predictions) sources.predictions = &predictions->predictions;
  for (const auto& p : d.broker.positions())
    sources.positions.push_back(
        {p.ticker, p.shares, p.avg_cost, d.ledger.latest_entry_date(p.ticker)});
  sources.cash = d.broker.cash();
  // The drawdown's peak: the last drawdown_peak_window_days sessions' NAVs.
  sources.recorded_peak_nav = d.ledger.peak_nav(
      calendar.date_at(std::max(calendar.index_of(date) - d.config.drawdown_peak_window_days, 0)));
  const auto universe = d.bars.has_universe() ? d.bars.read_universe() : market::Universe{};
  sources.universe = &universe;
  sources.candidates_from_predictions = d.config.benchmark_relative;
  sources.held_data_gate = d.config.held_data_gate;
  const auto histories = load_histories(d.bars, planner_symbols(sources), as_of);
  const auto in = assemble_plan_input(sources, histories);
  for (const auto& p : in.portfolio.positions)
    if (p.stale_since)
      spdlog::warn("planner: held {} has no close on {}; valued at its close of {}, not traded",
                   p.ticker, core::format_date(as_of), core::format_date(*p.stale_since));

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
