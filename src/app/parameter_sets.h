// Every parameter set an operator can configure, by name, for `ae config`:
//   executor   config/executor.yaml   the broker the executor trades through
//   fix        config/fix.yaml        the FIX session (docs/broker-fix.md)
//   predictor  config/predictor.yaml  training, XGBoost, veto, inference
//   research   config/research.yaml   scanner, scoring weights, agents
//   risk       config/risk.yaml       sizing, construction, risk rules, costs
// effective() applies every layer the running system applies (shipped file,
// profile overlay, the operator's file, tuned values where the set has them)
// and the set's own checks beyond ranges; check_file() validates one YAML file
// against the declaration and those checks, throwing InvalidInput.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/artifact_store.h"
#include "core/parameters.h"

namespace ae::app {

// The names above, in that order.
const std::vector<std::string>& parameter_set_names();

// Throws InvalidInput naming the known sets when `name` is not one of them.
void require_parameter_set(std::string_view name);

core::ParameterSet effective_parameters(std::string_view name,
                                        const std::filesystem::path& user_file,
                                        const core::ArtifactStore& store, std::string_view profile);

void check_parameter_file(std::string_view name, const std::filesystem::path& file);

}  // namespace ae::app
