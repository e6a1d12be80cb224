// The predictor's parameters (features, label, walk-forward, XGBoost, veto,
// promotion, output gate), declared once with defaults and allowed ranges.
// Layering (core/parameters.h): these defaults < config/predictor.yaml
// (compiled in) < $AE_HOME/config/predictor.yaml < the backtester's tuned
// store object config/predictor_params.json (e.g. "veto_confidence").
#pragma once

#include <filesystem>
#include <string_view>

#include "core/artifact_store.h"
#include "core/parameters.h"

namespace ae::predictor {

core::ParameterSet predictor_parameters();

core::ParameterSet load_predictor_parameters(const std::filesystem::path& user_file,
                                             const core::ArtifactStore& store,
                                             std::string_view profile);

}  // namespace ae::predictor
