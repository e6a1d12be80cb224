// `ae config ...`: the effective configuration parameters of a set
// (executor, fix, predictor, research or risk: app/parameter_sets.h).
//   ae config show SET [--file F]   every parameter: value, source layer, range
//   ae config check SET FILE        validate a YAML file against the set
// The user's own file defaults to $AE_HOME/config/<set>.yaml; tuned values
// come from the store (config/<stage>_params.json). check exits 1 when
// the file breaks a rule (a file that cannot be read is an error, exit 3).
// JSON: show {"set", "parameters": [{"key", "value", "min"?, "max"?,
// "source"}]}; check {"set", "file", "valid", "problem"?}.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/parameter_sets.h"
#include "cli/command.h"
#include "core/error.h"

namespace ae::cli {
namespace {

std::string range_of(const core::ParameterSpec& spec) {
  if (spec.type != core::ParameterType::kInt && spec.type != core::ParameterType::kDouble)
    return "";
  if (spec.type == core::ParameterType::kInt)
    return fmt::format("[{}, {}]", static_cast<long long>(spec.min),
                       static_cast<long long>(spec.max));
  return "[" + core::to_string(spec.min) + ", " + core::to_string(spec.max) + "]";
}

}  // namespace

void add_config_commands(CLI::App& app, Dispatcher& dispatcher) {
  auto* config =
      app.add_subcommand("config", "Configuration parameters: show effective values, check files");
  config->require_subcommand(1);
  const std::string set_help =
      fmt::format("Parameter set: {}", fmt::join(app::parameter_set_names(), ", "));

  auto* show =
      config->add_subcommand("show", "Print every parameter with its value, source and range");
  auto show_set = std::make_shared<std::string>();
  auto show_file = std::make_shared<std::string>();
  show->add_option("set", *show_set, set_help)->required();
  show->add_option("--file", *show_file,
                   "Operator's YAML file (default $AE_HOME/config/<set>.yaml)");
  dispatcher.bind(show, [show_set, show_file](const Context& context) {
    app::require_parameter_set(*show_set);
    const auto file = show_file->empty() ? context.home.parameter_file(*show_set)
                                         : std::filesystem::path(*show_file);
    if (!show_file->empty() && !std::filesystem::exists(file)) {
      throw core::NotFound("no such file '" + file.string() + "'");
    }
    core::FileSystemStore store(context.home.store());
    const auto parameters =
        app::effective_parameters(*show_set, file, store, context.home.profile());
    const auto values = parameters.to_json();
    if (context.output.json()) {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& spec : parameters.specs()) {
        nlohmann::json row = {{"key", spec.key},
                              {"value", values[spec.key]},
                              {"source", parameters.source_of(spec.key)}};
        if (!range_of(spec).empty()) {
          row["min"] = spec.min;
          row["max"] = spec.max;
        }
        rows.push_back(row);
      }
      context.output.print({{"set", *show_set}, {"parameters", rows}});
      return 0;
    }
    std::cout << std::left << std::setw(46) << "key"
              << "  " << std::setw(12) << "value"
              << "  " << std::setw(22) << "range"
              << "  source\n";
    for (const auto& spec : parameters.specs()) {
      std::cout << std::left << std::setw(46) << spec.key << "  " << std::setw(12)
                << values[spec.key].dump() << "  " << std::setw(22) << range_of(spec) << "  "
                << parameters.source_of(spec.key) << "\n";
    }
    return 0;
  });

  auto* check = config->add_subcommand("check", "Validate a YAML file against a parameter set");
  auto check_set = std::make_shared<std::string>();
  auto check_file = std::make_shared<std::string>();
  check->add_option("set", *check_set, set_help)->required();
  check->add_option("file", *check_file, "YAML file")->required();
  dispatcher.bind(check, [check_set, check_file](const Context& context) {
    app::require_parameter_set(*check_set);
    if (!std::filesystem::exists(*check_file))
      throw core::NotFound("no such file '" + *check_file + "'");
    nlohmann::json verdict = {{"set", *check_set}, {"file", *check_file}, {"valid", true}};
    try {
      app::check_parameter_file(*check_set, *check_file);
    } catch (const core::InvalidInput& problem) {
      verdict["valid"] = false;
      verdict["problem"] = problem.what();
    }
    context.output.print(verdict, [&](std::ostream& out) {
      if (verdict["valid"]) {
        out << "ok: " << *check_file << " is a valid " << *check_set << " parameter file\n";
      } else {
        out << "invalid: " << verdict["problem"].get<std::string>() << "\n";
      }
    });
    return verdict["valid"] ? kExitOk : kExitNegative;
  });
}

}  // namespace ae::cli
