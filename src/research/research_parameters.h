// The research stage's parameters, declared once in
// research_parameter_list.def with their keys, defaults, allowed ranges and
// descriptions (and, for those read into a struct, the struct member; see
// parameter_tables.h). Units are decimals (0.05 = 5%) for every
// price-derived quantity; scores are 0-100; RSI is on its 0-100 scale.
// Layering (core/parameters.h): these defaults <
// config/research.yaml (compiled in) < the operator's file < the tuned store
// object config/research_params.json. After layering, the weight groups must
// sum to 1 and the enumerated strings must be known, else InvalidInput.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/artifact_store.h"
#include "core/parameters.h"

namespace ae::research {

// The declaration, with every parameter at its built-in default.
core::ParameterSet research_parameters();

inline constexpr const char* kTunedParametersKey = "config/research_params.json";

// Applies every layer, then check_research_parameters.
core::ParameterSet load_research_parameters(const std::filesystem::path& user_file,
                                            const core::ArtifactStore& store,
                                            std::string_view profile);

// Throws InvalidInput naming the group when a weight group does not sum to 1
// or a string parameter has an unknown value.
void check_research_parameters(const core::ParameterSet& parameters);

}  // namespace ae::research
