// One simulated trading day of one book, with the live executor's code:
//   morning  - the coverage guard on the day's signals and predictions (the
//              metric always emitted; a gap means no plan, as live), then
//              the planner's input assembled as the live planner does
//              (executor::assemble_book_input over the day's shared part) and
//              executor::plan_day; a PipelineHardFail of the input gates (SPY
//              or ATR missing, a held ticker without a close) is a guard
//              firing: recorded, nothing traded that day, as live;
//   open     - the order book executes at the day's open through the paper
//              broker's execution models (executor::price_market_order):
//              urgent exits and reduces first, then approved entries (a BUY
//              needing more cash than the book has is rejected, as the
//              broker does); a ticker without a bar that day does not trade;
//              an EXIT or STOP the volume cap fills in part is recorded as
//              a REDUCE (the position stays open);
//   session  - an active stop fires when the day's low reaches it and sells
//              the whole position at the stop, or at the open if the day
//              opened below it;
//   close    - the corporate actions due (executor/corporate_actions.h: a
//              delisted or merged holding is sold at its settlement price,
//              as live EOD books it), then mark to market at the day's
//              closes (the last close before when a holding has none today,
//              a halt); the peak NAV is the highest of
//              the last drawdown_peak_window_days end-of-day NAVs, as the live
//              planner reads it from the ledger's eod_pnl.
// Deliberate divergences from the live daemon (docs/backtest.md): entries fill
// at the open instead of on intraday triggers; the daemon's intraday exits
// (profit take, collapse) and stop ratchets are not replayed.
// The DayMarket of a day is shared read-only by every book of a sweep.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "backtest/decision_inputs.h"
#include "core/contracts/coverage.h"
#include "core/metric_sink.h"
#include "core/ticker_order.h"
#include "executor/broker/execution_models.h"
#include "executor/planning/plan_input.h"
#include "executor/planning/planner.h"
#include "executor/risk_config.h"

namespace ae::backtest {

struct BookState {
  double cash = 0;
  core::TickerMap<executor::HeldPosition> holdings;  // by ticker
  std::vector<double> recent_navs;  // the last drawdown_peak_window_days end-of-day NAVs
  std::optional<double> peak_nav;   // the highest of them
  double nav = 0;                   // last end-of-day NAV
};

BookState opening_book(double cash);

struct Fill {
  core::Date date;
  std::string ticker;
  std::string action;  // ENTER, EXIT, REDUCE, STOP
  int shares = 0;
  double price = 0;
  double commission = 0;
  double cost = 0;  // what the fill paid against the quote: slippage x shares + commission, $
  std::string reason;
};

struct Rejection {
  core::Date date;
  std::string ticker;
  std::string action;
  std::string reason;
};

struct GuardFiring {
  core::Date date;
  std::string guard;  // UnscoredBuyCandidatesError, PipelineHardFail
  std::string message;
};

class DayMarket {
 public:
  // Histories as of day.as_of for `symbols`, and the day's own bars.
  DayMarket(const SeriesCache& series, const DecisionDay& day,
            const std::vector<std::string>& symbols);
  const executor::PriceHistories& histories() const { return histories_; }
  // The day's bar of `ticker`, if it has one.
  const market::Bar* today(const std::string& ticker) const;
  // The cost model's view of the ticker today: the day's volume, and the
  // volatility of the closes up to the as-of session.
  executor::Liquidity liquidity(const std::string& ticker) const;
  // The book-independent part of the planner's input for `sources` (any
  // book's sources of this day): built on first use, once per value of
  // candidates_from_predictions, and shared by every book (thread-safe).
  const executor::DayPlanInput& plan_input(const executor::PlanSources& sources) const;

 private:
  executor::PriceHistories histories_;
  core::TickerMap<market::Bar> today_;
  mutable std::array<std::once_flag, 2> plan_input_once_;
  mutable std::array<std::optional<executor::DayPlanInput>, 2> plan_inputs_;
};

// The planner's sources for one book on one day (signals must be set).
executor::PlanSources plan_sources(const BookState& book, const DecisionDay& day,
                                   const SeriesCache& series, const executor::RiskConfig& config);

// The coverage guard of each day of a pass (shared by every book), in date
// order: a firing when it refuses. Emits the metric to `metrics` every day, as
// live; the coverage itself is computed once for the days that share their
// signals and predictions (a research run's).
class CoverageGuard {
 public:
  explicit CoverageGuard(core::MetricSink& metrics) : metrics_(metrics) {}
  std::optional<GuardFiring> check(const DecisionDay& day);

 private:
  core::MetricSink& metrics_;
  // What coverage_ was computed from (held, so neither address is reused).
  std::shared_ptr<const core::Signals> signals_;
  std::shared_ptr<const core::Predictions> predictions_;
  std::optional<core::CoverageResult> coverage_;
};

struct DayResult {
  std::optional<executor::Plan> plan;  // none: no signals, or a guard fired
  std::optional<GuardFiring> guard;
  std::vector<Fill> fills;
  std::vector<Rejection> rejections;
  double nav = 0, cash = 0, invested = 0;
};

// The whole day for one book. `coverage` is CoverageGuard's verdict for the
// day; `market` must hold at least planner_symbols(plan_sources(book, day, series, config)).
DayResult step_day(BookState& book, const DayMarket& market, const DecisionDay& day,
                   const std::optional<GuardFiring>& coverage, const SeriesCache& series,
                   const executor::RiskConfig& config, const executor::ExecutionModels& models);

}  // namespace ae::backtest
