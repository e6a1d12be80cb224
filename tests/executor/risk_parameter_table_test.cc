#include <gtest/gtest.h>

#include <cstddef>
#include <set>

#include "executor/risk_config.h"
#include "executor/risk_parameters.h"

namespace ae::executor {
namespace {

// Converts to any member type, so that brace-initialising a struct with N of
// these compiles exactly when the struct has at least N members.
struct AnyMember {
  template <class T>
  operator T() const;  // NOLINT(google-explicit-constructor)
};

template <class Aggregate, class... Members>
constexpr std::size_t member_count() {
  if constexpr (requires { Aggregate{Members{}..., AnyMember{}}; }) {
    return member_count<Aggregate, Members..., AnyMember>();
  } else {
    return sizeof...(Members);
  }
}

std::ptrdiff_t offset_of(const RiskParameter& row) {
  static const RiskConfig config;
  return std::visit(
      [](auto member) {
        return reinterpret_cast<const char*>(&(config.*member)) -
               reinterpret_cast<const char*>(&config);
      },
      row.member);
}

TEST(RiskParameterTable, BindsEveryRiskConfigMemberExactlyOnce) {
  const auto& table = risk_parameter_table();
  EXPECT_EQ(member_count<RiskConfig>(), table.size())
      << "a RiskConfig member is declared outside risk_parameter_list.def";
  std::set<std::ptrdiff_t> offsets;
  for (const auto& row : table)
    EXPECT_TRUE(offsets.insert(offset_of(row)).second) << row.spec.key << " binds a bound member";
}

TEST(RiskParameterTable, RiskConfigDefaultsAreTheTableDefaults) {
  const RiskConfig defaults{};
  for (const auto& row : risk_parameter_table())
    EXPECT_EQ(core::member_value(defaults, row), row.spec.default_value) << row.spec.key;
}

TEST(RiskParameterTable, LoadingTheBuiltInDefaultsGivesRiskConfigDefaults) {
  const RiskConfig defaults{};
  const auto loaded = risk_config_from(risk_parameters());
  for (const auto& row : risk_parameter_table())
    EXPECT_EQ(core::member_value(loaded, row), core::member_value(defaults, row)) << row.spec.key;
}

TEST(RiskParameterTable, LoadingSetsTheBoundMember) {
  auto parameters = risk_parameters();
  parameters.apply_yaml_text(
      "max_position_pct: 0.07\n"
      "strategy: {exit_manager: {time_decay_exit_days: 20}}\n"
      "intraday: {exits: {profit_take_pct: 0.12}, entry_triggers: {disabled_triggers: "
      "[vwap_discount, "
      "pullback, vwap_discount]}}\n"
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

TEST(RiskParameterTable, TunableParametersAreNumbersWithATunedAlias) {
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
