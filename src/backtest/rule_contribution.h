// What each switchable risk rule cost or saved over a replay: the same
// prepared days replayed with the rule flipped (on -> off, or off -> on),
// everything else equal. A contribution is the run's figure minus the
// flipped run's: positive when the rule as configured added return.
// Rules: drawdown_breaker, atr_stops, sector_caps, gbm_veto (the
// risk_rules.* parameters of executor/risk_parameter_list.def).
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "backtest/metrics.h"
#include "backtest/sweep.h"
#include "executor/risk_config.h"

namespace ae::backtest {

struct RuleContribution {
  std::string rule;
  bool enabled = false;       // as the reported run has it
  double total_return = 0;    // the reported run
  double flipped_return = 0;  // the same days with the rule flipped
  double active_return = 0;   // annualised mean excess over SPY, the reported run
  double flipped_active = 0;  // ... with the rule flipped
  double contribution() const { return total_return - flipped_return; }
};

// One configuration per rule, `config` with that rule flipped, in the order
// rule_contributions expects their runs: stepped beside the reported replay
// (replay.h replay_alongside), so every book shares one market per day.
std::vector<executor::RiskConfig> flipped_rule_configs(const executor::RiskConfig& config);

// The contributions, from the reported run's configuration and metrics and
// the flipped books' runs; InvalidInput naming the rule whose book failed.
std::vector<RuleContribution> rule_contributions(const executor::RiskConfig& config,
                                                 const Metrics& reported,
                                                 std::span<const SweepRun> flipped);

nlohmann::json to_json(const RuleContribution& contribution);

}  // namespace ae::backtest
