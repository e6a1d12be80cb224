// The morning planner's decision core (exits, reduces, entries, stops), pure:
// typed inputs in, the day's order book and the shadow book of blocked entries
// out. The backtester calls plan_day directly.
//
// Exits first: strategy exits, research EXIT signals for held tickers and
// drawdown-forced exits (EXIT = all shares), then REDUCEs (research and
// strategy, not already exiting; shares = floor(held x reduce_fraction)).
// Then each ENTER signal (buy candidates first, deduplicated, candidates win)
// in this order: already held -> momentum gate -> price -> sizing -> zero
// shares -> GBM veto -> risk guard. Approved entries count towards the sector
// and equity exposure of the entries after them. Stops for held longs not
// exiting; shorts get a COVER.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/contracts/order_book.h"
#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/ticker_order.h"
#include "executor/planning/ticker_values.h"
#include "executor/portfolio.h"
#include "executor/risk_config.h"

namespace ae::executor {

using PredictionsByTicker = core::TickerMap<core::Prediction>;
class CandidateRanking;  // candidate_ranking.h

// An actionable signal without a copy: its upper-cased ticker and its entry
// (which points into the Signals indexed).
struct ActionableSignal {
  std::string ticker;
  const core::SignalEntry* entry = nullptr;
};

// The actionable signals of a day: buy candidates then universe, deduplicated
// by upper-cased ticker, the buy candidate winning. Built once per day and
// shared by the books of a backtest day.
struct SignalIndex {
  std::vector<ActionableSignal> actionable;            // in that order
  std::vector<ActionableSignal> enter;                 // the ENTER ones, in order
  std::map<std::string, core::SignalAction> research;  // every actionable ticker's signal
};

SignalIndex index_signals(const core::Signals& signals);

struct PlanInput {
  core::Date run_date;
  const core::Signals* signals = nullptr;
  // index_signals(*signals), shared by the books of a backtest day; null:
  // plan_day indexes the signals itself.
  std::shared_ptr<const SignalIndex> signal_index;
  // By upper-cased ticker; shared, not copied, by the books of a backtest day.
  std::shared_ptr<const PredictionsByTicker> predictions =
      std::make_shared<const PredictionsByTicker>();
  Portfolio portfolio;  // positions carry sector, entry date, research score
  double peak_nav = 0;
  const PriceHistories* histories = nullptr;      // as of the last closed day
  TickerValues<double> prices;                    // current price per ENTER/held ticker
  TickerValues<double> atr_pct;                   // ENTER and held tickers
  TickerValues<double> vwap;                      // prior-day VWAP, where known
  std::map<std::string, std::string> sector_etf;  // held ticker -> ETF symbol
  TickerValues<std::string> sector_of;            // ticker -> canonical sector
  int signal_age_days = 0;
  // The benchmark-relative candidates ranked from the day's part, shared by
  // the books of a backtest day; null: the construction ranks them itself.
  std::shared_ptr<const CandidateRanking> candidates;
};

struct ShadowEntry {
  std::string ticker;
  std::string block_reason;
  std::optional<double> research_score;
  std::string conviction;
  std::string sector;
  std::string sector_rating;
  std::optional<std::string> predicted_direction;
  std::optional<double> prediction_confidence;
  double intended_position_pct = 0;
  int intended_shares = 0;
  double intended_dollars = 0;
  std::optional<double> current_price;
  double portfolio_nav = 0;
  std::string market_regime;
};

struct Plan {
  core::OrderBook book;
  std::vector<ShadowEntry> blocked;
  double dd_multiplier = 1;
};

Plan plan_day(const PlanInput& input, const RiskConfig& config);

}  // namespace ae::executor
