#include "backtest/rule_contribution.h"

#include <fmt/format.h>

#include <utility>

#include "backtest/sweep.h"
#include "core/error.h"

namespace ae::backtest {
namespace {

using RuleFlag = bool executor::RiskConfig::*;

const std::vector<std::pair<std::string, RuleFlag>>& rules() {
  static const std::vector<std::pair<std::string, RuleFlag>> table = {
      {"drawdown_breaker", &executor::RiskConfig::drawdown_breaker_enabled},
      {"atr_stops", &executor::RiskConfig::atr_stops_enabled},
      {"sector_caps", &executor::RiskConfig::sector_caps_enabled},
      {"gbm_veto", &executor::RiskConfig::gbm_veto_enabled},
  };
  return table;
}

}  // namespace

std::vector<RuleContribution> rule_contributions(const DecisionInputs& inputs,
                                                 const ReplayOptions& options,
                                                 const Metrics& reported) {
  // The flipped books are a sweep over the same days: one market per day
  // shared by every book, the books stepped concurrently (each equals its own
  // replay).
  if (!inputs.series) throw core::InvalidInput("rule contributions: inputs without a series");
  std::vector<executor::RiskConfig> configs;
  for (const auto& [name, flag] : rules()) {
    configs.push_back(options.config);
    configs.back().*flag = !(options.config.*flag);
  }
  const auto swept = run_sweep(*inputs.series, inputs.days, configs);
  std::vector<Metrics> flipped_metrics;
  for (std::size_t i = 0; i < rules().size(); ++i) {
    if (!swept.runs[i].error.empty())
      throw core::InvalidInput(fmt::format("rule contributions: the replay with {} flipped: {}",
                                           rules()[i].first, swept.runs[i].error));
    flipped_metrics.push_back(compute_metrics(swept.runs[i].result));
  }
  std::vector<RuleContribution> out;
  for (std::size_t i = 0; i < rules().size(); ++i) {
    const auto& [name, flag] = rules()[i];
    const auto& metrics = flipped_metrics[i];
    RuleContribution c;
    c.rule = name;
    c.enabled = options.config.*flag;
    c.total_return = reported.portfolio.total_return;
    c.flipped_return = metrics.portfolio.total_return;
    c.active_return = reported.qlib_excess.annualized_return;
    c.flipped_active = metrics.qlib_excess.annualized_return;
    out.push_back(std::move(c));
  }
  return out;
}

nlohmann::json to_json(const RuleContribution& c) {
  return {{"rule", c.rule},
          {"enabled", c.enabled},
          {"total_return", c.total_return},
          {"flipped_total_return", c.flipped_return},
          {"contribution", c.contribution()},
          {"active_return_annualised", c.active_return},
          {"flipped_active_return_annualised", c.flipped_active}};
}

}  // namespace ae::backtest
