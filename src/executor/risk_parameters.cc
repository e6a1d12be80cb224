#include "executor/risk_parameters.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/embedded_files.h"

namespace ae::executor {
namespace {

using core::ParameterSpec;
using core::ParameterType;

ParameterSpec number(std::string key, double value, double min, double max, std::string description,
                     std::string alias = "") {
  return {std::move(key),         ParameterType::kDouble, value, min, max,
          std::move(description), std::move(alias)};
}

ParameterSpec integer(std::string key, std::int64_t value, double min, double max,
                      std::string description, std::string alias = "") {
  return {std::move(key),         ParameterType::kInt, value, min, max,
          std::move(description), std::move(alias)};
}

ParameterSpec flag(std::string key, bool value, std::string description, std::string alias = "") {
  return {std::move(key),         ParameterType::kBool, value, 0, 0,
          std::move(description), std::move(alias)};
}

}  // namespace

core::ParameterSet risk_parameters() {
  return core::ParameterSet(
      "risk",
      {
          // Entry gates
          number("min_score_to_enter", 30, 0, 100, "Research score below which an entry is blocked",
                 "min_score"),
          flag("momentum_gate_enabled", true,
               "Block entries whose 20-day momentum is below the threshold"),
          number("momentum_gate_threshold", -0.05, -0.30, 0,
                 "20-day momentum floor for entries (decimal)", "momentum_gate_threshold"),
          // Sizing chain
          number("max_position_pct", 0.05, 0.01, 0.25, "Largest position as a share of NAV",
                 "max_position_pct"),
          number("bear_max_position_pct", 0.025, 0.005, 0.25, "Largest position in a bear regime"),
          number("min_position_dollar", 500, 0, 1e7, "Entries smaller than this are dropped"),
          number("sizing.sector_adj.overweight", 1.05, 0.5, 1.5,
                 "Size factor for overweight sectors"),
          number("sizing.sector_adj.market_weight", 1.00, 0.5, 1.5,
                 "Size factor for market-weight sectors"),
          number("sizing.sector_adj.underweight", 0.85, 0.5, 1.5,
                 "Size factor for underweight sectors"),
          number("sizing.conviction_decline_adj", 0.70, 0, 1,
                 "Size factor for declining conviction"),
          number("sizing.upside_fail_adj", 0.70, 0, 1,
                 "Size factor when price-target upside is too small"),
          number("sizing.min_price_target_upside", 0.08, 0, 1,
                 "Upside below which upside_fail_adj applies"),
          flag("atr_sizing_enabled", true, "Scale size by target risk / ATR%"),
          number("atr_sizing_target_risk", 0.02, 0.005, 0.10, "Target daily risk per position",
                 "atr_sizing_target_risk"),
          flag("confidence_sizing_enabled", true, "Scale size by prediction confidence"),
          number("confidence_sizing_min", 0.70, 0.3, 1.0, "Confidence factor at zero confidence",
                 "confidence_sizing_min"),
          number("confidence_sizing_range", 0.60, 0.1, 1.0, "Confidence factor slope",
                 "confidence_sizing_range"),
          flag("use_p_up_sizing", false, "Blend p_up into the confidence factor",
               "use_p_up_sizing"),
          number("p_up_sizing_blend", 0.3, 0, 1, "Weight of the p_up term", "p_up_sizing_blend"),
          number("staleness_decay_per_day", 0.03, 0, 0.2, "Size decay per day of stale signals",
                 "staleness_decay_per_day"),
          integer("signal_cadence_days", 7, 1, 30, "Signal age that is not yet stale"),
          number("staleness_floor", 0.70, 0, 1, "Smallest staleness factor"),
          number("earnings_sizing_reduction", 0.50, 0, 1, "Size cut near earnings",
                 "earnings_sizing_reduction"),
          integer("earnings_proximity_days", 5, 1, 30, "Days to earnings that count as near",
                  "earnings_proximity_days"),
          // Risk guard
          number("drawdown_circuit_breaker", 0.06, 0.01, 0.5,
                 "Drawdown from peak NAV that halts entries"),
          number("max_sector_pct", 0.25, 0.05, 1, "Largest sector exposure as a share of NAV"),
          number("max_equity_pct", 0.90, 0.1, 1, "Largest total equity exposure as a share of NAV"),
          flag("bear_block_underweight", true,
               "In a bear regime, block entries in underweight sectors"),
          flag("correlation_block_enabled", true,
               "Block entries too correlated with same-sector holdings"),
          integer("correlation_lookback_days", 60, 10, 250,
                  "Return window for the correlation check"),
          number("correlation_block_threshold", 0.80, 0.3, 1.0,
                 "Mean correlation that blocks an entry", "correlation_block_threshold"),
          // Exits
          number("strategy.exit_manager.atr_multiplier", 2.5, 0.5, 10, "ATR trailing-stop multiple",
                 "atr_multiplier"),
          number("strategy.exit_manager.fallback_stop_pct", 0.10, 0.01, 0.5,
                 "Stop below cost when ATR is unknown"),
          number("strategy.exit_manager.profit_take_pct", 0.25, 0.05, 1.0,
                 "Gain that triggers a REDUCE", "profit_take_pct"),
          number("strategy.exit_manager.momentum_exit_threshold", -0.15, -0.50, 0,
                 "20-day momentum below which (with RSI < 30) a position exits",
                 "momentum_exit_threshold"),
          integer("strategy.exit_manager.time_decay_reduce_days", 7, 1, 30,
                  "Trading days held before a REDUCE", "time_decay_reduce_days"),
          integer("strategy.exit_manager.time_decay_exit_days", 14, 1, 60,
                  "Trading days held before an EXIT", "time_decay_exit_days"),
          number("reduce_fraction", 0.5, 0.1, 1.0, "Share of a position sold by a REDUCE",
                 "reduce_fraction"),
          // Intraday daemon (the reference's daemon ignored tuned values; ours does not)
          number("intraday.entry_triggers.pullback_atr_multiple", 1.0, 0.1, 5,
                 "Pullback from the day's high, in ATR%, that triggers an entry"),
          number("intraday.entry_triggers.vwap_discount", 0.005, 0, 0.1,
                 "Discount to the prior-day VWAP that triggers an entry"),
          number("intraday.entry_triggers.support_pct", 0.01, 0, 0.1,
                 "Distance above the 20-day low that triggers an entry"),
          integer("intraday.entry_triggers.graduated_after_minute", 14 * 60, 9 * 60 + 30, 16 * 60,
                  "New York minute of day after which graduated entries apply (14:00)"),
          number("intraday.entry_triggers.graduated_max_rise", 0.01, 0, 0.1,
                 "Largest rise over the morning price for a graduated entry"),
          integer("intraday.entry_triggers.expiry_minute", 15 * 60 + 55, 9 * 60 + 30, 16 * 60,
                  "New York minute of day of the unconditional entry (15:55)"),
          number("intraday.exits.stop_atr_multiple", 2.0, 0.5, 10,
                 "Initial trailing-stop distance in ATRs"),
          number("intraday.exits.tightened_atr_multiple", 1.5, 0.5, 10,
                 "Trailing-stop distance once the position is old enough"),
          integer("intraday.exits.tighten_after_days", 3, 0, 60,
                  "Calendar days held before the stop tightens"),
          number("intraday.exits.profit_take_pct", 0.08, 0.01, 1,
                 "Intraday gain that sells half the position, once"),
          number("intraday.exits.collapse_pct", 0.05, 0.01, 0.5,
                 "Drop from the day's high that exits the position"),
          // Paper broker models
          number("broker.slippage_bps", 5, 0, 500, "Fixed slippage in basis points"),
          number("broker.impact_coefficient", 0.1, 0, 10,
                 "Volume-share impact: price moves impact * share^2 (zipline)"),
          number("broker.max_volume_share", 0.025, 0.001, 1,
                 "Largest share of a minute's volume one order may fill"),
          number("broker.commission_per_share", 0.005, 0, 1, "Commission per share"),
          number("broker.commission_minimum", 1.0, 0, 100, "Smallest commission per order"),
          number("broker.commission_bps", 0, 0, 100, "Commission in basis points of notional"),
          number("broker.initial_cash", 1000000, 1000, 1e10, "Cash of a new paper account"),
          {"intraday.entry_triggers.disabled_triggers", ParameterType::kStringList,
           std::vector<std::string>{}, 0, 0, "Intraday entry triggers switched off",
           "disabled_triggers"},
      },
      {"updated_at", "best_sharpe", "best_alpha", "improvement_pct", "n_combos_tested",
       "manual_override"});
}

core::ParameterSet load_risk_parameters(const std::filesystem::path& user_file,
                                        const core::ArtifactStore& store) {
  auto parameters = risk_parameters();
  parameters.apply_yaml_text(
      std::string(core::find_embedded(core::shipped_config::embedded_files(), "risk.yaml")),
      "config/risk.yaml");
  if (!user_file.empty() && std::filesystem::exists(user_file))
    parameters.apply_yaml_file(user_file);
  if (auto tuned = store.try_get(kTunedParametersKey)) {
    const auto document = nlohmann::json::parse(*tuned, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
      spdlog::warn("risk: {} is not valid JSON; tuned parameters ignored", kTunedParametersKey);
    } else {
      parameters.apply_tuned(document, std::string("store:") + kTunedParametersKey);
    }
  }
  return parameters;
}

}  // namespace ae::executor
