#include "executor/broker/broker_setting.h"

#include <fmt/format.h>

#include "core/error.h"

namespace ae::executor {

std::string_view to_string(BrokerKind kind) { return kind == BrokerKind::kPaper ? "paper" : "fix"; }

BrokerKind parse_broker_kind(std::string_view text, std::string_view origin) {
  for (auto kind : {BrokerKind::kPaper, BrokerKind::kFix})
    if (text == to_string(kind)) return kind;
  throw core::InvalidInput(fmt::format("{}: broker '{}' is not paper or fix", origin, text));
}

core::ParameterSet executor_settings() {
  return core::ParameterSet(
      "executor", {core::text_parameter("broker", "paper",
                                        "The broker the executor trades through: paper or fix")});
}

core::ParameterSet load_executor_settings(const std::filesystem::path& user_file) {
  auto settings = executor_settings();
  core::apply_shipped_layers(settings, "executor.yaml", core::kDefaultProfile);
  if (std::filesystem::exists(user_file)) settings.apply_yaml_file(user_file);
  parse_broker_kind(settings.get_string("broker"), settings.source_of("broker"));
  return settings;
}

BrokerKind choose_broker(std::string_view requested, const std::filesystem::path& user_file) {
  if (!requested.empty()) return parse_broker_kind(requested, "--broker (or AE_BROKER)");
  const auto settings = load_executor_settings(user_file);
  return parse_broker_kind(settings.get_string("broker"), settings.source_of("broker"));
}

}  // namespace ae::executor
