#include "executor/risk_config.h"

#include "core/parameter_binding.h"
#include "executor/risk_parameters.h"

namespace ae::executor {

RiskConfig risk_config_from(const core::ParameterSet& parameters) {
  return core::bound_config<RiskConfig>(parameters, risk_parameter_table());
}

}  // namespace ae::executor
