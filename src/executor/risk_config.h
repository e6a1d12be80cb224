// The executor's parameters as one plain struct, read once from the layered
// ParameterSet (risk_parameters.h), so that the pure planner, sizing, risk and
// exit functions (shared with the backtester) take typed values and never
// look keys up in a hot loop. Units are decimals (0.05 = 5%).
#pragma once

#include <set>
#include <string>

#include "core/parameters.h"

namespace ae::executor {

struct RiskConfig {
  // Entry gates
  double min_score_to_enter = 30;
  bool momentum_gate_enabled = true;
  double momentum_gate_threshold = -0.05;
  // Sizing
  double max_position_pct = 0.05;
  double bear_max_position_pct = 0.025;
  double min_position_dollar = 500;
  double sector_adj_overweight = 1.05;
  double sector_adj_market_weight = 1.00;
  double sector_adj_underweight = 0.85;
  double conviction_decline_adj = 0.70;
  double upside_fail_adj = 0.70;
  double min_price_target_upside = 0.08;
  bool atr_sizing_enabled = true;
  double atr_sizing_target_risk = 0.02;
  bool confidence_sizing_enabled = true;
  double confidence_sizing_min = 0.70;
  double confidence_sizing_range = 0.60;
  bool use_p_up_sizing = false;
  double p_up_sizing_blend = 0.3;
  double staleness_decay_per_day = 0.03;
  int signal_cadence_days = 7;
  double staleness_floor = 0.70;
  double earnings_sizing_reduction = 0.50;
  int earnings_proximity_days = 5;
  // Risk guard
  double drawdown_circuit_breaker = 0.06;
  // The peak NAV of the drawdown is the highest end-of-day NAV of the last
  // this many sessions: an all-time peak would halt an all-cash book forever.
  int drawdown_peak_window_days = 63;
  double max_sector_pct = 0.25;
  double max_equity_pct = 0.90;
  bool bear_block_underweight = true;
  bool correlation_block_enabled = true;
  int correlation_lookback_days = 60;
  double correlation_block_threshold = 0.80;
  // Strategy exits
  double atr_multiplier = 2.5;
  double fallback_stop_pct = 0.10;
  double profit_take_pct = 0.25;
  double momentum_exit_threshold = -0.15;
  int time_decay_reduce_days = 7;
  int time_decay_exit_days = 14;
  double reduce_fraction = 0.5;
  // Intraday
  std::set<std::string> disabled_triggers;
  double pullback_atr_multiple = 1.0;
  double vwap_discount = 0.005;
  double support_pct = 0.01;
  int graduated_after_minute = 14 * 60;
  double graduated_max_rise = 0.01;
  int expiry_minute = 15 * 60 + 55;
  double stop_atr_multiple = 2.0;
  double tightened_atr_multiple = 1.5;
  int tighten_after_days = 3;
  double intraday_profit_take_pct = 0.08;
  double collapse_pct = 0.05;
  // Paper broker models
  double slippage_bps = 5;
  double impact_coefficient = 0.1;
  double max_volume_share = 0.025;
  double commission_per_share = 0.005;
  double commission_minimum = 1.0;
  double commission_bps = 0;
  double initial_cash = 1'000'000;
};

RiskConfig risk_config_from(const core::ParameterSet& parameters);

}  // namespace ae::executor
