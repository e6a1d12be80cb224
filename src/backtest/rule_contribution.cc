#include "backtest/rule_contribution.h"

#include <fmt/format.h>

#include <utility>

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

std::vector<executor::RiskConfig> flipped_rule_configs(const executor::RiskConfig& config) {
  std::vector<executor::RiskConfig> configs;
  for (const auto& [name, flag] : rules()) {
    configs.push_back(config);
    configs.back().*flag = !(config.*flag);
  }
  return configs;
}

std::vector<RuleContribution> rule_contributions(const executor::RiskConfig& config,
                                                 const Metrics& reported,
                                                 std::span<const SweepRun> flipped) {
  if (flipped.size() != rules().size())
    throw core::InvalidInput(fmt::format("rule contributions: {} flipped runs for {} rules",
                                         flipped.size(), rules().size()));
  std::vector<RuleContribution> out;
  for (std::size_t i = 0; i < rules().size(); ++i) {
    const auto& [name, flag] = rules()[i];
    if (!flipped[i].error.empty())
      throw core::InvalidInput(fmt::format("rule contributions: the replay with {} flipped: {}",
                                           name, flipped[i].error));
    const auto metrics = compute_metrics(flipped[i].result);
    RuleContribution c;
    c.rule = name;
    c.enabled = config.*flag;
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
