#include "app/parameter_sets.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <functional>

#include "core/error.h"
#include "executor/broker/broker_setting.h"
#include "executor/broker/fix/fix_settings.h"
#include "executor/risk_parameters.h"
#include "predictor/parameters.h"
#include "research/research_parameters.h"

namespace ae::app {
namespace {

struct ParameterSetEntry {
  std::string name;
  std::function<core::ParameterSet()> declaration;
  // Every layer applied; the checks run.
  std::function<core::ParameterSet(const std::filesystem::path&, const core::ArtifactStore&,
                                   std::string_view)>
      effective;
  // The set's own rules beyond each parameter's range.
  std::function<void(const core::ParameterSet&)> check;
};

void check_broker(const core::ParameterSet& p) {
  executor::parse_broker_kind(p.get_string("broker"), p.source_of("broker"));
}

void check_fix(const core::ParameterSet& p) { executor::fix_session_config(p); }

const std::vector<ParameterSetEntry>& entries() {
  static const std::vector<ParameterSetEntry> table = {
      // Neither set has tuned values or profile overlays.
      {"executor", executor::executor_settings,
       [](const auto& file, const auto&, auto) { return executor::load_executor_settings(file); },
       check_broker},
      {"fix", executor::fix_parameters,
       [](const auto& file, const auto&, auto) {
         auto p = executor::load_fix_parameters(file);
         check_fix(p);
         return p;
       },
       check_fix},
      {"predictor", predictor::predictor_parameters, predictor::load_predictor_parameters,
       [](const core::ParameterSet&) {}},
      {"research", research::research_parameters, research::load_research_parameters,
       research::check_research_parameters},
      {"risk", executor::risk_parameters, executor::load_risk_parameters,
       [](const core::ParameterSet&) {}},
  };
  return table;
}

const ParameterSetEntry& entry(std::string_view name) {
  for (const auto& e : entries())
    if (e.name == name) return e;
  throw core::InvalidInput(fmt::format("unknown parameter set '{}' (known: {})", name,
                                       fmt::join(parameter_set_names(), ", ")));
}

}  // namespace

const std::vector<std::string>& parameter_set_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& e : entries()) out.push_back(e.name);
    return out;
  }();
  return names;
}

void require_parameter_set(std::string_view name) { entry(name); }

core::ParameterSet effective_parameters(std::string_view name,
                                        const std::filesystem::path& user_file,
                                        const core::ArtifactStore& store,
                                        std::string_view profile) {
  return entry(name).effective(user_file, store, profile);
}

void check_parameter_file(std::string_view name, const std::filesystem::path& file) {
  const auto& e = entry(name);
  auto parameters = e.declaration();
  parameters.apply_yaml_file(file);
  e.check(parameters);
}

}  // namespace ae::app
