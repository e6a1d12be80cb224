#include "research/research_parameters.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/embedded_files.h"
#include "core/error.h"

namespace ae::research {
namespace {

using core::ParameterSpec;
using core::ParameterType;

void add_blend(std::vector<ParameterSpec>& specs, const std::string& regime, double quality,
               double momentum, double value, double low_vol) {
  const std::string prefix = "factor_blend." + regime + ".";
  specs.push_back(
      core::number_parameter(prefix + "quality", quality, -1, 1, "Quality weight, " + regime));
  specs.push_back(
      core::number_parameter(prefix + "momentum", momentum, -1, 1, "Momentum weight, " + regime));
  specs.push_back(
      core::number_parameter(prefix + "value", value, -1, 1, "Value weight, " + regime));
  specs.push_back(
      core::number_parameter(prefix + "low_vol", low_vol, -1, 1, "Low-vol weight, " + regime));
}

void check_sum(const core::ParameterSet& p, const std::string& group,
               const std::vector<std::string>& keys) {
  double sum = 0;
  for (const auto& key : keys) sum += p.get_double(group + "." + key);
  if (std::abs(sum - 1.0) > 1e-6) {
    throw core::InvalidInput("research parameters: the weights of '" + group + "' sum to " +
                             std::to_string(sum) + ", not 1");
  }
}

}  // namespace

core::ParameterSet research_parameters() {
  std::vector<ParameterSpec> specs = {
      // Scanner (§2.3)
      core::number_parameter("scanner.min_avg_volume", 500000, 0, 1e10,
                             "20-day average volume floor (shares)"),
      core::number_parameter("scanner.min_price", 10, 0, 1e6, "Price floor"),
      core::integer_parameter("scanner.stale_after_days", 5, 0, 60,
                              "Trading days since a ticker's last bar after which it has no data"),
      core::number_parameter("scanner.tech_score_min", 60, 0, 100,
                             "Momentum path: technical score floor"),
      core::number_parameter("scanner.momentum_ma200_floor", -0.15, -1, 0,
                             "Momentum path: price vs MA200 floor (decimal)"),
      core::number_parameter("scanner.max_atr_pct", 0.08, 0.001, 1,
                             "Momentum path: ATR(14)/price ceiling"),
      core::flag_parameter("scanner.deep_value_path", true, "Enable the deep-value path"),
      core::number_parameter("scanner.deep_value_max_rsi", 35, 0, 100,
                             "Deep-value path: RSI below this"),
      core::number_parameter("scanner.deep_value_max_atr_pct", 0.12, 0.001, 1,
                             "Deep-value path: ATR(14)/price ceiling"),
      core::integer_parameter("scanner.momentum_top_n", 60, 0, 5000, "Momentum candidates kept"),
      core::integer_parameter("scanner.deep_value_max_candidates", 10, 0, 5000,
                              "Deep-value candidates kept"),
      core::integer_parameter("scanner.min_combined_candidates", 3, 0, 5000,
                              "Back-fill with the best liquid names up to this many"),
      // Technical score (§2.3)
      core::number_parameter("technical.weights.rsi", 0.2, 0, 1, "RSI sub-score weight"),
      core::number_parameter("technical.weights.macd", 0.2, 0, 1, "MACD sub-score weight"),
      core::number_parameter("technical.weights.ma50", 0.2, 0, 1, "Price vs MA50 sub-score weight"),
      core::number_parameter("technical.weights.ma200", 0.2, 0, 1,
                             "Price vs MA200 sub-score weight"),
      core::number_parameter("technical.weights.momentum", 0.2, 0, 1,
                             "20-day momentum sub-score weight"),
      core::number_parameter("technical.rsi.overbought", 70, 50, 100,
                             "RSI at or above: sub-score 0"),
      core::number_parameter("technical.rsi.oversold.bull", 35, 0, 50,
                             "RSI oversold anchor in a bull regime"),
      core::number_parameter("technical.rsi.oversold.neutral", 30, 0, 50,
                             "RSI oversold anchor, neutral"),
      core::number_parameter("technical.rsi.oversold.bear", 40, 0, 50, "RSI oversold anchor, bear"),
      core::number_parameter("technical.rsi.max_score.bull", 100, 0, 100,
                             "RSI sub-score when oversold, bull"),
      core::number_parameter("technical.rsi.max_score.neutral", 100, 0, 100,
                             "RSI sub-score when oversold"),
      core::number_parameter("technical.rsi.max_score.bear", 75, 0, 100,
                             "RSI sub-score when oversold, bear"),
      // Macro rules (replaces the macro economist, §2.5)
      core::number_parameter("macro.guardrail_vix", 30, 0, 200,
                             "Hard override: VIX above this and ..."),
      core::number_parameter("macro.guardrail_spy_30d", -0.10, -1, 0,
                             "... SPY 30-day return below this -> bear"),
      core::number_parameter("macro.vix_calm", 20, 0, 200, "VIX below this: +1 point"),
      core::number_parameter("macro.vix_stressed", 25, 0, 200, "VIX above this: -1 point"),
      core::number_parameter("macro.drawdown_warn", 0.10, 0, 1,
                             "SPY drawdown from its 1-year high: -1 point"),
      core::number_parameter("macro.drawdown_severe", 0.20, 0, 1, "SPY drawdown: -2 points"),
      core::number_parameter("macro.breadth_strong", 0.60, 0, 1,
                             "Share of the universe above MA200: +1 point"),
      core::number_parameter("macro.breadth_weak", 0.40, 0, 1,
                             "Share of the universe above MA200: -1 point"),
      core::integer_parameter("macro.bull_points", 2, -10, 10,
                              "Points at or above which the regime is bull"),
      core::integer_parameter("macro.bear_points", -2, -10, 10,
                              "Points at or below which the regime is bear"),
      core::integer_parameter("macro.sector_lookback_days", 60, 5, 250,
                              "Trading days of sector-vs-SPY relative return behind the modifiers"),
      core::number_parameter("macro.sector_sensitivity", 2.0, 0, 20,
                             "Modifier = 1 + sensitivity x relative return"),
      core::number_parameter("macro.overweight_at", 1.08, 1, 1.3,
                             "Modifier at or above: overweight"),
      core::number_parameter("macro.underweight_at", 0.92, 0.7, 1,
                             "Modifier at or below: underweight"),
      // Sector teams and composite (§2.6, §2.7)
      core::integer_parameter("teams.quant_top_n", 10, 1, 100,
                              "Names per team ranked by quant score"),
      core::integer_parameter("teams.picks_per_team", 3, 0, 20, "Recommendations per team"),
      core::number_parameter("composite.weight_quant", 0.35, 0, 1,
                             "Legacy weight of the quant score"),
      core::number_parameter("composite.weight_qual", 0.35, 0, 1,
                             "Legacy weight of the qual score"),
      core::number_parameter("composite.weight_factor", 0.30, 0, 1,
                             "Legacy weight of the factor subscore"),
      core::number_parameter("composite.buy_threshold", 65, 0, 100, "Final score at or above: BUY"),
      core::number_parameter("composite.sell_threshold", 40, 0, 100,
                             "Final score at or below: SELL"),
      // CIO (§2.9)
      core::integer_parameter("cio.max_new_entrants", 10, 0, 100,
                              "Cap on net-new admissions per run"),
      core::integer_parameter("cio.min_new_entrants", 2, 0, 100,
                              "Floor on net-new admissions (force-fill)"),
      core::number_parameter("cio.force_fill_conviction_floor", 60, 0, 100,
                             "Force-fill only at or above"),
      core::integer_parameter("cio.new_entrant_alert_floor", 2, 0, 100,
                              "Warn when fewer net-new entrants"),
      core::number_parameter("cio.veto_below", 50, 0, 100,
                             "Rule CIO: quant or qual below this -> REJECT"),
      core::number_parameter("cio.dual_floor", 60, 0, 100,
                             "Rule CIO: quant and qual both below -> REJECT"),
      core::number_parameter("cio.underweight_min_score", 70, 0, 100,
                             "Rule CIO: underweight-sector names need at least this final score"),
      core::text_parameter(
          "cio.agent_failure_policy", "rule",
          "When a CIO agent fails: 'rule' (rule CIO) or 'top2' (the reference's lax fallback)"),
      // Population (§2.8)
      core::integer_parameter("population.target_size", 25, 1, 500, "Target population"),
      core::integer_parameter("population.max_size", 30, 1, 500, "Largest population"),
      core::number_parameter("population.thesis_collapse_threshold", 40, 0, 100,
                             "Score below: exit at once"),
      core::number_parameter("population.min_long_term_score", 45, 0, 100,
                             "Score below: exit after min tenure"),
      core::integer_parameter("population.min_tenure_weeks", 2, 0, 52,
                              "Tenure before score_degraded applies"),
      core::integer_parameter("population.max_rotations_per_run", 10, 0, 500,
                              "Cap on score_degraded exits"),
      // Optional buy-candidate gates (§2.10)
      core::flag_parameter("gates.coherence_enabled", false,
                           "Block underweight-sector entries below a score"),
      core::number_parameter("gates.coherence_min_score", 80, 0, 100, "Coherence gate score floor"),
      core::flag_parameter("gates.quality_floor_enabled", false,
                           "Block entries with a low quality factor"),
      core::number_parameter("gates.quality_floor_min_percentile", 10, 0, 100,
                             "Quality factor floor"),
      {"gates.quality_floor_exempt_sectors", ParameterType::kStringList,
       std::vector<std::string>{"Financial", "Real Estate", "Utilities"}, 0, 0,
       "Sectors exempt from the quality floor (any spelling)", ""},
      // Judgment seam
      core::text_parameter("agents.macro", "", "External macro agent command (empty: the rule)"),
      core::text_parameter("agents.team_review", "",
                           "External team-review agent command (empty: the rule)"),
      core::text_parameter("agents.cio", "", "External CIO agent command (empty: the rule)"),
      core::number_parameter("agents.timeout_seconds", 30, 0.1, 3600,
                             "An agent slower than this falls back"),
  };
  add_blend(specs, "bull", 0.30, 0.40, 0.20, 0.10);
  add_blend(specs, "neutral", 0.25, 0.25, 0.25, 0.25);
  add_blend(specs, "bear", 0.30, 0.10, 0.20, 0.40);
  return core::ParameterSet("research", std::move(specs),
                            {"updated_at", "best_sharpe", "best_alpha", "improvement_pct",
                             "n_combos_tested", "manual_override"});
}

void check_research_parameters(const core::ParameterSet& p) {
  check_sum(p, "technical.weights", {"rsi", "macd", "ma50", "ma200", "momentum"});
  const double legacy = p.get_double("composite.weight_quant") +
                        p.get_double("composite.weight_qual") +
                        p.get_double("composite.weight_factor");
  if (std::abs(legacy - 1.0) > 1e-6) {
    throw core::InvalidInput("research parameters: composite.weight_{quant,qual,factor} sum to " +
                             std::to_string(legacy) + ", not 1");
  }
  const auto& policy = p.get_string("cio.agent_failure_policy");
  if (policy != "rule" && policy != "top2") {
    throw core::InvalidInput("research parameters: cio.agent_failure_policy is '" + policy +
                             "'; expected 'rule' or 'top2'");
  }
  if (p.get_int("population.max_size") < p.get_int("population.target_size")) {
    throw core::InvalidInput("research parameters: population.max_size is below target_size");
  }
  if (p.get_double("composite.sell_threshold") >= p.get_double("composite.buy_threshold")) {
    throw core::InvalidInput(
        "research parameters: composite.sell_threshold must be below buy_threshold");
  }
}

core::ParameterSet load_research_parameters(const std::filesystem::path& user_file,
                                            const core::ArtifactStore& store) {
  auto parameters = research_parameters();
  core::apply_standard_layers(parameters, "research.yaml", user_file, store, kTunedParametersKey);
  check_research_parameters(parameters);
  return parameters;
}

}  // namespace ae::research
