// The executor's risk, sizing and exit parameters (reference executor.md
// §3.2, §3.5–3.8), declared once with their defaults and allowed ranges.
// Units are decimals everywhere (0.05 = 5%), unlike the reference, which
// mixed percent-valued momentum thresholds in; the ranges are converted.
// Layering: these defaults < config/risk.yaml < $AE_HOME/config/risk.yaml
// < the tuned store object config/executor_params.json (see core/parameters.h).
#pragma once

#include <filesystem>

#include "core/artifact_store.h"
#include "core/parameters.h"

namespace ae::executor {

// The declaration, with every parameter at its built-in default.
core::ParameterSet risk_parameters();

// The store key of the backtester's tuned parameters.
inline constexpr const char* kTunedParametersKey = "config/executor_params.json";

// Applies every layer: the shipped config/risk.yaml (compiled in), then the
// operator's `user_file` if it exists, then the tuned JSON in `store`. A bad
// YAML file throws; a corrupt tuned object or bad tuned values are skipped
// with a warning.
core::ParameterSet load_risk_parameters(const std::filesystem::path& user_file,
                                        const core::ArtifactStore& store);

}  // namespace ae::executor
