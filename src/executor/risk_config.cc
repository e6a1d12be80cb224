#include "executor/risk_config.h"

namespace ae::executor {

RiskConfig risk_config_from(const core::ParameterSet& p) {
  RiskConfig c;
  c.min_score_to_enter = p.get_double("min_score_to_enter");
  c.momentum_gate_enabled = p.get_bool("momentum_gate_enabled");
  c.momentum_gate_threshold = p.get_double("momentum_gate_threshold");
  c.max_position_pct = p.get_double("max_position_pct");
  c.bear_max_position_pct = p.get_double("bear_max_position_pct");
  c.min_position_dollar = p.get_double("min_position_dollar");
  c.sector_adj_overweight = p.get_double("sizing.sector_adj.overweight");
  c.sector_adj_market_weight = p.get_double("sizing.sector_adj.market_weight");
  c.sector_adj_underweight = p.get_double("sizing.sector_adj.underweight");
  c.conviction_decline_adj = p.get_double("sizing.conviction_decline_adj");
  c.upside_fail_adj = p.get_double("sizing.upside_fail_adj");
  c.min_price_target_upside = p.get_double("sizing.min_price_target_upside");
  c.atr_sizing_enabled = p.get_bool("atr_sizing_enabled");
  c.atr_sizing_target_risk = p.get_double("atr_sizing_target_risk");
  c.confidence_sizing_enabled = p.get_bool("confidence_sizing_enabled");
  c.confidence_sizing_min = p.get_double("confidence_sizing_min");
  c.confidence_sizing_range = p.get_double("confidence_sizing_range");
  c.use_p_up_sizing = p.get_bool("use_p_up_sizing");
  c.p_up_sizing_blend = p.get_double("p_up_sizing_blend");
  c.staleness_decay_per_day = p.get_double("staleness_decay_per_day");
  c.signal_cadence_days = static_cast<int>(p.get_int("signal_cadence_days"));
  c.staleness_floor = p.get_double("staleness_floor");
  c.earnings_sizing_reduction = p.get_double("earnings_sizing_reduction");
  c.earnings_proximity_days = static_cast<int>(p.get_int("earnings_proximity_days"));
  c.drawdown_circuit_breaker = p.get_double("drawdown_circuit_breaker");
  c.drawdown_peak_window_days = static_cast<int>(p.get_int("drawdown_peak_window_days"));
  c.max_sector_pct = p.get_double("max_sector_pct");
  c.max_equity_pct = p.get_double("max_equity_pct");
  c.bear_block_underweight = p.get_bool("bear_block_underweight");
  c.correlation_block_enabled = p.get_bool("correlation_block_enabled");
  c.correlation_lookback_days = static_cast<int>(p.get_int("correlation_lookback_days"));
  c.correlation_block_threshold = p.get_double("correlation_block_threshold");
  c.atr_multiplier = p.get_double("strategy.exit_manager.atr_multiplier");
  c.fallback_stop_pct = p.get_double("strategy.exit_manager.fallback_stop_pct");
  c.profit_take_pct = p.get_double("strategy.exit_manager.profit_take_pct");
  c.momentum_exit_threshold = p.get_double("strategy.exit_manager.momentum_exit_threshold");
  c.time_decay_reduce_days =
      static_cast<int>(p.get_int("strategy.exit_manager.time_decay_reduce_days"));
  c.time_decay_exit_days =
      static_cast<int>(p.get_int("strategy.exit_manager.time_decay_exit_days"));
  c.reduce_fraction = p.get_double("reduce_fraction");
  const auto& disabled = p.get_string_list("intraday.entry_triggers.disabled_triggers");
  c.disabled_triggers = {disabled.begin(), disabled.end()};
  c.pullback_atr_multiple = p.get_double("intraday.entry_triggers.pullback_atr_multiple");
  c.vwap_discount = p.get_double("intraday.entry_triggers.vwap_discount");
  c.support_pct = p.get_double("intraday.entry_triggers.support_pct");
  c.graduated_after_minute =
      static_cast<int>(p.get_int("intraday.entry_triggers.graduated_after_minute"));
  c.graduated_max_rise = p.get_double("intraday.entry_triggers.graduated_max_rise");
  c.expiry_minute = static_cast<int>(p.get_int("intraday.entry_triggers.expiry_minute"));
  c.stop_atr_multiple = p.get_double("intraday.exits.stop_atr_multiple");
  c.tightened_atr_multiple = p.get_double("intraday.exits.tightened_atr_multiple");
  c.tighten_after_days = static_cast<int>(p.get_int("intraday.exits.tighten_after_days"));
  c.intraday_profit_take_pct = p.get_double("intraday.exits.profit_take_pct");
  c.collapse_pct = p.get_double("intraday.exits.collapse_pct");
  c.slippage_bps = p.get_double("broker.slippage_bps");
  c.impact_coefficient = p.get_double("broker.impact_coefficient");
  c.max_volume_share = p.get_double("broker.max_volume_share");
  c.commission_per_share = p.get_double("broker.commission_per_share");
  c.commission_minimum = p.get_double("broker.commission_minimum");
  c.commission_bps = p.get_double("broker.commission_bps");
  c.initial_cash = p.get_double("broker.initial_cash");
  return c;
}

}  // namespace ae::executor
