// The benchmark-relative construction (RiskConfig::benchmark_relative, the
// default profile), pure: the day's predictions in, the orders that move the
// book towards its target weights out.
//
//   1. Candidates (candidate_ranking.h): every predicted ticker but SPY with
//      a price and an ATR, ranked by predicted alpha (highest first, ticker
//      order on ties).
//      Eligible: alpha >= min_alpha and, with risk_rules.gbm_veto, no GBM veto.
//   2. Selection: a held stock stays while it is eligible and ranks within
//      hold_rank_multiple x max_names, and always while it has been held
//      fewer than min_holding_days sessions; then the best eligible stocks
//      not held enter, while fewer than max_names are selected, if their
//      alpha exceeds cost_hurdle x their round-trip cost (the cost model of
//      execution_models.h at the target size).
//   3. Weights: (n - rank) / n x ((1 - confidence_weight) + 2 confidence_weight
//      x confidence), divided by ATR% with volatility_scaling; scaled to sum
//      to stock_sleeve_pct x the drawdown multiplier (1 without
//      risk_rules.drawdown_breaker); each capped at max_name_pct; with
//      risk_rules.sector_caps, a sector's names scaled down to its universe
//      share (among the candidates) x the sleeve + max_sector_active_pct.
//      What the caps take off goes to SPY.
//   4. SPY sleeve: target_equity_pct minus the stocks' weights after trading.
//   5. Orders: a held stock without a target exits; a weight differing from
//      its target by more than rebalance_threshold_pct of NAV trades (REDUCE
//      to sell, ENTER to buy, whole shares); SPY likewise; a new stock enters
//      at its target when that is at least min_position_dollar. Entries execute at the open
//      (trigger market_on_open). Stocks the veto or the cost hurdle kept out
//      while they ranked within max_names go to the shadow book.
// Returns the tickers that exit in full (no stop is set for them).
#pragma once

#include <set>
#include <string>

#include "executor/planning/planner.h"

namespace ae::executor {

std::set<std::string> plan_benchmark_relative(const PlanInput& input, const RiskConfig& config,
                                              Plan& plan);

}  // namespace ae::executor
