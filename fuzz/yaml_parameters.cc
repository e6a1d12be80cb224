// Fuzzes the YAML parameter loader (core/parameters.h, core/parameter_binding.h)
// with the operator's file of each parameter set: the first byte picks the set
// (risk, predictor, research) and the profile, the rest is the file
// ($AE_HOME/config/<set>.yaml), loaded by the set's own loader over the
// shipped layers, then read as the stages read it (every typed getter, and
// RiskConfig and the research structs through their bound tables).
// Asserts: never crashes; a bad file is InvalidInput; the values a file gave,
// written back as a file (JSON is YAML), load to the same values.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/artifact_store.h"
#include "core/error.h"
#include "core/parameter_binding.h"
#include "core/parameters.h"
#include "executor/risk_config.h"
#include "executor/risk_parameters.h"
#include "fuzz_check.h"
#include "fuzz_scratch.h"
#include "predictor/parameters.h"
#include "research/parameter_tables.h"
#include "research/research_parameters.h"

namespace {

namespace fs = std::filesystem;
using ae::core::ParameterSet;
using ae::core::ParameterType;

// A scratch folder for the run (the operator's file, an empty store), removed
ParameterSet load(int set, const fs::path& file, const ae::core::ArtifactStore& store,
                  std::string_view profile) {
  if (set == 0) return ae::executor::load_risk_parameters(file, store, profile);
  if (set == 1) return ae::predictor::load_predictor_parameters(file, store, profile);
  return ae::research::load_research_parameters(file, store, profile);
}

void read_as_the_stages_do(int set, const ParameterSet& parameters) {
  for (const auto& spec : parameters.specs()) {
    switch (spec.type) {
      case ParameterType::kInt:
        parameters.get_int(spec.key);
        break;
      case ParameterType::kDouble:
        parameters.get_double(spec.key);
        break;
      case ParameterType::kBool:
        parameters.get_bool(spec.key);
        break;
      case ParameterType::kString:
        parameters.get_string(spec.key);
        break;
      case ParameterType::kStringList:
        parameters.get_string_list(spec.key);
        break;
    }
  }
  if (set == 0) ae::executor::risk_config_from(parameters);
  if (set == 2) {
    using namespace ae::research;
    ae::core::bound_config<ScannerParams>(parameters, scanner_parameter_table());
    ae::core::bound_config<TechnicalWeights>(parameters, technical_weight_table());
    ae::core::bound_config<CompositeWeights>(parameters, composite_parameter_table());
    ae::core::bound_config<CioParams>(parameters, cio_parameter_table());
    ae::core::bound_config<PopulationParams>(parameters, population_parameter_table());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const FuzzScratch scratch("ae-fuzz-yaml");
  static const ae::core::FileSystemStore store(scratch.root() / "store");
  static const std::vector<std::string> profiles = ae::core::parameter_profiles();
  if (size == 0) return 0;
  const int set = data[0] % 3;
  const std::string& profile = profiles[(data[0] / 3) % profiles.size()];
  const fs::path file = scratch.root() / "parameters.yaml";
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(data) + 1, static_cast<std::streamsize>(size - 1));
  std::optional<ParameterSet> parameters;
  try {
    parameters = load(set, file, store, profile);
  } catch (const ae::core::InvalidInput&) {
    return 0;
  }
  read_as_the_stages_do(set, *parameters);
  const std::string written = parameters->to_json().dump();
  std::ofstream(file, std::ios::binary | std::ios::trunc) << written;
  AE_FUZZ_CHECK(load(set, file, store, profile).to_json() == parameters->to_json());
  return 0;
}
