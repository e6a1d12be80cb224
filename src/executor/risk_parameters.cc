#include "executor/risk_parameters.h"

namespace ae::executor {

const std::vector<RiskParameter>& risk_parameter_table() {
  static const std::vector<RiskParameter> table = {
#define AE_RISK_PARAMETER(key, member, type, value, min, max, tuning, tuned_alias, description)   \
  {core::bind_parameter<RiskConfig, type>(&RiskConfig::member, key, value, min, max, description, \
                                          tuned_alias),                                           \
   Tuning::tuning},
#include "executor/risk_parameter_list.def"
  };
  return table;
}

core::ParameterSet risk_parameters() {
  return core::ParameterSet("risk", core::specs_of(risk_parameter_table()),
                            {"updated_at", "best_sharpe", "best_alpha", "improvement_pct",
                             "n_combos_tested", "manual_override"});
}

RiskConfig profile_risk_config(std::string_view profile) {
  auto parameters = risk_parameters();
  core::apply_shipped_layers(parameters, "risk.yaml", profile);
  return risk_config_from(parameters);
}

core::ParameterSet load_risk_parameters(const std::filesystem::path& user_file,
                                        const core::ArtifactStore& store,
                                        std::string_view profile) {
  auto parameters = risk_parameters();
  core::apply_standard_layers(parameters, "risk.yaml", profile, user_file, store,
                              kTunedParametersKey);
  return parameters;
}

}  // namespace ae::executor
