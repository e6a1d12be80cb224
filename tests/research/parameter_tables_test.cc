#include "research/parameter_tables.h"

#include <gtest/gtest.h>

#include "research/research_parameters.h"
#include "support/parameter_table_checks.h"

namespace ae::research {
namespace {

TEST(ResearchParameterTables, EveryStructIsPinnedToItsTable) {
  const auto defaults = research_parameters();
  test::expect_struct_pinned_to_table<ScannerParams>(scanner_parameter_table(), defaults);
  test::expect_struct_pinned_to_table<TechnicalWeights>(technical_weight_table(), defaults);
  test::expect_struct_pinned_to_table<CompositeWeights>(composite_parameter_table(), defaults);
  test::expect_struct_pinned_to_table<CioParams>(cio_parameter_table(), defaults);
  test::expect_struct_pinned_to_table<PopulationParams>(population_parameter_table(), defaults);
}

TEST(ResearchParameterTables, LoadingSetsTheBoundMember) {
  auto parameters = research_parameters();
  parameters.apply_yaml_text(
      "scanner: {momentum_top_n: 40, deep_value_path: false}\n"
      "composite: {weight_qual: 0.4, weight_factor: 0.25}\n"
      "cio: {dual_floor: 55}\n"
      "population: {min_tenure_weeks: 3}\n"
      "technical: {weights: {ma200: 0.3, momentum: 0.1}}\n",
      "test");
  EXPECT_EQ(scanner_params(parameters).momentum_top_n, 40u);
  EXPECT_FALSE(scanner_params(parameters).deep_value_path);
  EXPECT_DOUBLE_EQ(composite_weights(parameters).qual, 0.4);
  EXPECT_DOUBLE_EQ(composite_weights(parameters).factor, 0.25);
  EXPECT_DOUBLE_EQ(cio_params(parameters).dual_floor, 55);
  EXPECT_EQ(population_params(parameters).min_tenure_weeks, 3);
  const auto weights = technical_params(parameters, core::MarketRegime::kNeutral).weights;
  EXPECT_DOUBLE_EQ(weights.ma200, 0.3);
  EXPECT_DOUBLE_EQ(weights.momentum, 0.1);
  EXPECT_DOUBLE_EQ(weights.rsi, 0.2);
}

}  // namespace
}  // namespace ae::research
