#include "backtest/rule_contribution.h"

#include <tbb/parallel_for.h>

#include <utility>

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
  // The flipped replays are independent books over shared read-only inputs
  // (as a sweep's): they run concurrently.
  std::vector<Metrics> flipped_metrics(rules().size());
  tbb::parallel_for(std::size_t{0}, rules().size(), [&](std::size_t i) {
    ReplayOptions flipped = options;
    flipped.progress = {};
    flipped.metrics = nullptr;
    const auto flag = rules()[i].second;
    flipped.config.*flag = !(options.config.*flag);
    flipped_metrics[i] = compute_metrics(replay(inputs, flipped));
  });
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
