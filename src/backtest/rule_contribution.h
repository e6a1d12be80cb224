// What each switchable risk rule cost or saved over a replay: the same
// prepared days replayed with the rule flipped (on -> off, or off -> on),
// everything else equal. A contribution is the run's figure minus the
// flipped run's: positive when the rule as configured added return.
// Rules: drawdown_breaker, atr_stops, sector_caps, gbm_veto (the
// risk_rules.* parameters of executor/risk_parameter_list.def).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "backtest/decision_inputs.h"
#include "backtest/metrics.h"
#include "backtest/replay.h"

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

// One flipped book per rule, stepped together as a sweep (progress, metrics and the live coverage
// metric off); `reported` is compute_metrics of the run reported.
std::vector<RuleContribution> rule_contributions(const DecisionInputs& inputs,
                                                 const ReplayOptions& options,
                                                 const Metrics& reported);

nlohmann::json to_json(const RuleContribution& contribution);

}  // namespace ae::backtest
