// Strategy-layer exits, pure. For each held long position with an entry date
// whose research signal is not already EXIT/REDUCE, the first rule that fires
// wins:
//   1. ATR trailing stop: highest high since entry - ATR x multiple, vetoed
//      when the stock beat its sector ETF by > 5% over the last 20 bars;
//      without an ATR, the fallback stop at avg_cost x (1 - 10%);
//   2. profit take (gain >= 25%) -> REDUCE;
//   3. momentum exit (20-day momentum < -15% and RSI14 < 30) -> EXIT;
//   4. time decay (only for HOLD or no signal): weekdays held >= 14 -> EXIT,
//      >= 7 -> REDUCE.
// drawdown_forced_exits picks the lowest-(score, market value) positions not
// already exiting: 2 when dd_multiplier <= 0.25, 1 when <= 0.5.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/contracts/order_book.h"
#include "core/contracts/signals.h"
#include "executor/planning/ticker_values.h"
#include "executor/portfolio.h"
#include "executor/risk_config.h"

namespace ae::executor {

struct ExitDecision {
  std::string ticker;
  core::ExitAction action = core::ExitAction::kExit;
  std::string reason;  // atr_trailing_stop, fallback_stop, profit_take, ...
  std::string detail;
};

// Every member is referenced, not copied (the planner's own maps), and must
// be set.
struct ExitInput {
  core::Date run_date;
  const Portfolio* portfolio = nullptr;
  const PriceHistories* histories = nullptr;     // held tickers and sector ETFs / SPY
  const TickerValues<double>* prices = nullptr;  // current price per held ticker
  const std::map<std::string, core::SignalAction>* research_signals = nullptr;
  const std::map<std::string, std::string>* sector_etf = nullptr;  // held ticker -> ETF symbol
};

std::vector<ExitDecision> evaluate_strategy_exits(const ExitInput& input, const RiskConfig& config);

std::vector<ExitDecision> drawdown_forced_exits(const Portfolio& portfolio, double dd_multiplier,
                                                const std::set<std::string>& already_exiting);

// Weekdays strictly after `entry` up to and including `run_date` (holidays
// counted, as the reference did).
int weekdays_held(core::Date entry, core::Date run_date);

}  // namespace ae::executor
