#include "research/parameter_tables.h"

#define AE_BOUND_ROW(Config, key, member, type, value, min, max, description) \
  core::bind_parameter<Config, type>(&Config::member, key, value, min, max, description),

namespace ae::research {

const ParameterTable<ScannerParams>& scanner_parameter_table() {
  static const ParameterTable<ScannerParams> table = {
#define AE_SCANNER_PARAMETER(...) AE_BOUND_ROW(ScannerParams, __VA_ARGS__)
#include "research/research_parameter_list.def"
  };
  return table;
}

const ParameterTable<TechnicalWeights>& technical_weight_table() {
  static const ParameterTable<TechnicalWeights> table = {
#define AE_TECHNICAL_WEIGHT(...) AE_BOUND_ROW(TechnicalWeights, __VA_ARGS__)
#include "research/research_parameter_list.def"
  };
  return table;
}

const ParameterTable<CompositeWeights>& composite_parameter_table() {
  static const ParameterTable<CompositeWeights> table = {
#define AE_COMPOSITE_PARAMETER(...) AE_BOUND_ROW(CompositeWeights, __VA_ARGS__)
#include "research/research_parameter_list.def"
  };
  return table;
}

const ParameterTable<CioParams>& cio_parameter_table() {
  static const ParameterTable<CioParams> table = {
#define AE_CIO_PARAMETER(...) AE_BOUND_ROW(CioParams, __VA_ARGS__)
#include "research/research_parameter_list.def"
  };
  return table;
}

const ParameterTable<PopulationParams>& population_parameter_table() {
  static const ParameterTable<PopulationParams> table = {
#define AE_POPULATION_PARAMETER(...) AE_BOUND_ROW(PopulationParams, __VA_ARGS__)
#include "research/research_parameter_list.def"
  };
  return table;
}

}  // namespace ae::research

#undef AE_BOUND_ROW
