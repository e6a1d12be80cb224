#include "executor/risk_config.h"

#include <nlohmann/json.hpp>

#include "core/parameter_binding.h"
#include "executor/risk_parameters.h"

namespace ae::executor {

RiskConfig risk_config_from(const core::ParameterSet& parameters) {
  return core::bound_config<RiskConfig>(parameters, risk_parameter_table());
}

nlohmann::json risk_config_json(const RiskConfig& config) {
  nlohmann::json out = nlohmann::json::object();
#define AE_RISK_PARAMETER(key, member, type, value, min, max, tuning, tuned_alias, description) \
  out[key] = config.member;
#include "executor/risk_parameter_list.def"
  return out;
}

}  // namespace ae::executor
