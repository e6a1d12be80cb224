// The executor's parameters as one plain struct, read once from the layered
// ParameterSet (risk_parameters.h), so that the pure planner, sizing, risk and
// exit functions (shared with the backtester) take typed values and never
// look keys up in a hot loop. Units are decimals (0.05 = 5%).
//
// The members and their defaults expand from risk_parameter_list.def, the one
// place each parameter is written: RiskConfig{} holds every built-in default.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>

#include "core/parameters.h"

namespace ae::executor {

struct RiskConfig {
#define AE_RISK_PARAMETER(key, member, type, value, min, max, tuning, tuned_alias, description) \
  type member = value;
#include "executor/risk_parameter_list.def"
};

// Every member from the parameter of its row.
RiskConfig risk_config_from(const core::ParameterSet& parameters);

// Every member under its parameter's key: equal objects, equal configurations
// (what a result computed with the configuration is keyed on).
nlohmann::json risk_config_json(const RiskConfig& config);

}  // namespace ae::executor
