// The executor's risk, sizing, exit, intraday and paper-broker parameters,
// declared once in risk_parameter_list.def with their keys, RiskConfig
// members, defaults, allowed ranges, descriptions, tuned aliases and whether
// the backtester may tune them. Units are decimals everywhere (0.05 = 5%).
// Layering: these defaults < config/risk.yaml < $AE_HOME/config/risk.yaml
// < the tuned store object config/executor_params.json (see core/parameters.h).
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/artifact_store.h"
#include "core/parameter_binding.h"
#include "core/parameters.h"
#include "executor/risk_config.h"

namespace ae::executor {

// Whether a parameter may be an axis of the backtester's tuning grid.
enum class Tuning {
  kFixed,    // not offered to the grid
  kTunable,  // an axis, named by its tuned alias
  kSafety,   // never an axis, asking for one is an error
};

// One row of the table: the spec, the RiskConfig member it sets, its tuning.
struct RiskParameter : core::BoundParameter<RiskConfig> {
  Tuning tuning = Tuning::kFixed;
};

// Every parameter, in declaration order.
const std::vector<RiskParameter>& risk_parameter_table();

// The declaration, with every parameter at its built-in default.
core::ParameterSet risk_parameters();

// The store key of the backtester's tuned parameters.
inline constexpr const char* kTunedParametersKey = "config/executor_params.json";

// The shipped defaults with a profile's overlay (no operator file, no tuned
// values): what `--profile <profile>` starts from.
RiskConfig profile_risk_config(std::string_view profile);

// Applies every layer: the shipped config/risk.yaml (compiled in), then the
// operator's `user_file` if it exists, then the tuned JSON in `store`. A bad
// YAML file throws; a corrupt tuned object or bad tuned values are skipped
// with a warning.
core::ParameterSet load_risk_parameters(const std::filesystem::path& user_file,
                                        const core::ArtifactStore& store, std::string_view profile);

}  // namespace ae::executor
