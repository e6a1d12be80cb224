#include <gtest/gtest.h>

#include <set>
#include <string>

#include "executor/risk_config.h"
#include "executor/risk_parameters.h"
#include "support/parameter_table_checks.h"

namespace ae::executor {
namespace {

TEST(RiskParameterTable, RiskConfigIsPinnedToTheTable) {
  test::expect_struct_pinned_to_table<RiskConfig>(risk_parameter_table(), risk_parameters());
}

TEST(RiskParameterTable, LoadingSetsTheBoundMember) {
  auto parameters = risk_parameters();
  parameters.apply_yaml_text(
      "max_position_pct: 0.07\n"
      "strategy: {exit_manager: {time_decay_exit_days: 20}}\n"
      "intraday: {exits: {profit_take_pct: 0.12}, entry_triggers: {disabled_triggers: "
      "[vwap_discount, pullback, vwap_discount]}}\n"
      "use_p_up_sizing: true\n",
      "test");
  const auto c = risk_config_from(parameters);
  EXPECT_DOUBLE_EQ(c.max_position_pct, 0.07);
  EXPECT_EQ(c.time_decay_exit_days, 20);
  EXPECT_DOUBLE_EQ(c.intraday_profit_take_pct, 0.12);
  EXPECT_DOUBLE_EQ(c.profit_take_pct, RiskConfig{}.profit_take_pct);
  EXPECT_EQ(c.disabled_triggers, (std::set<std::string>{"pullback", "vwap_discount"}));
  EXPECT_TRUE(c.use_p_up_sizing);
}

TEST(RiskParameterTable, GridParametersAreNumbersAndTunablesHaveATunedAlias) {
  for (const auto& row : risk_parameter_table()) {
    if (row.tuning == Tuning::kFixed) continue;
    EXPECT_TRUE(row.spec.type == core::ParameterType::kDouble ||
                row.spec.type == core::ParameterType::kInt)
        << row.spec.key;
    if (row.tuning == Tuning::kTunable) {
      EXPECT_FALSE(row.spec.tuned_alias.empty()) << row.spec.key;
    }
  }
}

}  // namespace
}  // namespace ae::executor
