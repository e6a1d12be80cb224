// Assembling the planner's input from its sources, shared by the live morning
// planner (sources: the store, the broker, the ledger) and the backtester
// (sources: its replayed book), so that both hand plan_day exactly the same
// input for the same state:
//   - the candidates are the ENTER tickers of the day's actionable signals,
//     or with candidates_from_predictions (the benchmark-relative
//     construction) every predicted ticker but SPY; candidates and held
//     tickers need histories; so do SPY and each held ticker's sector ETF
//     (planner_symbols);
//   - SPY must have its as-of bar, and every ENTER ticker a fresh ATR
//     (PipelineHardFail otherwise, gates.h); a predicted candidate without a
//     fresh as-of bar or ATR is left out (no price), not a failure;
//   - positions are valued at their as-of closes; a held ticker without one
//     (or without a fresh ATR) is a PipelineHardFail under held_data_gate,
//     else valued at its last close (at its average cost without any bar)
//     and marked stale_since (the planners leave it untouched);
//     NAV = cash + market values; peak NAV = the larger of the recorded peak
//     and today's NAV;
//   - a ticker's sector comes from its signal, else the universe;
//   - predictions are kept for the actionable tickers only (all the planner
//     reads), or all of them with candidates_from_predictions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/ticker_order.h"
#include "executor/planning/planner.h"
#include "market/universe.h"

namespace ae::executor {

struct HeldPosition {
  std::string ticker;
  int shares = 0;
  double avg_cost = 0;
  std::optional<core::Date> entry_date;
};

struct PlanSources {
  core::Date date;   // the trading day planned
  core::Date as_of;  // the last session closed before it
  const core::Signals* signals = nullptr;
  int signal_age_days = 0;
  const std::vector<core::Prediction>* predictions = nullptr;  // null: none for the day
  std::vector<HeldPosition> positions;
  double cash = 0;
  std::optional<double> recorded_peak_nav;
  const market::Universe* universe = nullptr;  // optional: sectors of unsignalled tickers
  bool candidates_from_predictions = false;    // RiskConfig::benchmark_relative
  bool held_data_gate = true;                  // RiskConfig::held_data_gate
};

// The symbols whose histories the planner reads for these sources.
std::vector<std::string> planner_symbols(const PlanSources& sources);

// The part of the planner's input that is the same for every book planning
// the day (everything but the positions, the cash and the peak NAV): the
// signal index, the predictions kept, the ENTER and predicted candidates'
// prices, ATR%, VWAP and sectors, and with candidates_from_predictions their
// ranking (candidate_ranking.h). A backtest sweep builds it once per day and
// shares it: a book's input references these (PlanInput's shared pointers,
// TickerValues' shared part) and adds its holdings' values, copying nothing.
struct DayPlanInput {
  PlanInput common;
  std::vector<std::string> enter_without_atr;   // ENTER tickers the ATR gate refuses
  core::TickerMap<std::string> signal_sectors;  // actionable ticker -> its signal's sector
  core::TickerMap<double> research_scores;      // actionable ticker -> its signal's score, if any
};

// The day's part; reads every field of `sources` but the positions, the cash
// and the recorded peak NAV.
DayPlanInput assemble_day_input(const PlanSources& sources, const PriceHistories& histories);

// The planner's input for the book of `sources` on the day of `day` (built
// from the same sources but the book's), with every gate applied.
PlanInput assemble_book_input(const DayPlanInput& day, const PlanSources& sources,
                              const PriceHistories& histories);

// The planner's input; `histories` must hold at least planner_symbols(sources)
// as of sources.as_of and outlive the result (it is referenced, not copied).
PlanInput assemble_plan_input(const PlanSources& sources, const PriceHistories& histories);

}  // namespace ae::executor
