#include "research/research_parameters.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/parameter_binding.h"

namespace ae::research {
namespace {

using core::ParameterSpec;

void check_sum(const core::ParameterSet& p, const std::string& group,
               const std::vector<std::string>& keys) {
  double sum = 0;
  for (const auto& key : keys) sum += p.get_double(group + "." + key);
  if (std::abs(sum - 1.0) > 1e-6) {
    throw core::InvalidInput("research parameters: the weights of '" + group + "' sum to " +
                             std::to_string(sum) + ", not 1");
  }
}

}  // namespace

core::ParameterSet research_parameters() {
  std::vector<ParameterSpec> specs = {
#define AE_SPEC(key, type, value, min, max, description) \
  core::typed_parameter<type>(key, value, min, max, description),
#define AE_RESEARCH_PARAMETER AE_SPEC
#define AE_RESEARCH_LIST_PARAMETER(key, description, ...) \
  core::typed_parameter<std::vector<std::string>>(key, {__VA_ARGS__}, 0, 0, description),
#define AE_SCANNER_PARAMETER(key, member, ...) AE_SPEC(key, __VA_ARGS__)
#define AE_TECHNICAL_WEIGHT(key, member, ...) AE_SPEC(key, __VA_ARGS__)
#define AE_COMPOSITE_PARAMETER(key, member, ...) AE_SPEC(key, __VA_ARGS__)
#define AE_CIO_PARAMETER(key, member, ...) AE_SPEC(key, __VA_ARGS__)
#define AE_POPULATION_PARAMETER(key, member, ...) AE_SPEC(key, __VA_ARGS__)
#include "research/research_parameter_list.def"
#undef AE_SPEC
  };
  return core::ParameterSet("research", std::move(specs),
                            {"updated_at", "best_sharpe", "best_alpha", "improvement_pct",
                             "n_combos_tested", "manual_override"});
}

void check_research_parameters(const core::ParameterSet& p) {
  check_sum(p, "technical.weights", {"rsi", "macd", "ma50", "ma200", "momentum"});
  const double legacy = p.get_double("composite.weight_quant") +
                        p.get_double("composite.weight_qual") +
                        p.get_double("composite.weight_factor");
  if (std::abs(legacy - 1.0) > 1e-6) {
    throw core::InvalidInput("research parameters: composite.weight_{quant,qual,factor} sum to " +
                             std::to_string(legacy) + ", not 1");
  }
  const auto& policy = p.get_string("cio.agent_failure_policy");
  if (policy != "rule" && policy != "top2") {
    throw core::InvalidInput("research parameters: cio.agent_failure_policy is '" + policy +
                             "'; expected 'rule' or 'top2'");
  }
  if (p.get_int("population.max_size") < p.get_int("population.target_size")) {
    throw core::InvalidInput("research parameters: population.max_size is below target_size");
  }
  if (p.get_double("composite.sell_threshold") >= p.get_double("composite.buy_threshold")) {
    throw core::InvalidInput(
        "research parameters: composite.sell_threshold must be below buy_threshold");
  }
}

core::ParameterSet load_research_parameters(const std::filesystem::path& user_file,
                                            const core::ArtifactStore& store,
                                            std::string_view profile) {
  auto parameters = research_parameters();
  core::apply_standard_layers(parameters, "research.yaml", profile, user_file, store,
                              kTunedParametersKey);
  check_research_parameters(parameters);
  return parameters;
}

}  // namespace ae::research
