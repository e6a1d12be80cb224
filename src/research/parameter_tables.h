// The research parameters the stage reads into plain structs, as tables that
// bind each parameter's spec to its struct member. The rows expand from
// research_parameter_list.def, as do the structs' members and defaults, so a
// struct read from a layered ParameterSet (core::bound_config) and the
// struct's own defaults always agree with the research ParameterSet.
#pragma once

#include <vector>

#include "core/parameter_binding.h"
#include "research/cio.h"
#include "research/population.h"
#include "research/scanner.h"
#include "research/scoring.h"
#include "research/technical_score.h"

namespace ae::research {

template <class Config>
using ParameterTable = std::vector<core::BoundParameter<Config>>;

const ParameterTable<ScannerParams>& scanner_parameter_table();
const ParameterTable<TechnicalWeights>& technical_weight_table();
const ParameterTable<CompositeWeights>& composite_parameter_table();
const ParameterTable<CioParams>& cio_parameter_table();
const ParameterTable<PopulationParams>& population_parameter_table();

}  // namespace ae::research
